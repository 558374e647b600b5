/**
 * The plain data that crosses the IPC boundary (main → renderer). Shared by the core, the shells and
 * the renderer; nothing here may carry a token, a secret or a path the user did not pick.
 */

export type ErrorKind =
  | 'offline' // this computer's network does not reach the internet (no route, no name server, silence)
  | 'hubspot-unreachable' // the network answers, HubSpot's address does not: refused, no such name, a certificate that is not HubSpot's
  | 'hubspot-down' // 5xx, timeouts, dropped connections
  | 'rate-limited' // 429 that outlasted our retries
  | 'daily-limit' // 429 with the DAILY policy: do not retry until tomorrow
  | 'revoked' // refresh refused: tokens revoked, app uninstalled
  | 'not-signed-in'
  | 'missing-scope'
  | 'declined' // the user clicked Cancel on HubSpot's consent page
  | 'timed-out'
  | 'ports-busy' // every sign-in port is taken
  | 'hubspot-error' // HubSpot answered with something we cannot use
  | 'cancelled'
  | 'busy' // the same work is already running
  | 'bad-input' // a malformed IPC call or request
  | 'permission-denied'
  | 'folder-missing'
  | 'disk-full'
  | 'storage-locked' // the OS keychain did not unlock: the saved sign-in is kept, not lost
  | 'internal';

