/**
 * The one IPC contract. Every request channel and every event is declared here once, with a runtime
 * schema for its input. The main-side router, the preload, the preview bridge and the renderer
 * client are all derived from these tables: no channel name is written anywhere else.
 */
import { z } from 'zod';
import type {
  AppInfo,
  AuthState,
  ContactsPage,
  ContactsSummary,
  ExportProgress,
  PropertyInfo,
  Settings,
  SignOutResult,
  StatusView,
  SyncProgress,
  IpcResult,
  CacheStatusView,
  SavedView,
  ViewsState,
  FilterChoices,
  ListInfo,
  OpenAtLoginView,
  ScheduledExport,
  SchedulesState,
} from './types.ts';

/** A request channel: the schema its input must pass, and (as a phantom) the type it answers. */
export interface Channel<Input extends z.ZodType, Output> {
  input: Input;
  output?: Output;
}
const channel = <Output>() => <Input extends z.ZodType>(input: Input): Channel<Input, Output> => ({ input });

const noInput = z.undefined();
const propertyName = z.string().min(1).max(100).regex(/^[a-z0-9_]+$/i, 'a HubSpot property name');
const columns = z.array(propertyName).min(1).max(200);
/** The longest search the app takes; the search box shortens a longer one (saying so) before asking. */
export const searchMaxLength = 500;
const search = z.string().max(searchMaxLength);
const sort = z.strictObject({ column: propertyName, direction: z.enum(['asc', 'desc']) });

// ── Views (issue 16): the filter and view model ──────────────────────────────────────────────────
/** Calendar days as the date inputs give them; "2025-02-30" is not a day. */
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  }, 'a real calendar day');
const dateRange = z.union([
  z.strictObject({ preset: z.enum(['today', 'last-7-days', 'this-month', 'this-quarter', 'this-year']) }),
  z
    .strictObject({ from: calendarDay.nullable(), to: calendarDay.nullable() })
    .refine((range) => range.from !== null || range.to !== null, 'a range needs a start or an end')
    .refine((range) => range.from === null || range.to === null || range.from <= range.to, 'the start comes before the end'),
]);
/** HubSpot ids (owners, lists) are decimal numbers sent as strings. */
const hubspotId = z.string().regex(/^\d{1,20}$/, 'a HubSpot id');
const filterValue = z.string().min(1).max(1000);
export const viewFilterSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('owner'), owners: z.array(z.union([z.literal('me'), z.literal('none'), hubspotId])).min(1).max(500) }),
  z.strictObject({ kind: z.literal('is-any-of'), property: propertyName, values: z.array(filterValue).min(1).max(500) }),
  z.strictObject({ kind: z.literal('is-empty'), property: propertyName }),
  z.strictObject({ kind: z.literal('is-not-empty'), property: propertyName }),
  z.strictObject({ kind: z.literal('contains'), property: propertyName, text: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal('date'), property: propertyName, range: dateRange }),
  z.strictObject({ kind: z.literal('list'), listId: hubspotId }),
]);
export const viewFiltersSchema = z.array(viewFilterSchema).max(30);
export const viewDefinitionSchema = z.strictObject({ filters: viewFiltersSchema, search, columns, sort });
/** Names are checked by the views service, which explains a refusal in words; this only bounds the size. */
const viewName = z.string().max(2000);
const viewId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a view id');

// ── Scheduled exports (issue 17): the schedule model ─────────────────────────────────────────────
/** "HH:MM" on a 24-hour clock: 25:61 is not a time. */
const scheduleTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export const scheduleWhenSchema = z.discriminatedUnion('every', [
  z.strictObject({ every: z.literal('day'), time: scheduleTime }),
  z.strictObject({
    every: z.literal('week'),
    days: z.array(weekday).min(1).max(7).refine((days) => new Set(days).size === days.length, 'each day once'),
    time: scheduleTime,
  }),
  z.strictObject({ every: z.literal('month'), day: z.number().int().min(1).max(31), time: scheduleTime }),
]);
/** Paths and names are checked further by the schedules service (schedule-rules.ts), which explains a refusal. */
export const scheduleDefinitionSchema = z.strictObject({
  when: scheduleWhenSchema,
  folder: z.string().min(1).max(1000),
  fileName: z.string().min(1).max(200),
  keep: z.enum(['every', 'replace-last']),
  syncFirst: z.boolean(),
  export: z.strictObject({
    viewId,
    columns,
    header: z.enum(['labels', 'names']),
    format: z.enum(['csv', 'xlsx']),
    values: z.enum(['shown', 'stored']),
    excelFriendly: z.boolean(),
    delimiter: z.enum([',', ';']),
  }),
});
const scheduleId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a schedule id');

