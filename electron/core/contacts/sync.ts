/**
 * The sync service: decides between a full and an incremental sync, runs one at a time, reports
 * progress, and can be cancelled. Everything it fetches is written page by page, so the table
 * fills while it runs and an interrupted sync carries on where it stopped.
 */
import { AppError, isAppError, toErrorView } from '../errors.ts';
import type { ErrorView, SyncProgress } from '../../ipc/types.ts';
import type { Clock, Logger } from '../ports.ts';
import type { HubSpotClient } from '../hubspot/client.ts';
import { createContactsApi } from '../hubspot/contacts-api.ts';
import type { ContactsApi } from '../hubspot/contacts-api.ts';
import type { ContactsCache } from './cache.ts';
import { defaultFullSyncOptions, finishFullSync, isFullSyncComplete, runFullSync, startFullSync } from './full-sync.ts';
import type { FullSyncOptions } from './full-sync.ts';
import { newestChanges, runIncrementalSync } from './incremental-sync.ts';
import type { NewestChanges } from './incremental-sync.ts';
import { reconcileWithHubSpot } from './reconcile.ts';
import { allOrNothing } from './sync-context.ts';
import type { SyncContext } from './sync-context.ts';
import { syncedPropertyList } from './synced-properties.ts';
import type { SyncState } from './sync-state.ts';

export interface SyncServiceOptions {
  client: HubSpotClient;
  cache: ContactsCache;
  clock: Clock;
  log: Logger;
  /** The properties the user added to the sync (settings' extraSyncedProperties); the defaults are always synced. */
  properties?: () => string[];
  fullSync?: Partial<FullSyncOptions>;
  /** What else each sync refreshes with the property definitions (the owners); it must not throw for optional data. */
  alongside?: (signal: AbortSignal) => Promise<void>;
}

export interface SyncService {
  /** Settles once the time of the last sync has been read from the cache (progress().lastSyncedAt). */
  readonly ready: Promise<void>;
  progress(): SyncProgress;
  onProgress(listener: (progress: SyncProgress) => void): () => void;
  /** Full if no full sync has completed (or one was interrupted, or a property was added), else incremental. Resolves when it ends, with `error` set if it failed; rejects with 'busy' while another runs. */
  syncNow(): Promise<SyncProgress>;
  /** A full sync even if one completed before (an interrupted one is resumed). */
  runFull(): Promise<SyncProgress>;
  /** Incremental, unless no full sync has completed yet. */
  runIncremental(): Promise<SyncProgress>;
  cancel(): SyncProgress;
  /** Cancels a running sync and waits for it to stop (before signing out or clearing the cache). */
  stop(): Promise<void>;
  /** Stops for good: later syncs are refused. */
  dispose(): Promise<void>;
}

type Requested = 'auto' | 'full' | 'incremental';

const cancelledView: ErrorView = {
  kind: 'cancelled',
  message: 'Syncing was stopped. The contacts fetched so far are kept, and Sync now carries on from there.',
};

function needsFullSync(requested: Requested, state: SyncState, properties: string[]): boolean {
  if (state.fullSync !== null || requested === 'full' || state.lastFullSyncAt === null || state.syncedProperties === null) return true;
  const synced = new Set(state.syncedProperties);
  return properties.some((name) => !synced.has(name));
}