export interface ErrorView {
  kind: ErrorKind;
  message: string;
  details?: Record<string, string | number | boolean>;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

export interface AppInfo {
  name: string;
  version: string;
  /** 'sandbox': no HubSpot app is configured, the app shows sample data from the local sandbox. */
  mode: 'sandbox' | 'hubspot';
  shell: 'desktop' | 'preview';
  platform: string;
  account: Account | null;
}

export interface MissingScope {
  scope: string;
  /** What the user cannot do without it, in plain words. */
  blocks: string;
  /** Asked for as optional: the app works without it, minus `blocks`. */
  optional?: boolean;
}

export interface Account {
  hubId: number;
  domain: string;
  userEmail: string;
  /** The signed-in HubSpot user's id (introspection's `user_id`), when HubSpot gives it: matches their owner's `userId`. */
  userId?: number;
  scopes: string[];
  missingScopes: MissingScope[];
}

export type AuthState =
  // Start-up (desktop shell): the saved sign-in is being read. 'unlocking' while the OS keychain
  // answers (it may be locked and ask the user), then 'checking' while HubSpot confirms it.
  | { status: 'restoring'; step: 'unlocking' | 'checking' }
  | { status: 'signed-out'; error?: ErrorView; notice?: string }
  | { status: 'signing-in'; startedAt: number; expiresAt: number }
  | { status: 'signed-in'; account: Account; storage: TokenStorageView }
  | { status: 'needs-sign-in'; reason: ErrorView; account: Account | null };

export interface TokenStorageView {
  /** 'weak': the OS offers no real protection (Linux basic_text); see rememberSignIn. */
  protection: 'os' | 'weak';
  /** Whether the sign-in survives a restart (false on weak storage until the user consents). */
  remembered: boolean;
}

export interface SignOutResult {
  /** False when HubSpot could not be told (offline): the tokens were still forgotten here. */
  revokedAtHubSpot: boolean;
  cachedContactsDeleted: boolean;
}

export interface PropertyInfo {
  name: string;
  label: string;
  type: string;
  groupName: string;
  description: string;
  hidden: boolean;
  /** For dropdown-style properties (e.g. lifecyclestage): the label to show for each stored value. */
  options: readonly { value: string; label: string }[];
  /** Whether the sync fetches it (the default set plus any the user added). */
  synced: boolean;
}

export type SortDirection = 'asc' | 'desc';

export interface ContactsQuery {
  search: string;
  sort: { column: string; direction: SortDirection };
  columns: string[];
  offset: number;
  limit: number;
  /** A view's filters (issue 16); combined with AND, and with the search. */
  filters?: ViewFilter[];
}

export interface ContactRow {
  id: string;
  /** One cell per requested column, in the same order. */
  cells: (string | null)[];
}

export interface ContactsPage {
  rows: ContactRow[];
  /** Rows matching the search (all rows when the search is empty). */
  total: number;
  offset: number;
  /** Filters of the view that are not applied, or only partly (issue 16). */
  filterIssues?: FilterIssue[];
  /** The sort was not applied: the rows are in the default order (issue 15). */
  sortIssue?: SortIssue;
}

// Issue 15: a sort on a property HubSpot no longer has falls back to the default order, and says so.
export interface SortIssue {
  /** The column the query asked to sort by. */
  column: string;
  /** A plain sentence for the table's notice. */
  reason: string;
}

export interface ContactsSummary {
  count: number;
  lastSyncedAt: number | null;
  visibleColumns: string[];
  syncedProperties: string[];
}

export interface SyncProgress {
  running: boolean;
  kind: 'full' | 'incremental' | null;
  fetched: number;
  /** Known when HubSpot can tell it. */
  total: number | null;
  startedAt: number | null;
  lastSyncedAt: number | null;
  error: ErrorView | null;
}

export interface ExportRequest {
  columns: string[];
  /** The table's order; id order when absent. */
  sort?: { column: string; direction: SortDirection };
  /**
   * 'all': every cached contact (search and filters ignored). 'view': exactly the table's view, its
   * search and filters applied as the table applies them (the rows the table counts, in its order).
   */
  scope: 'all' | 'view';
  /** scope 'view': the view's search ('' for none). */
  search: string;
  /** scope 'view': the view's filters, as in ContactsQuery (none when absent). */
  filters?: ViewFilter[];
  /** scope 'view': the view's name ("My customers") for the file name; absent for an unnamed view. */
  viewName?: string;
  header: 'labels' | 'names';
  /** 'csv', or an Excel workbook. */
  format: 'csv' | 'xlsx';
  /** 'shown': as the table shows them (labels, names, dates); 'stored': HubSpot's raw strings. */
  values: 'shown' | 'stored';
  /** CSV only: byte order mark, CRLF, ids kept as text. */
  excelFriendly: boolean;
  /** CSV only. */
  delimiter: ',' | ';';
}

export interface ExportProgress {
  exportId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  written: number;
  total: number;
  /** The file's name (not its folder) once done. */
  fileName: string | null;
  /** A finished workbook's sheet count (more than one when the rows did not fit one sheet); null for CSV. */
  sheets: number | null;
  error: ErrorView | null;
}

export type ConnectionState =
  | 'signed-out'
  | 'checking'
  | 'connected'
  | 'syncing'
  | 'offline'
  | 'hubspot-unreachable'
  | 'hubspot-unavailable'
  | 'rate-limited'
  | 'needs-sign-in'
  | 'missing-scopes';

export interface StatusView {
  state: ConnectionState;
  label: string;
  sentence: string;
  action: { label: string; command: 'sign-in' | 'check-connection' | 'wait' | 'none' } | null;
  lastSuccessAt: number | null;
  checkedAt: number | null;
  portal: string | null;
}

export interface Settings {
  checkIntervalMinutes: number;
  closeToTray: boolean;
  visibleColumns: string[];
  extraSyncedProperties: string[];
}

// --- the contact cache (issue 14)
/**
 * 'reloading' while Contact Desk replaces the part that reads and saves contacts after it stopped;
 * 'unavailable' once it has stopped too often to go on replacing it, until `reopenCache`.
 */
export interface CacheStatusView {
  state: 'ready' | 'reloading' | 'unavailable';
}

// ── Views (issue 16): filters, "My contacts", HubSpot lists, saved views ──────────────────────────

/** Relative date ranges, resolved in the computer's time zone each time the view is used. */
export type DatePreset = 'today' | 'last-7-days' | 'this-month' | 'this-quarter' | 'this-year';

/** A preset, or calendar days (YYYY-MM-DD, local time, both ends included; either end may be open). */
export type DateRange = { preset: DatePreset } | { from: string | null; to: string | null };

/**
 * One filter of a view. Filters combine with AND; the values of one filter with OR. Property names
 * are HubSpot's internal names; values are internal values (labels come from the property's options).
 */
export type ViewFilter =
  /** Contact owner: 'me' (the signed-in user's owner record), 'none' (no owner) or owner ids. */
  | { kind: 'owner'; owners: string[] }
  | { kind: 'is-any-of'; property: string; values: string[] }
  | { kind: 'is-empty'; property: string }
  | { kind: 'is-not-empty'; property: string }
  /** Case- and accent-insensitive. */
  | { kind: 'contains'; property: string; text: string }
  /** A date or date-time property (Create date, Last modified) within the range. */
  | { kind: 'date'; property: string; range: DateRange }
  /** Members of a HubSpot contact list, as last fetched (kept in the cache, so it works offline). */
  | { kind: 'list'; listId: string };

export type ViewFilterKind = ViewFilter['kind'];

/** Something about one filter of a view the user should know, e.g. that it is no longer available. */
export interface FilterIssue {
  /** Position of the filter in the view's `filters`. */
  index: number;
  /** A plain sentence for the chip, e.g. "The list “Spring Event” was deleted in HubSpot, so this filter is not applied." */
  reason: string;
  /** False: the filter is left out ("no longer available") and the rest of the view applies. */
  applied: boolean;
}

/** Everything a view decides about the table and its export. A plain value: saved, exported, scheduled. */
export interface ViewDefinition {
  filters: ViewFilter[];
  search: string;
  columns: string[];
  sort: { column: string; direction: SortDirection };
}

export interface SavedView extends ViewDefinition {
  /** Stable across renames; what schedules and "last used" refer to. */
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** The two views every user has; they keep the user's own columns and sort. */
export type BuiltInViewId = 'all-contacts' | 'my-contacts';

export interface ViewsState {
  saved: SavedView[];
  /** The view last chosen (built-in or saved); comes back after a restart. */
  lastUsed: string;
}

export interface OwnerChoice {
  id: string;
  /** "First Last", else the email, else "Owner <id>". */
  name: string;
  email: string | null;
  archived: boolean;
}

export interface ListInfo {
  listId: string;
  name: string;
  /** MANUAL = static list, DYNAMIC = active list, SNAPSHOT = static list built once from filters. */
  processingType: string;
  /** HubSpot's count when the lists were last fetched. */
  size: number | null;
  /** When this computer last fetched the members (null: never, so the list cannot be used offline yet). */
  membersFetchedAt: number | null;
  /** Cached members. */
  cachedMembers: number;
  /** The last refresh failed: the previous members are still used. */
  problem: string | null;
  /** HubSpot no longer has the list. */
  deleted: boolean;
}

/** What the Filters panel offers besides the properties (listProperties). */
export interface FilterChoices {
  owners: OwnerChoice[];
  /** The signed-in user's owner id, when HubSpot has one for them. */
  me: string | null;
  /** Why owners (or "Me") are missing, in plain words; null when they are all there. */
  ownersNote: string | null;
  lists: ListInfo[];
  /** Why lists cannot be used (e.g. the crm.lists.read scope is missing); null when they can. */
  listsNote: string | null;
}

// Open at login (issue 18)
export interface OpenAtLoginView {
  /** Whether the OS will open Contact Desk at the next sign-in, read from the OS each time. */
  enabled: boolean;
  /** Set by the IT admin for everyone: the user can't change it. */
  managed: 'on' | 'off' | null;
  /** Why it is not as asked, in one sentence: the OS refused, or waits for the user's approval. */
  problem: string | null;
}

// ── Scheduled exports (issue 17) ──────────────────────────────────────────────────────────────────

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** When a schedule runs, in the computer's local time; `time` is "HH:MM" (24-hour clock). */
export type ScheduleWhen =
  | { every: 'day'; time: string }
  | { every: 'week'; days: Weekday[]; time: string }
  /** `day` 29–31 means the month's last day in shorter months. */
  | { every: 'month'; day: number; time: string };

/** The export dialog's choices a schedule repeats; the view gives the filters, search and order. */
export interface ScheduleExportChoices {
  /** A saved view's id, or a built-in view ('all-contacts', 'my-contacts'). */
  viewId: string;
  columns: string[];
  header: ExportRequest['header'];
  format: ExportRequest['format'];
  values: ExportRequest['values'];
  excelFriendly: boolean;
  delimiter: ExportRequest['delimiter'];
}

/** What the user sets up; a plain value, saved as it is. */
export interface ScheduleDefinition {
  when: ScheduleWhen;
  /** An absolute folder the user chose (the folder picker, or in the preview a folder under home or the data folder). */
  folder: string;
  /** The file name, with `{view}` and `{yyyy-MM-dd}` filled in at each run; the extension follows the format. */
  fileName: string;
  /** 'replace-last': each run replaces the file this schedule wrote last (and only that file). */
  keep: 'every' | 'replace-last';
  /** Sync with HubSpot before exporting (skipped when offline, with a note in the result). */
  syncFirst: boolean;
  export: ScheduleExportChoices;
}

export interface ScheduleRunResult {
  at: number;
  ok: boolean;
  /** The file written (its name, not its folder), when the run succeeded. */
  fileName: string | null;
  rows: number | null;
  /** A plain sentence: what was saved, or why it wasn't. */
  message: string;
  /** Something worth knowing about a run that still worked, e.g. that it exported without syncing. */
  note: string | null;
}

export interface ScheduledExport extends ScheduleDefinition {
  id: string;
  /** The view's name when the schedule was last saved or run. */
  viewName: string;
  createdAt: number;
  updatedAt: number;
  /** Why the schedule is paused, in one sentence (the user paused it, or its view was deleted); null when active. */
  paused: string | null;
  /** Null while paused. */
  nextRunAt: number | null;
  lastRunAt: number | null;
  lastResult: ScheduleRunResult | null;
  running: boolean;
}

export interface SchedulesState {
  schedules: ScheduledExport[];
  /** True where a native folder picker exists (desktop); the preview asks for a typed folder path. */
  canChooseFolder: boolean;
}
