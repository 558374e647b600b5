/**
 * The export service the IPC handlers use: starts jobs, finds them again by id to cancel, and stops
 * them all when the app quits. It also keeps exports from piling up: one at a time per target file
 * (two writers racing to rename over the same file would leave either one), and at most two at once
 * (each reads the whole cache and keeps a core busy); a further one is refused with a sentence.
 */
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ExportProgress, ExportRequest } from '../../ipc/types.ts';
import { AppError } from '../errors.ts';
import type { FilterContext } from '../contacts/filter-queries.ts';
import type { Clock, Logger } from '../ports.ts';
import { localTimeZone } from '../views/date-range.ts';
import { startExportJob, type ExportJob, type ExportJobOptions } from './export-job.ts';

export const MAX_RUNNING_EXPORTS = 2;

export interface ExporterDeps {
  /** The contacts cache; each export opens its own read-only connection to it. */
  dbPath: string;
  clock: Clock;
  log: Logger;
  /**
   * What a view's filters need besides the cache (the time, time zone, who "Me" is): the same the
   * table uses. Without it: the clock, this computer's time zone and nobody signed in.
   */
  filterContext?: () => FilterContext;
  /** The bundled worker file in the desktop build (see worker-entry.ts); the source file otherwise. */
  workerEntry?: URL | string;
  /** Options passed to every job: the file port, rows per sheet, chunk size (see ExportJobOptions). */
  jobOptions?: Pick<ExportJobOptions, 'fileOpener' | 'rowsPerSheet' | 'chunkChars'>;
}

export interface Exporter {
  /** Throws the 'busy' AppError when no further export may start now (checked before asking where to save). */
  assertCanStart(): void;
  /** Starts an export; throws the 'busy' AppError when one is already writing that file or two are running. */
  start(request: ExportRequest, target: { path: string }, onProgress: (progress: ExportProgress) => void): { exportId: string; done: Promise<ExportProgress> };
  /** Stops the export and deletes its partial file; does nothing for an unknown or finished id. */
  cancel(exportId: string): void;
  /** Cancels every running export and waits until each has cleaned up. */
  dispose(): Promise<void>;
}

const tooMany = () => new AppError('busy', 'Two exports are already running. Wait for one to finish, or cancel it, then export again.');

export function createExporter(deps: ExporterDeps): Exporter {
  const filterContext = deps.filterContext ?? ((): FilterContext => ({ now: deps.clock.now(), timeZone: localTimeZone(), user: null, listsProblem: null }));
  const running = new Map<string, { job: ExportJob; target: string }>();

  const assertCanStart = () => {
    if (running.size >= MAX_RUNNING_EXPORTS) throw tooMany();
  };

  return {
    assertCanStart,
    start(request, target, onProgress) {
      assertCanStart();
      const key = targetKey(target.path);
      if ([...running.values()].some((entry) => entry.target === key)) {
        throw new AppError('busy', `“${basename(target.path)}” is already being exported. Wait for that export to finish, or save this one under another name.`);
      }
      const exportId = randomUUID();
      const job = startExportJob({
        exportId,
        dbPath: deps.dbPath,
        request,
        filterContext: filterContext(),
        targetPath: target.path,
        clock: deps.clock,
        log: deps.log,
        onProgress,
        ...deps.jobOptions,
        ...(deps.workerEntry ? { workerEntry: deps.workerEntry } : {}),
      });
      running.set(exportId, { job, target: key });
      const done = job.done.finally(() => running.delete(exportId));
      return { exportId, done };
    },
    cancel(exportId) {
      running.get(exportId)?.job.cancel();
    },
    async dispose() {
      const jobs = [...running.values()].map((entry) => entry.job);
      for (const job of jobs) job.cancel();
      await Promise.all(jobs.map((job) => job.done));
    },
  };
}

/** The same file however it was named: the folder's real path, and case-blind where the file system is. */
function targetKey(path: string): string {
  let folder = resolve(dirname(path));
  try {
    folder = realpathSync(folder);
  } catch {
    // a missing folder fails the export itself, with its own sentence
  }
  const key = join(folder, basename(path));
  return process.platform === 'win32' || process.platform === 'darwin' ? key.toLowerCase() : key;
}
