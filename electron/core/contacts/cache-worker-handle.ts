/**
 * The main side of one cache worker: posts calls, matches answers to them, and watches that the
 * worker keeps answering. A worker that exits, or answers nothing for longer than its budget while
 * calls wait, is given up: its calls fail with a sentence, and the client starts another.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { Clock, Timer } from '../ports.ts';
import { fromCacheFailure } from './cache-errors.ts';
import type { CacheRequestName, CacheWorkerData, CacheWorkerReply, CacheWorkerRequest } from './cache-protocol.ts';
import type { SearchIndex } from './cache-search.ts';

export type GoneReason = 'exited' | 'hung';

export interface CacheWorkerHandle {
  call(name: CacheRequestName, args: unknown[]): Promise<unknown>;
  /** Calls posted and not answered yet. */
  readonly inFlight: number;
  readonly gone: boolean;
  /** The worker is collecting its garbage (worker-heap.ts): a call would wait for it. */
  readonly collecting: boolean;
  /** Settles once the worker has opened its connection: the failure, or null and the file's search index. */
  readonly ready: Promise<{ failure: AppError | null; searchIndex: SearchIndex | null }>;
  /** Answers what was posted, closes the connection, and ends (terminated if it does not within the budget). */
  close(): Promise<void>;
}

export interface WorkerHandleOptions {
  entry: URL | string;
  data: CacheWorkerData;
  clock: Clock;
  /** The longest a worker may go without answering while calls wait. */
  budgetMs: number;
  /** What the calls in flight fail with when the worker is given up. */
  failure(reason: GoneReason): AppError;
  /** The worker was given up (not after close()). */
  onGone(reason: GoneReason): void;
}

export function startCacheWorker(options: WorkerHandleOptions): CacheWorkerHandle {
  const { clock } = options;
  const worker = new Worker(options.entry, { workerData: options.data });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let nextId = 1;
  let gone = false;
  let closing = false;
  let collecting = false;
  let watchdog: Timer | null = null;
  let markReady: (outcome: { failure: AppError | null; searchIndex: SearchIndex | null }) => void = () => {};
  const ready = new Promise<{ failure: AppError | null; searchIndex: SearchIndex | null }>((resolve) => (markReady = resolve));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  const rearm = () => {
    if (watchdog !== null) clock.clearTimeout(watchdog);
    watchdog = pending.size > 0 && !gone ? clock.setTimeout(() => giveUp('hung'), options.budgetMs) : null;
  };

  function giveUp(reason: GoneReason): void {
    if (gone) return;
    gone = true;
    if (watchdog !== null) clock.clearTimeout(watchdog);
    markReady({ failure: options.failure(reason), searchIndex: null });
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(options.failure(reason));
    if (reason === 'hung') void worker.terminate();
    if (!closing) options.onGone(reason);
  }

  const settle = (id: number, outcome: { value: unknown } | { error: AppError }) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    rearm();
    if ('error' in outcome) call.reject(outcome.error);
    else call.resolve(outcome.value);
  };

  worker.on('message', (reply: CacheWorkerReply) => {
    if (reply.type === 'collecting') collecting = reply.collecting;
    else if (reply.type === 'ready') markReady({ failure: reply.failure ? fromCacheFailure(reply.failure) : null, searchIndex: reply.searchIndex });
    else if (reply.type === 'result') settle(reply.id, { value: reply.value });
    else settle(reply.id, { error: fromCacheFailure(reply.failure) });
  });
  // an uncaught error ends the worker: 'exit' follows and gives it up
  worker.on('error', () => {});
  worker.once('exit', () => giveUp('exited'));
  // an idle worker does not keep the process alive; one with calls in flight does (after the
  // listeners: adding a 'message' listener refs the worker's port again)
  worker.unref();

  return {
    ready,
    get inFlight() {
      return pending.size;
    },
    get gone() {
      return gone;
    },
    get collecting() {
      return collecting;
    },
    call(name, args) {
      if (gone) return Promise.reject(options.failure('exited'));
      const id = nextId++;
      const answer = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.ref();
      worker.postMessage({ type: 'call', id, name, args } satisfies CacheWorkerRequest);
      if (pending.size === 1) rearm();
      return answer;
    },
    async close() {
      closing = true;
      if (!gone) {
        worker.ref();
        worker.postMessage({ type: 'close' } satisfies CacheWorkerRequest);
        const late = clock.setTimeout(() => void worker.terminate(), options.budgetMs);
        await exited;
        clock.clearTimeout(late);
      }
    },
  };
}
