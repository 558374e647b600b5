/**
 * The contact cache as the main thread sees it: an async client derived from the message table
 * (cache-protocol.ts). Every SQL statement runs in a cache worker — the writer, which owns the write
 * connection, or one of the readers, each on its own read connection — so the main thread only
 * routes messages and stays free for the window, the tray and IPC.
 *
 * - Writes are posted to the writer at once, in call order: what a call carries (e.g. a sync
 *   checkpoint) is copied at the moment of the call, and the writer applies writes in that order.
 * - Reads go to a reader with nothing in flight (else they wait their turn here), so one slow
 *   search holds up one reader, not the table. A read over its budget is stopped: the call fails
 *   with a sentence and its reader is replaced.
 * - A worker that crashes, or stops answering, is replaced; its calls in flight fail with a
 *   sentence, and `onStatus` reports 'reloading' until the new one has opened the file.
 * - Workers that keep stopping (more replacements in a minute than cache-status.ts allows, e.g. a
 *   search that ends its worker each time the page asks it again), or a replacement that cannot
 *   open the file, are not replaced again: the cache is 'unavailable', every call fails with a
 *   sentence, until the person asks to try again (`reopen`).
 */
import { AppError, toErrorView } from '../errors.ts';
import { systemClock } from '../ports.ts';
import type { Clock, Logger } from '../ports.ts';
import { cacheRequests } from './cache-protocol.ts';
import type { CacheCalls, CacheRequestName, ConnectionKind } from './cache-protocol.ts';
import type { SearchIndex } from './cache-search.ts';
import { defaultCacheWorkerEntry } from './cache-worker-entry.ts';
import { createReadQueue } from './cache-read-queue.ts';
import { createCacheStatus } from './cache-status.ts';
import type { CacheStatus, CacheStatusKeeper } from './cache-status.ts';
import { startCacheWorker } from './cache-worker-handle.ts';
import type { CacheWorkerHandle, GoneReason } from './cache-worker-handle.ts';

export type { CacheStatus };

export interface ContactsCache extends CacheCalls {
  /** 'reloading' while a worker that crashed or hung is being replaced, then 'ready'; 'unavailable' once replacing has been given up. */
  status(): CacheStatus;
  onStatus(listener: (status: CacheStatus) => void): () => void;
  /** After 'unavailable': starts every worker afresh ('reloading', then 'ready' or 'unavailable' again). Otherwise nothing. */
  reopen(): Promise<void>;
  /** Finishes what was asked before, then closes every connection. Later calls fail. */
  close(): Promise<void>;
}

export interface ContactsCacheOptions {
  log?: Logger;
  /** Times the budgets below; the system clock unless a test drives time. */
  clock?: Clock;
  /** Read connections, each in its own worker (default 2). */
  readers?: number;
  /** A read that takes longer is stopped (default 5 s; a search at 1,000,000 contacts takes well under 0.2 s). */
  readBudgetMs?: number;
  /** A writer that answers nothing for this long while calls wait is taken to hang (default 10 minutes: a rebuilt index can take minutes). */
  writeBudgetMs?: number;
  /** A first open that takes longer shows as 'reloading' until it is done (default 1 s). Tests that count statuses on a busy machine raise it. */
  slowOpenMs?: number;
  /** Which search index the writer keeps (default: FTS5 where SQLite has it). Tests force 'words'. */
  searchIndex?: SearchIndex;
  /**
   * Each reader makes its sort keys' tables ahead of the first search that needs them (see
   * prepareAnIdleReader). The app turns it on; tests that open many caches leave it off: it costs
   * 0.2 s of CPU per reader (measured: the unit tests took 88 s without it for every cache, 96 s with).
   */
  prepareSortKeys?: boolean;
  /** Fault injection for tests: "disk full" once the file would pass this many pages (see cache-connection.ts). */
  maxPageCount?: number;
  /** Tests only: another worker script (wrapping cache-worker.ts) to inject crashes and hangs. The bundled worker otherwise (see cache-worker-entry.ts). */
  workerEntry?: URL | string;
}

const closedError = () => new AppError('internal', 'Contact Desk is closing its saved contacts.');
const readTooLong = () => new AppError('timed-out', 'That search was taking too long, so Contact Desk stopped it. Try a longer or more specific search.');
const restarted = (role: ConnectionKind) => () =>
  role === 'writer'
    ? new AppError('internal', 'Contact Desk had to restart the part that saves your contacts. Everything saved before is kept; sync again to carry on.')
    : new AppError('internal', 'Contact Desk is reloading your saved contacts. Try again in a moment.');
/** How long the first open may take before the page is told the cache is reloading. */
const SLOW_OPEN_MS = 1000;

const unavailable = () => new AppError('internal', 'Contact Desk could not reload your saved contacts. They are still on this computer: choose Try again, or quit and reopen Contact Desk.');

/**
 * A first open that takes a while (an update's migration, or indexes rebuilt for another language:
 * about a minute at 1,000,000 contacts) shows as reloading, so the page says why the table waits;
 * `watch` then settles it as it settles a replacement's opening.
 */
function reportSlowFirstOpen(
  first: CacheWorkerHandle,
  { status, clock, ms, done, watch }: { status: CacheStatusKeeper; clock: Clock; ms: number; done: () => boolean; watch: (opening: CacheWorkerHandle) => void },
): void {
  const timer = clock.setTimeout(() => {
    if (done() || status.current !== 'ready') return;
    status.set('reloading');
    watch(first);
  }, ms);
  void first.ready.then(() => clock.clearTimeout(timer));
}

