/**
 * Builds the app's services from the shell's ports and exposes them as the IPC handlers. Both
 * shells (Electron desktop and the browser preview) call only this.
 */
import { join } from 'node:path';
import type { EventName, Events, Handlers } from '../ipc/contract.ts';
import type { AuthState, PropertyInfo, Settings, ConnectionState, StatusView, SyncProgress } from '../ipc/types.ts';
import { createAuthService, type AuthService, type HubSpotConfig } from './auth/auth-service.ts';
import type { AppConfig } from './config.ts';
import { openContactsCache, type ContactsCache } from './contacts/cache.ts';
import { createCountAnnouncer } from './contacts/count-announcer.ts';
import { createProgressAnnouncer } from './contacts/progress-announcer.ts';
import { createOwnersSync, OWNERS_SCOPE } from './contacts/owners-sync.ts';
import { createSyncService, type SyncService } from './contacts/sync.ts';
import { startSyncSchedule, type SyncSchedule } from './contacts/sync-schedule.ts';
import { syncedPropertyList } from './contacts/synced-properties.ts';
import { AppError } from './errors.ts';
import { exportHandlers } from './export/export-handlers.ts';
import { createExporter } from './export/exporter.ts';
import { createHubSpotClient } from './hubspot/client.ts';
import { holdYoungGeneration } from './young-generation.ts';
import { createOpenAtLogin } from './login-item/open-at-login.ts';
import { openAtLoginHandlers } from './login-item/open-at-login-handlers.ts';
import { createContactsApi } from './hubspot/contacts-api.ts';
import { createOwnersApi } from './hubspot/owners-api.ts';
import type { Ports } from './ports.ts';
import { ensurePrivateFolder } from './private-files.ts';
import { createSettingsStore, type SettingsStore } from './settings.ts';
import { createConnectionMonitor, type ConnectionMonitor } from './status/connection-monitor.ts';
import { createViewsService, type ViewsService } from './views/views-service.ts';
import { createSchedulesService } from './schedules/schedules-service.ts';
import { createSyncFirst } from './schedules/sync-first.ts';

export type ResolvedConfig = AppConfig & { hubspot: HubSpotConfig };

