/**
 * The export service the IPC handlers use: starts jobs, finds them again by id to cancel, and stops
 * them all when the app quits.
 */
import { randomUUID } from 'node:crypto';
import type { ExportProgress, ExportRequest } from '../../ipc/types.ts';
import type { Clock, Logger } from '../ports.ts';
import { startExportJob, type ExportJob } from './export-job.ts';

export interface ExporterDeps {
  /** The contacts cache; each export opens its own read-only connection to it. */
  dbPath: string;
  clock: Clock;
  log: Logger;
  /** The bundled worker file in the desktop build (see worker-entry.ts); the source file otherwise. */
  workerEntry?: URL | string;
}

export interface Exporter {
  start(request: ExportRequest, target: { path: string }, onProgress: (progress: ExportProgress) => void): { exportId: string; done: Promise<ExportProgress> };
  /** Stops the export and deletes its partial file; does nothing for an unknown or finished id. */
  cancel(exportId: string): void;
  /** Cancels every running export and waits until each has cleaned up. */
  dispose(): Promise<void>;
}

export function createExporter(deps: ExporterDeps): Exporter {
  const running = new Map<string, ExportJob>();

  return {
    start(request, target, onProgress) {
      const exportId = randomUUID();
      const job = startExportJob({
        exportId,
        dbPath: deps.dbPath,
        request,
        targetPath: target.path,
        clock: deps.clock,
        log: deps.log,
        onProgress,
        ...(deps.workerEntry ? { workerEntry: deps.workerEntry } : {}),
      });
      running.set(exportId, job);
      const done = job.done.finally(() => running.delete(exportId));
      return { exportId, done };
    },
    cancel(exportId) {
      running.get(exportId)?.cancel();
    },
    async dispose() {
      const jobs = [...running.values()];
      for (const job of jobs) job.cancel();
      await Promise.all(jobs.map((job) => job.done));
    },
  };
}
