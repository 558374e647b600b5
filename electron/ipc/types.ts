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
  scope: 'all' | 'search';
  search: string;
  header: 'labels' | 'names';
  excelFriendly: boolean;
  delimiter: ',' | ';';
}

export interface ExportProgress {
  exportId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  written: number;
  total: number;
  /** The file's name (not its folder) once done. */
  fileName: string | null;
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
/** 'reloading' while Contact Desk replaces the part that reads and saves contacts after it stopped. */
export interface CacheStatusView {
  state: 'ready' | 'reloading';
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
