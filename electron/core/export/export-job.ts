/**
 * One export, run in a worker thread: the main thread only starts it, relays throttled progress,
 * flags a cancel, and makes sure no partial file outlives the job.
 */
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ErrorView, ExportProgress, ExportRequest } from '../../ipc/types.ts';
import type { FilterContext } from '../contacts/filter-queries.ts';
import type { Clock, Logger } from '../ports.ts';
import type { FileOpenerChoice } from './export-file.ts';
import { partialPathFor } from './partial-file.ts';
import { createThrottle } from '../progress-throttle.ts';
import { defaultExportWorkerEntry } from './worker-entry.ts';
import { CANCELLED, type ExportWorkerInput, type ExportWorkerMessage } from './worker-protocol.ts';

/** At most ~10 progress events a second reach the UI. */
const PROGRESS_INTERVAL_MS = 100;
/** Characters per write: large enough that the per-write cost vanishes, small enough to keep memory flat. */
const DEFAULT_CHUNK_CHARS = 1 << 20;
/**
 * The worker's young generation (MB). An export makes short-lived strings very fast; with V8's
 * default the heap grows before it is swept, and a workbook's peak memory was ~260 MB at 100,000
 * rows; at 16 MB it stays near 150 MB, at no measurable cost in time (bench/RESULTS.md).
 */
const YOUNG_GENERATION_MB = 16;

export interface ExportJobOptions {
  exportId: string;
  dbPath: string;
  request: ExportRequest;
  /** How a view's filters are applied (scope 'view'); see contacts/filter-queries.ts. */
  filterContext: FilterContext;
  targetPath: string;
  clock: Clock;
  log: Logger;
  onProgress: (progress: ExportProgress) => void;
  /** The worker's code; see worker-entry.ts. */
  workerEntry?: URL | string;
  chunkChars?: number;
  /** The file port: another module implementing how the export file is written (see export-file.ts). */
  fileOpener?: FileOpenerChoice;
  /** Data rows per worksheet in a workbook; Excel's limit (1,048,575) by default. */
  rowsPerSheet?: number;
}

export interface ExportJob {
  cancel(): void;
  /** Settles (never rejects) once the worker has stopped and any partial file is gone. */
  done: Promise<ExportProgress>;
}

const UNEXPECTED_STOP: ErrorView = {
  kind: 'internal',
  message: 'The export stopped unexpectedly, so no file was saved. Try again; if it keeps happening, restart Contact Desk.',
};

export function startExportJob(options: ExportJobOptions): ExportJob {
  const { exportId, log, clock } = options;
  const startedAt = clock.now();
  const partialPath = partialPathFor(options.targetPath);
  const cancelFlag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  let total = 0;
  let written = 0;
  let sheets: number | null = null;
  let outcome: ExportProgress | null = null;

  const snapshot = (state: ExportProgress['state'], error: ErrorView | null = null): ExportProgress => ({
    exportId,
    state,
    written,
    total,
    fileName: state === 'done' ? basename(options.targetPath) : null,
    sheets: state === 'done' ? sheets : null,
    error,
  });
  const throttle = createThrottle(clock, PROGRESS_INTERVAL_MS, options.onProgress);
  throttle.push(snapshot('running'));

  const input: ExportWorkerInput = {
    dbPath: options.dbPath,
    request: options.request,
    filterContext: options.filterContext,
    targetPath: options.targetPath,
    partialPath,
    cancelFlag,
    chunkChars: options.chunkChars ?? DEFAULT_CHUNK_CHARS,
    startedAt,
    ...(options.fileOpener ? { fileOpener: options.fileOpener } : {}),
    ...(options.rowsPerSheet ? { rowsPerSheet: options.rowsPerSheet } : {}),
  };

  const onMessage = (message: ExportWorkerMessage) => {
    switch (message.type) {
      case 'counted':
        total = message.total;
        return throttle.push(snapshot('running'));
      case 'progress':
        written = message.written;
        return throttle.push(snapshot('running'));
      case 'done':
        // The count ran a moment before the rows were read; a sync in between can change it.
        written = total = message.written;
        sheets = message.sheets;
        outcome = snapshot('done');
        return log.info('export finished', { exportId, format: options.request.format, rows: written, bytes: message.bytes, ms: clock.now() - startedAt });
      case 'cancelled':
        outcome = snapshot('cancelled');
        return log.info('export cancelled', { exportId, rows: message.written });
      case 'failed':
        outcome = snapshot('failed', message.error);
        return log.warn('export failed', { exportId, kind: message.error.kind, code: message.code, rows: message.written });
    }
  };

  const settle = (): ExportProgress => {
    const final = outcome ?? snapshot('failed', UNEXPECTED_STOP);
    if (final.state !== 'done') removePartialFile(partialPath, log);
    throttle.finish(final);
    return final;
  };

  let worker: Worker;
  try {
    worker = new Worker(options.workerEntry ?? defaultExportWorkerEntry(), { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  } catch (error) {
    log.error('export worker did not start', { exportId, error: String(error) });
    return { cancel: () => {}, done: Promise.resolve(settle()) };
  }
  worker.on('message', onMessage);
  worker.on('error', (error) => log.error('export worker crashed', { exportId, error: String(error) }));
  const done = new Promise<ExportProgress>((resolve) => worker.once('exit', () => resolve(settle())));

  return {
    cancel: () => {
      const flag = new Int32Array(cancelFlag);
      Atomics.store(flag, 0, CANCELLED);
      Atomics.notify(flag, 0);
    },
    done,
  };
}

/** The worker removes its own partial file; this covers a worker that died before it could. */
function removePartialFile(path: string, log: Logger): void {
  try {
    rmSync(path, { force: true });
  } catch (error) {
    log.warn('could not remove a partial export file', { error: String(error) });
  }
}