export const channels = {
  getAppInfo: channel<AppInfo>()(noInput),

  getAuthState: channel<AuthState>()(noInput),
  startSignIn: channel<AuthState>()(noInput),
  cancelSignIn: channel<AuthState>()(noInput),
  reopenSignInPage: channel<void>()(noInput),
  /** On weak storage (Linux basic_text), the user's explicit consent to keep the sign-in on disk. */
  rememberSignIn: channel<AuthState>()(z.strictObject({ remember: z.boolean() })),
  signOut: channel<SignOutResult>()(z.strictObject({ deleteCachedContacts: z.boolean() })),

  getContactsSummary: channel<ContactsSummary>()(noInput),
  queryContacts: channel<ContactsPage>()(
    z.strictObject({
      search,
      sort,
      columns,
      offset: z.number().int().min(0).max(100_000_000),
      limit: z.number().int().min(1).max(500),
      filters: viewFiltersSchema.optional(),
    }),
  ),
  listProperties: channel<PropertyInfo[]>()(noInput),
  syncNow: channel<SyncProgress>()(noInput),
  cancelSync: channel<SyncProgress>()(noInput),
  getSyncProgress: channel<SyncProgress>()(noInput),

  startExport: channel<ExportProgress | null>()(
    z.strictObject({
      columns,
      sort: sort.optional(),
      scope: z.enum(['all', 'view']),
      search,
      // views (issue 16): the view being exported
      filters: viewFiltersSchema.optional(),
      viewName: viewName.optional(),
      header: z.enum(['labels', 'names']),
      format: z.enum(['csv', 'xlsx']),
      values: z.enum(['shown', 'stored']),
      excelFriendly: z.boolean(),
      delimiter: z.enum([',', ';']),
    }),
  ),
  cancelExport: channel<void>()(z.strictObject({ exportId: z.string().min(1).max(100) })),
  showExportInFolder: channel<void>()(z.strictObject({ exportId: z.string().min(1).max(100) })),

  // ── Views (issue 16): saved views ──
  getViews: channel<ViewsState>()(noInput),
  saveView: channel<SavedView>()(z.strictObject({ name: viewName, definition: viewDefinitionSchema })),
  /** Rename, or save the current filters, search, columns and sort into an existing view. */
  updateView: channel<SavedView>()(z.strictObject({ id: viewId, name: viewName.optional(), definition: viewDefinitionSchema.optional() })),
  deleteView: channel<ViewsState>()(z.strictObject({ id: viewId })),
  /** Remembers the chosen view (built-in or saved) so it comes back after a restart. */
  useView: channel<void>()(z.strictObject({ id: viewId })),
  getFilterChoices: channel<FilterChoices>()(noInput),
  /** Fetches the account's contact lists (names, sizes) from HubSpot now. */
  refreshLists: channel<FilterChoices>()(noInput),
  /** Fetches one list's members into the cache now (when it is chosen); refreshed with each sync afterwards. */
  fetchListMembers: channel<ListInfo>()(z.strictObject({ listId: hubspotId })),

  getStatus: channel<StatusView>()(noInput),
  checkConnection: channel<StatusView>()(noInput),

  // --- the contact cache (issue 14)
  getCacheStatus: channel<CacheStatusView>()(noInput),
  /** After 'unavailable': starts the part that reads and saves contacts again (the state follows as 'cacheStatus' events). */
  reopenCache: channel<void>()(noInput),

  getSettings: channel<Settings>()(noInput),
  updateSettings: channel<Settings>()(
    z.strictObject({
      checkIntervalMinutes: z.number().int().min(1).max(24 * 60).optional(),
      closeToTray: z.boolean().optional(),
      visibleColumns: columns.optional(),
      extraSyncedProperties: z.array(propertyName).max(200).optional(),
    }),
  ),

  // Open at login (issue 18)
  getOpenAtLogin: channel<OpenAtLoginView>()(noInput),
  setOpenAtLogin: channel<OpenAtLoginView>()(z.strictObject({ enabled: z.boolean() })),
  /** Call after a scheduled export is saved: true only the first time, and only when the window should offer to turn it on. */
  claimOpenAtLoginOffer: channel<boolean>()(noInput),

  // ── Scheduled exports (issue 17) ──
  getSchedules: channel<SchedulesState>()(noInput),
  saveSchedule: channel<ScheduledExport>()(z.strictObject({ definition: scheduleDefinitionSchema })),
  updateSchedule: channel<ScheduledExport>()(z.strictObject({ id: scheduleId, definition: scheduleDefinitionSchema })),
  deleteSchedule: channel<SchedulesState>()(z.strictObject({ id: scheduleId })),
  /** Starts a run now; the result arrives with schedulesChanged. */
  runScheduleNow: channel<ScheduledExport>()(z.strictObject({ id: scheduleId })),
  pauseSchedule: channel<ScheduledExport>()(z.strictObject({ id: scheduleId, paused: z.boolean() })),
  /** The native folder picker (desktop); null when the user cancels. */
  chooseScheduleFolder: channel<string | null>()(noInput),
  /** Shows the file a schedule wrote last in the file manager (desktop). */
  showScheduleFile: channel<void>()(z.strictObject({ id: scheduleId })),
} as const;

