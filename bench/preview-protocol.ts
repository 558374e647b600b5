/** What part scale and its out-of-process preview (preview-process.ts) say to each other. */

export type PreviewCall =
  /**
   * The main thread's event-loop delay since the last call (then starts over): how late it answered anything;
   * and the CPU time meanwhile of the main thread and of the whole process (its cache workers too), which
   * tells a main thread busy with work of its own from one waiting for a core.
   */
  | { method: 'loopDelay' }
  | { method: 'memory' }
  | { method: 'visibleColumns' }
  | { method: 'close' };

export interface PreviewResults {
  loopDelay: { p99: number; max: number; mainCpuMs: number; processCpuMs: number };
  /** Bytes: resident now, the most it has been since the process started, and the main thread's JavaScript heap (the workers' are not in it). */
  memory: { rss: number; peakRss: number; mainHeap: number };
  visibleColumns: string[];
  close: void;
}

export interface PreviewReady {
  type: 'ready';
  url: string;
}