export function openContactsCache(dbPath: string, options: ContactsCacheOptions = {}): ContactsCache {
  const clock = options.clock ?? systemClock;
  const log = options.log;
  const writerOptions = { ...(options.searchIndex ? { searchIndex: options.searchIndex } : {}), ...(options.maxPageCount ? { maxPageCount: options.maxPageCount } : {}) };
  const status = createCacheStatus(clock);
  let closed = false;
  let writerReady = false;

  function start(role: ConnectionKind, openAtStart: boolean, onGone: (reason: GoneReason) => void, replacing = false): CacheWorkerHandle {
    return startCacheWorker({
      entry: options.workerEntry ?? defaultCacheWorkerEntry(),
      // a writer replacing one that stopped refuses the stopping sync's last pages (see cache-writer.ts)
      data: { dbPath, role, openAtStart, writer: writerOptions, ...(replacing && role === 'writer' ? { refuseWrites: toErrorView(restarted('writer')()) } : {}) },
      clock,
      budgetMs: role === 'writer' ? (options.writeBudgetMs ?? 10 * 60_000) : (options.readBudgetMs ?? 5000),
      failure: (reason) => (role === 'reader' && reason === 'hung' ? readTooLong() : restarted(role)()),
      onGone,
    });
  }

  const readers: CacheWorkerHandle[] = [];
  const reads = createReadQueue({ readers, mayRead: () => writerReady && !closed, prepareSortKeys: options.prepareSortKeys ?? false, log });

  function giveUpReplacing(): void {
    status.set('unavailable');
    reads.failAll(unavailable);
  }

  /** Settles the status once a replacement has opened the file, or could not. */
  function watchOpening(next: CacheWorkerHandle): void {
    void next.ready.then(({ failure }) => {
      if (next.gone) return; // it stopped while opening: replaced, or given up, where it stopped
      if (failure) {
        log?.error('The new contact cache worker could not open the cache', { problem: failure.message });
        giveUpReplacing();
      } else if (status.current === 'reloading') status.set('ready');
    });
  }

  /** A replacement for a worker that crashed or hung ('reloading' until it has opened the file), or none once too many were needed. */
  function replacement(stopped: CacheWorkerHandle, role: ConnectionKind, reason: GoneReason, replace: () => CacheWorkerHandle): CacheWorkerHandle {
    if (role === 'reader' && reason === 'hung') {
      log?.warn('A search of the saved contacts took too long and was stopped');
      return replace();
    }
    if (status.current === 'unavailable' || !status.mayReplace()) {
      log?.error('A contact cache worker stopped again; no more replacements until the person tries again', { role, reason });
      giveUpReplacing();
      return stopped;
    }
    log?.error('A contact cache worker stopped; starting a new one', { role, reason });
    const next = replace();
    status.set('reloading');
    watchOpening(next);
    return next;
  }

  let writer: CacheWorkerHandle;
  const startWriter = (replacing: boolean): CacheWorkerHandle => {
    const handle = start(
      'writer',
      true,
      (reason) => {
        if (!closed) writer = replacement(handle, 'writer', reason, () => startWriter(true));
      },
      replacing,
    );
    return handle;
  };

  const startReader = (slot: number): CacheWorkerHandle => {
    const handle = start('reader', writerReady, (reason) => {
      if (closed) return;
      readers[slot] = replacement(handle, 'reader', reason, () => startReader(slot));
      reads.dispatch();
    });
    return handle;
  };

  /** The writer, then the readers: a reader opens its connection once the writer has created or migrated the file. */
  function startWorkers(replacing: boolean): CacheWorkerHandle {
    writerReady = false;
    writer = startWriter(replacing);
    const opening = writer;
    for (let slot = 0; slot < Math.max(1, options.readers ?? 2); slot++) readers[slot] = startReader(slot);
    // settled when it opened, failed to, or stopped: the readers then open (or answer the failure)
    void opening.ready.then(({ searchIndex }) => {
      writerReady = true;
      if (searchIndex === 'words') log?.warn(options.searchIndex === 'words' ? 'Search uses the word index (chosen by an option)' : 'This SQLite has no full-text search (FTS5); search uses the word index instead');
      reads.dispatch();
    });
    return opening;
  }
  reportSlowFirstOpen(startWorkers(false), { status, clock, ms: options.slowOpenMs ?? SLOW_OPEN_MS, done: () => writerReady || closed, watch: watchOpening });

  function call(name: CacheRequestName, args: unknown[]): Promise<unknown> {
    if (closed) return Promise.reject(closedError());
    if (status.current === 'unavailable') return Promise.reject(unavailable());
    return cacheRequests[name].on === 'writer' ? writer.call(name, args) : reads.ask(name, args);
  }

  const calls = Object.fromEntries(Object.keys(cacheRequests).map((name) => [name, (...args: unknown[]) => call(name as CacheRequestName, args)])) as unknown as CacheCalls;
  return {
    ...calls,
    status: () => status.current,
    onStatus: (listener) => status.onChange(listener),
    async reopen() {
      if (closed || status.current !== 'unavailable') return;
      log?.info('Starting the contact cache workers again, as the person asked');
      status.forgetReplacements();
      writerReady = false; // reads wait for the new workers
      status.set('reloading');
      // a writer that stopped may have lost a sync's last pages: the new one refuses the rest of that sync
      const writerStopped = writer.gone;
      await Promise.all([writer.close(), ...readers.map((reader) => reader.close())]);
      if (!closed) watchOpening(startWorkers(writerStopped));
    },
    async close() {
      if (closed) return;
      closed = true;
      reads.failAll(closedError);
      await Promise.all([writer.close(), ...readers.map((reader) => reader.close())]);
    },
  };
}