export interface Services {
  handlers: Handlers;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  status: {
    current(): StatusView;
    onChange(listener: (status: StatusView) => void): () => void;
    checkNow(): Promise<StatusView>;
    notifyWake(): void;
    notifyNetworkChange(online: boolean): void;
  };
  syncNow(): Promise<void>;
  settings(): Settings;
  /** Scheduled exports (issue 17): the soonest next run, for the tray's tooltip; `check` after wake or a clock change. */
  schedules: { nextRun(): { at: number; viewName: string } | null; check(): void };
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** How often contacts are refreshed in the background while signed in and online. */
const backgroundSyncMinutes = 15;
/** Rows appear in the table while a sync runs, without repainting it on every page. */
const contactsChangedEveryMs = 500;
const syncProgressEveryMs = 250;
const cachedHubKey = 'contacts.hubId';
/** Connection states in which no sync is started. */
const cannotSyncStates: readonly ConnectionState[] = ['offline', 'hubspot-unreachable', 'hubspot-unavailable', 'needs-sign-in'];

/** The cache's property definitions, each marked with whether the sync fetches it. */
async function propertyInfo(cache: ContactsCache, extraSyncedProperties: string[]): Promise<PropertyInfo[]> {
  const synced = new Set(syncedPropertyList(extraSyncedProperties));
  return (await cache.properties()).map((property) => ({
    name: property.name,
    label: property.label,
    type: property.type,
    groupName: property.groupName,
    description: property.description,
    hidden: property.hidden,
    options: property.options,
    synced: synced.has(property.name),
  }));
}

/**
 * Cached contacts belong to one portal: signing in to another starts from an empty cache, emptied
 * before the page hears of the sign-in, so its first look at the contacts never shows the other
 * portal's. State changes are announced one after another, in the order they happened.
 */
function authChangeAnnouncer(deps: {
  cache: ContactsCache;
  store: Ports['store'];
  log: Ports['log'];
  contactsChanged: (force: boolean) => void;
  emit: (state: AuthState) => void;
  signedIn: () => void;
}): (state: AuthState) => void {
  const { cache, store, log, contactsChanged, emit } = deps;
  const announce = async (state: AuthState) => {
    const cachedHub = state.status === 'signed-in' ? store.get(cachedHubKey) : undefined;
    if (state.status === 'signed-in' && cachedHub !== undefined && cachedHub !== state.account.hubId) {
      // A sync cannot be running: it needs a signed-in account, and this one just signed in.
      // (The writer takes calls in order: a sync asked for after this sees the emptied cache.)
      try {
        await cache.clear();
        contactsChanged(true);
      } catch (error) {
        // The sign-in still goes ahead; the next sign-in tries again (the portal on record is unchanged).
        log.error('Could not clear the previous portal\'s contacts', { problem: error instanceof Error ? error.message : String(error) });
        emit(state);
        return;
      }
    }
    emit(state);
    if (state.status !== 'signed-in') return;
    store.set(cachedHubKey, state.account.hubId);
    deps.signedIn();
  };
  let changes = Promise.resolve();
  return (state) => {
    changes = changes.then(() => announce(state)).catch((error: unknown) => log.error('Could not announce a sign-in change', { problem: error instanceof Error ? error.message : String(error) }));
  };
}

/** The table's and the sync's calls: what is cached, a page of it, the properties, and the sync. */
function contactsHandlers(deps: {
  cache: ContactsCache;
  settings: SettingsStore;
  views: Pick<ViewsService, 'filterContext'>;
  sync: SyncService;
  signedIn: () => boolean;
  startSync: () => void;
}): Pick<Handlers, 'getContactsSummary' | 'queryContacts' | 'listProperties' | 'syncNow' | 'cancelSync' | 'getSyncProgress'> {
  const { cache, settings, views, sync } = deps;
  return {
    getContactsSummary: async () => ({
      count: await cache.count(),
      lastSyncedAt: await cache.lastSyncedAt(),
      visibleColumns: settings.get().visibleColumns,
      syncedProperties: syncedPropertyList(settings.get().extraSyncedProperties),
    }),
    queryContacts: (query) => cache.queryShown(query, views.filterContext()),
    listProperties: () => propertyInfo(cache, settings.get().extraSyncedProperties),
    syncNow: async () => {
      if (!deps.signedIn()) {
        throw new AppError('not-signed-in', 'Connect to HubSpot first, then sync your contacts.');
      }
      deps.startSync();
      return sync.progress();
    },
    cancelSync: async () => sync.cancel(),
    getSyncProgress: async () => {
      await sync.ready;
      return sync.progress();
    },
  };
}

/** What the app is, and the sign-in's calls; signing out stops a sync first and may empty the cache. */
function accountHandlers(deps: {
  auth: AuthService;
  sync: SyncService;
  cache: ContactsCache;
  store: Ports['store'];
  contactsChanged: (force: boolean) => void;
  about: { version: string; shell: 'desktop' | 'preview'; mode: AppConfig['mode'] };
}): Pick<Handlers, 'getAppInfo' | 'getAuthState' | 'startSignIn' | 'cancelSignIn' | 'reopenSignInPage' | 'rememberSignIn' | 'signOut'> {
  const { auth, sync, cache, store, about } = deps;
  return {
    getAppInfo: async () => ({ name: 'Contact Desk', ...about, platform: process.platform, account: auth.account() }),
    getAuthState: async () => auth.state(),
    startSignIn: () => auth.startSignIn(),
    cancelSignIn: async () => auth.cancelSignIn(),
    reopenSignInPage: () => auth.reopenSignInPage(),
    rememberSignIn: ({ remember }) => auth.rememberSignIn(remember),
    signOut: async ({ deleteCachedContacts }) => {
      await sync.stop();
      const { revokedAtHubSpot } = await auth.signOut();
      if (deleteCachedContacts) {
        await cache.clear();
        store.delete(cachedHubKey);
        deps.contactsChanged(true);
      }
      return { revokedAtHubSpot, cachedContactsDeleted: deleteCachedContacts };
    },
  };
}

/** What keeps the page, the tray and the sync schedule up to date; returns how to stop following. */
function followChanges(deps: {
  auth: AuthService;
  monitor: ConnectionMonitor;
  sync: SyncService;
  settings: SettingsStore;
  cache: ContactsCache;
  views: Pick<ViewsService, 'refreshLists'>;
  store: Ports['store'];
  log: Ports['log'];
  emit: <E extends EventName>(event: E, payload: Events[E]) => void;
  syncProgress: (progress: SyncProgress) => void;
  contactsChanged: (force: boolean) => void;
  nudgeSync: () => void;
}): (() => void)[] {
  const { auth, monitor, sync, settings, cache, views, emit, contactsChanged } = deps;
  let connectionWasLost = false;
  return [
    auth.onChange(authChangeAnnouncer({ cache, store: deps.store, log: deps.log, contactsChanged, emit: (state) => emit('authChanged', state), signedIn: deps.nudgeSync })),
    monitor.onChange((status) => {
      emit('statusChanged', status);
      // only a connection back after a state that stopped syncing (checks in between aside): a check
      // answering after the user stopped a sync must not restart it
      if (cannotSyncStates.includes(status.state)) connectionWasLost = true;
      if (status.state === 'connected' && connectionWasLost) {
        connectionWasLost = false;
        deps.nudgeSync();
      }
    }),
    sync.onProgress((progress) => {
      deps.syncProgress(progress);
      contactsChanged(!progress.running);
      // HubSpot lists (views) are refreshed after each sync that got through
      if (!progress.running && progress.error === null) void views.refreshLists();
    }),
    settings.onChange(() => monitor.intervalChanged()),
    cache.onStatus((state) => {
      emit('cacheStatus', { state });
      if (state === 'ready') contactsChanged(true);
    }),
  ];
}

export function createServices(config: ResolvedConfig, ports: Ports, app: { version: string; shell: 'desktop' | 'preview' }): Services {
  const { clock, log } = ports;
  holdYoungGeneration(); // the sync's pages would otherwise grow the main thread's young generation to its largest
  const settings = createSettingsStore(ports.store);
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const listener of listeners) listener(event, payload);
  };

  const auth = createAuthService({ config: config.hubspot, ports });
  const client = createHubSpotClient({ baseUrl: config.hubspot.apiBaseUrl, tokens: auth.tokens, clock, log });
  const contactsApi = createContactsApi(client);
  ensurePrivateFolder(config.dataDir);
  const dbPath = join(config.dataDir, 'contacts.sqlite');
  const cache = openContactsCache(dbPath, { log, prepareSortKeys: true, ...(ports.cacheWorkerEntry ? { workerEntry: ports.cacheWorkerEntry } : {}) });
  const ownersSync = createOwnersSync({
    owners: createOwnersApi(client),
    cache,
    clock,
    log,
    scopeGranted: () => !(auth.account()?.missingScopes ?? []).some((missing) => missing.scope === OWNERS_SCOPE),
  });
  const sync = createSyncService({
    client,
    cache,
    clock,
    log,
    properties: () => settings.get().extraSyncedProperties,
    // owner names for the Contact owner column, fetched at each sync
    alongside: (signal) => ownersSync.refresh(signal),
  });
  // a view is exported with the same facts the table applies its filters with (views created below)
  const exporter = createExporter({ dbPath, clock, log, filterContext: () => views.filterContext() });
  const views = createViewsService({ store: ports.store, clock, log, cache, client, account: () => auth.account(), emit: (event, payload) => emit(event, payload) });
  const monitor = createConnectionMonitor({
    check: (signal) => contactsApi.checkConnection(signal),
    auth,
    sync,
    clock,
    intervalMinutes: () => settings.get().checkIntervalMinutes,
    notify: (title, body) => ports.notify(title, body),
    log,
  });

  const openAtLogin = createOpenAtLogin({ port: ports.loginItem, managed: config.openAtLogin, store: ports.store, log });

  const syncProgress = createProgressAnnouncer((progress) => emit('syncProgress', progress), clock, syncProgressEveryMs);
  const contactsChanged = createCountAnnouncer({
    count: () => cache.count(),
    announce: (count) => emit('contactsChanged', { count }),
    clock,
    everyMs: contactsChangedEveryMs,
    log,
  });

  const canSync = () => auth.state().status === 'signed-in' && !cannotSyncStates.includes(monitor.status().state);
  const startSync = () => {
    if (auth.state().status !== 'signed-in' || sync.progress().running) return;
    sync.syncNow().catch((error: unknown) => log.warn('sync: could not start', { error: String(error) }));
  };
  let schedule: SyncSchedule | null = null;
  const schedules = createSchedulesService({
    dataDir: config.dataDir,
    clock,
    log,
    exporter,
    views: views.saved,
    syncFirst: createSyncFirst({ sync, canSync }),
    emit: (state) => emit('schedulesChanged', state),
    chooseFolder: ports.chooseFolder,
    notify: (title, body, file) => (ports.notifyExport ? ports.notifyExport(title, body, file) : ports.notify(title, body)),
    showInFolder: (path) => ports.showInFolder(path),
  });

  const unsubscribes = followChanges({
    auth,
    monitor,
    sync,
    settings,
    cache,
    views,
    store: ports.store,
    log,
    emit,
    syncProgress,
    contactsChanged,
    nudgeSync: () => schedule?.nudge(),
  });

  const handlers: Handlers = {
    ...accountHandlers({ auth, sync, cache, store: ports.store, contactsChanged, about: { version: app.version, shell: app.shell, mode: config.mode } }),

    ...contactsHandlers({ cache, settings, views, sync, signedIn: () => auth.state().status === 'signed-in', startSync }),

    ...exportHandlers({ exporter, ports, clock, emitProgress: (progress) => emit('exportProgress', progress) }),

    ...views.handlers,

    getStatus: async () => monitor.status(),
    checkConnection: () => monitor.checkNow(),

    getCacheStatus: async () => ({ state: cache.status() }),
    reopenCache: () => cache.reopen(),

    getSettings: async () => settings.get(),
    updateSettings: async (changes) => settings.update(changes),
    ...openAtLoginHandlers(openAtLogin),
    ...schedules.handlers,
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: {
      current: () => monitor.status(),
      onChange: (listener) => monitor.onChange(listener),
      checkNow: () => monitor.checkNow(),
      notifyWake: () => {
        monitor.notifyWake();
        schedules.check(); // a run missed while asleep is caught up once
      },
      notifyNetworkChange: (online) => monitor.notifyNetworkChange(online),
    },
    syncNow: async () => {
      startSync();
    },
    settings: () => settings.get(),
    schedules: { nextRun: () => schedules.nextRun(), check: () => schedules.check() },
    async start() {
      monitor.start();
      await openAtLogin.start();
      await auth.restore(); // announces the restored state through onAuthChanged
      schedule = startSyncSchedule({ sync, clock, log, canSync, intervalMs: () => backgroundSyncMinutes * 60_000 });
      schedules.start(); // after the sign-in is restored, so a due export's sync first can reach HubSpot
    },
    async dispose() {
      schedule?.stop();
      await schedules.dispose();
      for (const unsubscribe of unsubscribes) unsubscribe();
      syncProgress.dispose();
      monitor.stop();
      await sync.dispose();
      await exporter.dispose();
      await auth.dispose();
      await cache.close();
    },
  };
}