/** Events pushed from main to the renderer. */
export interface Events {
  authChanged: AuthState;
  statusChanged: StatusView;
  syncProgress: SyncProgress;
  contactsChanged: { count: number };
  exportProgress: ExportProgress;
  /** Preview shell only: where Electron would open the system browser, the page opens a tab. */
  openUrl: { url: string };
  /** Preview shell only: where Electron would have saved the file, the page downloads it. */
  download: { url: string; fileName: string };
  /** A command chosen outside the window (tray or app menu) that the window carries out. */
  menuCommand: { command: 'open-export-dialog' | 'open-sign-out-dialog' | 'open-settings-dialog' | 'open-schedules-dialog' };
  /** HubSpot lists were refreshed (after a sync); `problems` says, in plain words, what could not be. */
  listsChanged: { problems: string[] };
  /** The contact cache (issue 14): reloading after one of its workers stopped, or ready again. */
  cacheStatus: CacheStatusView;
  /** Scheduled exports (issue 17): a schedule was saved, ran, or was paused. */
  schedulesChanged: SchedulesState;
}
/** The event names, as a value the preload and the preview iterate. */
export const eventNames = ['authChanged', 'statusChanged', 'syncProgress', 'contactsChanged', 'exportProgress', 'openUrl', 'download', 'menuCommand', 'listsChanged', 'cacheStatus', 'schedulesChanged'] as const satisfies readonly (keyof Events)[];
export type EventName = keyof Events;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export const channelNames = Object.keys(channels) as ChannelName[];

export type InputOf<K extends ChannelName> = z.input<Channels[K]['input']>;
export type OutputOf<K extends ChannelName> = Channels[K] extends Channel<z.ZodType, infer O> ? O : never;

/** What the core implements: one async handler per channel, taking the validated input. */
export type Handlers = { [K in ChannelName]: (input: z.output<Channels[K]['input']>) => Promise<OutputOf<K>> };

type Args<K extends ChannelName> = InputOf<K> extends undefined ? [] : [input: InputOf<K>];
type Subscribe = { on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void };

/**
 * What a shell hands the renderer: the preload's `window.contactDeskBridge` in Electron, the HTTP
 * bridge in the preview. Results stay values here because errors lose their kind across
 * contextBridge; the renderer's client unwraps them.
 */
export type ContactDeskBridge = { [K in ChannelName]: (...args: Args<K>) => Promise<IpcResult<OutputOf<K>>> } & Subscribe;

/** What the renderer's code calls: the bridge with results unwrapped (failures throw ApiError). */
export type ContactDeskApi = { [K in ChannelName]: (...args: Args<K>) => Promise<OutputOf<K>> } & Subscribe;

/** Builds a bridge from a transport; used by the preload and by the preview's page-side client. */
export function createBridge(
  invoke: (channel: ChannelName, input: unknown) => Promise<IpcResult<unknown>>,
  subscribe: (listener: (event: EventName, payload: unknown) => void) => () => void,
): ContactDeskBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of channelNames) bridge[name] = (input?: unknown) => invoke(name, input);
  bridge.on = (event: EventName, listener: (payload: unknown) => void) =>
    subscribe((name, payload) => {
      if (name === event) listener(payload);
    });
  return bridge as ContactDeskBridge;
}

/** The IPC channel names on the wire, derived from the table. */
export const ipcChannelFor = (name: ChannelName): string => `contact-desk:${name}`;
export const ipcEventChannel = 'contact-desk:event';