/** Waits for every task, then throws the first failure: nothing is left running when the caller hears of one. */
async function allSettledOrThrow(tasks: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(tasks)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

async function refreshPropertyDefinitions(ctx: SyncContext): Promise<void> {
  try {
    await ctx.cache.replaceProperties(await ctx.api.listProperties(ctx.signal));
  } catch (error) {
    // Without the schema scope the column chooser shows names instead of labels; contacts still sync.
    if (isAppError(error) && error.kind === 'missing-scope') {
      ctx.log.warn('Contact property labels are not available (scope not granted)');
      return;
    }
    throw error;
  }
}

/**
 * One search first: every contact, newest change first. Its total is HubSpot's count, and its page
 * holds the changes since the watermark when there are few (most runs): count and changes from one
 * moment, one request. Then the cache is counted and compared.
 *
 * With more changes they are paged after that count: a contact created after it is then fetched
 * with the changes and counted in the cache only, so the counts differ and the comparison looks
 * closer. Counted after the changes, a contact created in between and another archived would cancel
 * out in the counts and the archived one would stay.
 */
async function catchUp(ctx: SyncContext, asked?: Promise<NewestChanges>): Promise<{ changed: number; removed: number; added: number }> {
  const newest = await (asked ?? newestChanges(ctx));
  const { changed } = await runIncrementalSync(ctx, newest);
  const { removed, added } = await reconcileWithHubSpot(ctx, newest.total);
  return { changed, removed, added };
}

interface FullSyncRun {
  clock: Clock;
  options: FullSyncOptions;
  update(changes: Partial<SyncProgress>): void;
  fetched(): number;
}

/** Starts or resumes the full sync, runs it, then sweeps what HubSpot no longer has beside the catch-up. */
async function fullSyncThenCatchUp(ctx: SyncContext, state: SyncState, { clock, options, update, fetched }: FullSyncRun): Promise<void> {
  const { cache, log } = ctx;
  let checkpoint = state.fullSync;
  if (checkpoint && !ctx.properties.every((name) => checkpoint?.properties.includes(name))) {
    log.info('A property was added since the interrupted full sync; starting it over');
    checkpoint = null;
  }
  let saved = Promise.resolve();
  if (checkpoint) {
    log.info('Resuming the interrupted full sync', { strategy: checkpoint.strategy, generation: checkpoint.generation });
    update({ fetched: await cache.countIds({ from: 0, end: null }, { marked: true }), total: checkpoint.total });
  } else {
    const started = await startFullSync(ctx, options, clock.now());
    checkpoint = started.checkpoint;
    saved = started.saved.then(() => update({ total: started.checkpoint.total }));
    saved.catch(() => {}); // awaited below, after the run that waits for it
  }
  const run: SyncContext = { ...ctx, properties: checkpoint.properties };
  // What changed or left while the full sync ran: its counts are not the full sync's, so they stay
  // off the progress bar.
  const catchUpCtx: SyncContext = { ...run, onFetched: () => {}, onTotal: () => {} };
  // The catch-up's search is asked for as soon as the full sync has asked for its last pages: search's
  // pacer sends it after them (so it still reads HubSpot after every page did), while they are on
  // their way. Its changes are written after them, and never over a newer version (cache-writes.ts).
  let newest: Promise<NewestChanges> | undefined;
  const askForNewest = () => {
    newest = newestChanges(catchUpCtx);
    newest.catch(() => {}); // awaited by the catch-up; a failed full sync cancels it
  };
  if (!isFullSyncComplete(checkpoint)) await runFullSync(run, checkpoint, options, saved, askForNewest);
  await saved;
  // The sweep goes to the writer first; the catch-up's requests go out meanwhile (its cache reads
  // and writes queue behind the sweep).
  const sweep = finishFullSync(cache, checkpoint, clock.now()).then((removed) => log.info('Full sync complete', { fetched: fetched(), removed, generation: checkpoint.generation }));
  await allSettledOrThrow([sweep, catchUp(catchUpCtx, newest)]);
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const { cache, clock, log } = options;
  const api: ContactsApi = createContactsApi(options.client);
  const fullSyncOptions: FullSyncOptions = { ...defaultFullSyncOptions, ...options.fullSync };
  const listeners = new Set<(progress: SyncProgress) => void>();
  let progress: SyncProgress = { running: false, kind: null, fetched: 0, total: null, startedAt: null, lastSyncedAt: null, error: null };
  let current: { controller: AbortController; done: Promise<SyncProgress> } | null = null;
  let disposed = false;

  function update(changes: Partial<SyncProgress>): void {
    progress = { ...progress, ...changes };
    for (const listener of listeners) {
      try {
        listener(progress);
      } catch (error) {
        log.error('A sync progress listener failed', { problem: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  async function run(requested: Requested, signal: AbortSignal): Promise<SyncProgress> {
    const properties = syncedPropertyList(options.properties?.() ?? []);
    const startedAt = clock.now();
    // running from the first moment; which kind is known once the cache has answered
    update({ running: true, kind: null, fetched: 0, total: null, startedAt, error: null });
    let kind: 'full' | 'incremental' | null = null;
    // writes refused after an earlier sync failed are taken again from here on
    void cache.resumeWrites().catch(() => {});
    const ctx: SyncContext = {
      api,
      cache,
      log,
      signal,
      properties,
      onFetched: (count) => update({ fetched: progress.fetched + count }),
      onTotal: (total) => update({ total }),
    };
    try {
      const state = await cache.syncState();
      const syncKind = needsFullSync(requested, state, properties) ? 'full' : 'incremental';
      kind = syncKind;
      update({ kind });
      // the labels and types of properties, and what runs alongside (the owners), come with the contacts, not before them
      await allOrNothing(ctx, [
        (taskCtx) => refreshPropertyDefinitions(taskCtx),
        async (taskCtx) => options.alongside?.(taskCtx.signal),
        async (taskCtx) => {
          if (syncKind === 'full') return fullSyncThenCatchUp(taskCtx, state, { clock, options: fullSyncOptions, update, fetched: () => progress.fetched });
          const { changed, removed, added } = await catchUp(taskCtx);
          log.info('Incremental sync complete', { changed, removed, added, ms: clock.now() - startedAt });
        },
      ]);
      await cache.updateSyncState({ lastSyncedAt: clock.now() });
      update({ running: false, lastSyncedAt: await cache.lastSyncedAt() });
    } catch (error) {
      const view = isAppError(error) && error.kind === 'cancelled' ? cancelledView : toErrorView(error);
      if (isAppError(error)) log.warn('Sync stopped', { kind: view.kind, syncKind: kind });
      else log.error('Sync failed unexpectedly', { problem: error instanceof Error ? error.message : String(error) });
      update({ running: false, error: view, lastSyncedAt: await cache.lastSyncedAt().catch(() => progress.lastSyncedAt) });
    }
    return progress;
  }

  function start(requested: Requested): Promise<SyncProgress> {
    if (disposed) return Promise.reject(new AppError('cancelled', 'Contact Desk is closing.'));
    if (current) return Promise.reject(new AppError('busy', 'Contacts are already being synced. Wait for it to finish.'));
    // taken before run() starts, so a progress listener calling syncNow() sees 'busy' too
    const running = { controller: new AbortController(), done: Promise.resolve(progress) };
    current = running;
    running.done = run(requested, running.controller.signal).finally(() => {
      if (current === running) current = null;
    });
    return running.done;
  }

  const ready = cache.lastSyncedAt().then(
    (lastSyncedAt) => {
      if (progress.lastSyncedAt === null && !progress.running) progress = { ...progress, lastSyncedAt };
    },
    (error: unknown) => log.warn('Could not read when contacts were last synced', { problem: error instanceof Error ? error.message : String(error) }),
  );

  return {
    ready,
    progress: () => progress,
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    syncNow: () => start('auto'),
    runFull: () => start('full'),
    runIncremental: () => start('incremental'),
    cancel() {
      current?.controller.abort(new AppError('cancelled', cancelledView.message));
      return progress;
    },
    async stop() {
      current?.controller.abort(new AppError('cancelled', cancelledView.message));
      await current?.done;
    },
    async dispose() {
      disposed = true;
      await this.stop();
      listeners.clear();
    },
  };
}
