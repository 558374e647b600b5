/**
 * The contact cache as the main thread sees it: an async client derived from the message table
 * (cache-protocol.ts). Every SQL statement runs in a cache worker — the writer, which owns the write
 * connection, or a reader on its own read connection — so the main thread only routes messages and
 * stays free for the window, the tray and IPC.
 *
 * A call is posted to its worker at once, in call order: what it carries (e.g. a sync checkpoint) is
 * copied at the moment of the call, and the writer applies writes in the order they were made.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { Logger } from '../ports.ts';
import { fromCacheFailure } from './cache-errors.ts';
import { cacheRequests } from './cache-protocol.ts';
import type { CacheCalls, CacheRequestName, CacheWorkerData, CacheWorkerReply, CacheWorkerRequest, ConnectionKind } from './cache-protocol.ts';
import { defaultCacheWorkerEntry } from './cache-worker-entry.ts';

export interface ContactsCache extends CacheCalls {
  /** Finishes what was asked before, then closes every connection. Later calls fail. */
  close(): Promise<void>;
}

export interface ContactsCacheOptions {
  /** The bundled worker file in the desktop build (see cache-worker-entry.ts); the source file otherwise. */
  workerEntry?: URL | string;
  log?: Logger;
}

const closedError = () => new AppError('internal', 'Contact Desk is closing its saved contacts.');
const stoppedError = () => new AppError('internal', 'Contact Desk had to restart the part that reads its saved contacts. Try again.');

interface CacheWorker {
  call(name: CacheRequestName, args: unknown[]): Promise<unknown>;
  /** Settles once the worker has opened its connection: null, or why it could not. */
  readonly ready: Promise<AppError | null>;
  readonly gone: boolean;
  close(): Promise<void>;
}

function startWorker(entry: URL | string, data: CacheWorkerData, log: Logger | undefined): CacheWorker {
  const worker = new Worker(entry, { workerData: data });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let nextId = 1;
  let gone = false;
  let markReady: (failure: AppError | null) => void = () => {};
  const ready = new Promise<AppError | null>((resolve) => (markReady = resolve));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // an idle worker does not keep the process alive; one with calls in flight does
  worker.unref();

  const settle = (id: number, outcome: { value: unknown } | { error: AppError }) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if ('error' in outcome) call.reject(outcome.error);
    else call.resolve(outcome.value);
  };

  worker.on('message', (reply: CacheWorkerReply) => {
    if (reply.type === 'ready') markReady(reply.failure ? fromCacheFailure(reply.failure) : null);
    else if (reply.type === 'result') settle(reply.id, { value: reply.value });
    else settle(reply.id, { error: fromCacheFailure(reply.failure) });
  });
  worker.on('error', (error) => {
    log?.error('A contact cache worker failed', { role: data.role, problem: error.message });
  });
  worker.once('exit', () => {
    gone = true;
    markReady(stoppedError());
    for (const id of [...pending.keys()]) settle(id, { error: stoppedError() });
  });

  return {
    ready,
    get gone() {
      return gone;
    },
    call(name, args) {
      if (gone) return Promise.reject(stoppedError());
      const id = nextId++;
      const request: CacheWorkerRequest = { type: 'call', id, name, args };
      const answer = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.ref();
      worker.postMessage(request);
      return answer;
    },
    async close() {
      if (!gone) worker.postMessage({ type: 'close' } satisfies CacheWorkerRequest);
      worker.ref();
      await exited;
    },
  };
}

export function openContactsCache(dbPath: string, options: ContactsCacheOptions = {}): ContactsCache {
  const entry = options.workerEntry ?? defaultCacheWorkerEntry();
  const start = (role: ConnectionKind) => startWorker(entry, { dbPath, role }, options.log);
  let closed = false;
  const workers: Record<ConnectionKind, CacheWorker> = { writer: start('writer'), reader: start('reader') };
  // a reader opens its connection at its first call, which waits until the writer has created or migrated the file
  let writerReady = false;
  const firstOpen = workers.writer.ready.then(() => {
    writerReady = true;
  });

  function call(name: CacheRequestName, args: unknown[]): Promise<unknown> {
    if (closed) return Promise.reject(closedError());
    const role = cacheRequests[name].on;
    if (role === 'reader' && !writerReady) {
      // copy the arguments now, as a posted call would
      const copied = structuredClone(args);
      return firstOpen.then(() => call(name, copied));
    }
    if (workers[role].gone) workers[role] = start(role);
    return workers[role].call(name, args);
  }

  const calls = Object.fromEntries(Object.keys(cacheRequests).map((name) => [name, (...args: unknown[]) => call(name as CacheRequestName, args)])) as unknown as CacheCalls;
  return {
    ...calls,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([workers.writer.close(), workers.reader.close()]);
    },
  };
}
