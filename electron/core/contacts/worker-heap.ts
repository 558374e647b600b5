/**
 * Gives back the garbage a cache worker's statements leave in its JavaScript heap.
 *
 * node:sqlite keeps every value a JavaScript SQL function takes and returns (contact_sort_key, the
 * filters' "contains") alive until the statement ends: measured with Node 24.21, one statement
 * calling a function 200,000 times left 31 MB in V8's old generation (56 MB with the young
 * generation held, young-generation.ts), none of it reachable once the statement had ended. A
 * search sorting its matches by a text column calls contact_sort_key once per match, so at
 * 1,000,000 contacts a reader worker's heap grew from 20 to 70 MB over 20 searches and stayed
 * there: V8 collects the old generation when it nears a limit sized for a heap of gigabytes, which
 * an idle worker never reaches. Building a text column's sort index calls it once per contact, in
 * the writer.
 *
 * So after each request the worker looks at its heap (microseconds); once it has grown by
 * `growthBytes` since the last collection, it collects when it has had no request for `idleMs`, or
 * at once when it has grown by `urgentBytes`. The collection is V8's "last resort" one, which also
 * gives the freed pages back to the system: an ordinary full collection (20 ms) freed the garbage
 * but kept its pages, and the process's resident memory with them (measured: 170 MB before and
 * after; the last-resort one 170 -> 94 MB, in 90 ms). A request arriving meanwhile waits for it, so
 * the worker says when it collects and the client sends reads to another reader first
 * (cache-client.ts). The collector comes from V8's --expose-gc, set for the moment it takes to
 * make one context and unset again; Node documents setting V8 flags after start as unsupported
 * (see young-generation.ts): where it does not work, nothing is collected early and nothing else
 * changes.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Clock, Timer } from '../ports.ts';

export interface HeapTrimmerOptions {
  /** Heap growth (live objects and garbage) since the last collection that makes the worker collect once idle. */
  growthBytes?: number;
  /** Growth that makes it collect at once. */
  urgentBytes?: number;
  /** How long without a request counts as idle. */
  idleMs?: number;
  /** Told just before a collection (true) and after it (false). */
  announce?: (collecting: boolean) => void;
  /** The idle timer's clock (tests move it by hand); by default the real one, not keeping the worker alive. */
  timers?: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
}

const unrefTimers: Pick<Clock, 'setTimeout' | 'clearTimeout'> = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (timer) => clearTimeout(timer),
};

const DEFAULTS: Required<Omit<HeapTrimmerOptions, 'announce' | 'timers'>> = { growthBytes: 8 * 2 ** 20, urgentBytes: 64 * 2 ** 20, idleMs: 100 };

type Collector = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

function fullCollector(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => (gc as Collector)({ type: 'major', execution: 'sync', flavor: 'last-resort' }) : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

export interface HeapTrimmer {
  /** A request has been answered: collects now, later when idle, or not at all, by how much the heap has grown. */
  afterRequest(): void;
  /** Collections run so far (for tests). */
  readonly collections: number;
}

export function heapTrimmer(options: HeapTrimmerOptions = {}): HeapTrimmer {
  const { growthBytes, urgentBytes, idleMs } = { ...DEFAULTS, ...options };
  const announce = options.announce ?? (() => {});
  const timers = options.timers ?? unrefTimers;
  const collect = fullCollector();
  const used = () => getHeapStatistics().used_heap_size;
  let baseline = used();
  let idleTimer: Timer | null = null;
  let collections = 0;

  const grown = () => {
    const now = used();
    // V8 collected by itself since
    if (now < baseline) baseline = now;
    return now - baseline;
  };
  const collectNow = () => {
    if (idleTimer !== null) timers.clearTimeout(idleTimer);
    idleTimer = null;
    announce(true);
    try {
      collect?.();
    } finally {
      announce(false);
    }
    collections++;
    baseline = used();
  };

  return {
    afterRequest() {
      if (!collect) return;
      if (idleTimer !== null) timers.clearTimeout(idleTimer);
      idleTimer = null;
      const growth = grown();
      if (growth >= urgentBytes) collectNow();
      else if (growth >= growthBytes) idleTimer = timers.setTimeout(collectNow, idleMs);
    },
    get collections() {
      return collections;
    },
  };
}
