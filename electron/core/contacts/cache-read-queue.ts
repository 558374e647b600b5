/**
 * The reads waiting for a reader: each goes to a reader with nothing in flight (one slow search
 * holds up one reader, not the table), and with prepareSortKeys an idle reader makes its sort keys
 * ahead of the first search that needs them.
 */
import type { AppError } from '../errors.ts';
import type { Logger } from '../ports.ts';
import type { CacheRequestName } from './cache-protocol.ts';
import type { CacheWorkerHandle } from './cache-worker-handle.ts';

export interface ReadQueue {
  /** Queues a read for the next free reader; its arguments are copied now, as a posted call's would be. */
  ask(name: CacheRequestName, args: unknown[]): Promise<unknown>;
  /** Hands waiting reads to free readers: after a reader frees up or is replaced, or once reading may start. */
  dispatch(): void;
  /** Fails every read still waiting. */
  failAll(error: () => AppError): void;
}

export interface ReadQueueOptions {
  /** The current readers (the cache replaces them in place). */
  readers: readonly CacheWorkerHandle[];
  /** False until the writer has created or migrated the file, and once the cache is closed. */
  mayRead(): boolean;
  /** See ContactsCacheOptions.prepareSortKeys. */
  prepareSortKeys: boolean;
  log: Logger | undefined;
}

/**
 * With prepareSortKeys, each reader makes the tables of its sort keys (about 0.2 s, values/sort-key.ts)
 * before the first search sorted by a name needs them: once it has answered a call, while no call
 * waits, one reader at a time, so the others keep answering the table.
 */
interface SortKeysPreparation {
  answered: WeakSet<CacheWorkerHandle>;
  prepared: WeakSet<CacheWorkerHandle>;
  running: boolean;
}

/** Starts the next reader's preparation, if one is due and none is running; `done` once it has ended. */
function prepareAnIdleReader(preparation: SortKeysPreparation, readers: readonly CacheWorkerHandle[], log: Logger | undefined, done: () => void): void {
  if (preparation.running) return;
  const reader = readers.find((candidate) => preparation.answered.has(candidate) && !preparation.prepared.has(candidate) && candidate.inFlight === 0 && !candidate.gone);
  if (!reader) return;
  preparation.prepared.add(reader);
  preparation.running = true;
  reader
    .call('prepareSortKeys', [])
    .then((ms) => log?.info('A reader prepared its sort keys', { ms: Math.round(ms as number) }), () => undefined)
    .finally(() => {
      preparation.running = false;
      done();
    });
}

export function createReadQueue({ readers, mayRead, prepareSortKeys, log }: ReadQueueOptions): ReadQueue {
  const waiting: { name: CacheRequestName; args: unknown[]; resolve(value: unknown): void; reject(error: unknown): void }[] = [];
  const preparation: SortKeysPreparation | null = prepareSortKeys ? { answered: new WeakSet(), prepared: new WeakSet(), running: false } : null;

  function dispatch(): void {
    if (!mayRead()) return;
    // a reader collecting its garbage (worker-heap.ts) answers once it has done: the others first
    const free = readers.filter((reader) => reader.inFlight === 0 && !reader.gone).sort((a, b) => Number(a.collecting) - Number(b.collecting));
    for (const reader of free) {
      const next = waiting.shift();
      if (next) {
        reader.call(next.name, next.args).then(next.resolve, next.reject).finally(() => {
          preparation?.answered.add(reader);
          dispatch();
        });
      }
    }
    if (preparation && waiting.length === 0) prepareAnIdleReader(preparation, readers, log, dispatch);
  }

  return {
    ask(name, args) {
      const copied = structuredClone(args);
      const answer = new Promise<unknown>((resolve, reject) => waiting.push({ name, args: copied, resolve, reject }));
      dispatch();
      return answer;
    },
    dispatch,
    failAll(error) {
      for (const call of waiting.splice(0)) call.reject(error());
    },
  };
}
