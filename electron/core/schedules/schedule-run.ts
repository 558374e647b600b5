/**
 * One run of a schedule: sync first (unless offline), export the view through the app's exporter
 * (a temporary file renamed into place, as every export), and tidy up after "replace the last
 * one". It never throws: every outcome is a result with a sentence, and the schedule stays.
 *
 * A scheduled export never replaces a file it did not write: when the name is taken by someone
 * else's file (or, keeping every file, by an earlier run's), " (2)", " (3)"… is added.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join, parse } from 'node:path';
import type { ExportProgress, ExportRequest, ScheduleRunResult, ViewDefinition } from '../../ipc/types.ts';
import { isAppError } from '../errors.ts';
import type { Exporter } from '../export/exporter.ts';
import type { Logger } from '../ports.ts';
import { fileNameFor } from './file-name-pattern.ts';
import type { StoredSchedule, WrittenFile } from './schedule-store.ts';

export interface RunDeps {
  exporter: Pick<Exporter, 'start'>;
  /** Syncs with HubSpot and resolves once done; resolves with a note when it could not (offline). */
  syncFirst(): Promise<string | null>;
  log: Logger;
  timeZone: string;
}

export interface RunOutcome {
  result: ScheduleRunResult;
  /** The file written, when the run wrote one. */
  written: WrittenFile | null;
}

/** The part of a view a scheduled export uses (built-in views have no order of their own). */
export type ViewForRun = Pick<ViewDefinition, 'search' | 'filters'> & { sort?: ViewDefinition['sort'] };

/** What the view decides for the export (rows: its search and filters; order); the schedule decides the rest. */
export function exportRequestFor(schedule: StoredSchedule, view: ViewForRun): ExportRequest {
  const { columns, header, format, values, excelFriendly, delimiter } = schedule.export;
  const rows = { scope: 'view' as const, search: view.search.trim(), filters: view.filters, viewName: schedule.viewName };
  return { columns, ...(view.sort ? { sort: view.sort } : {}), ...rows, header, format, values, excelFriendly, delimiter };
}

export async function runSchedule(schedule: StoredSchedule, view: ViewForRun, at: number, deps: RunDeps): Promise<RunOutcome> {
  const note = schedule.syncFirst ? await syncQuietly(deps) : null;
  const name = fileNameFor(schedule.fileName, schedule.viewName, schedule.export.format, at, deps.timeZone);
  const target = freeTarget(schedule, join(schedule.folder, name));
  let progress: ExportProgress;
  try {
    progress = await deps.exporter.start(exportRequestFor(schedule, view), { path: target }, () => {}).done;
  } catch (error) {
    return failed(schedule, at, isAppError(error) ? error.message : 'The export could not start.', note);
  }
  if (progress.state !== 'done') {
    return failed(schedule, at, progress.error?.message ?? 'The export did not finish.', note);
  }
  const written = describe(target);
  if (schedule.keep === 'replace-last' && schedule.lastFile && schedule.lastFile.path !== target) removeIfUnchanged(schedule.lastFile, deps.log);
  const fileName = parse(target).base;
  const rows = progress.written;
  return {
    result: { at, ok: true, fileName, rows, message: `Saved ${rows.toLocaleString('en')} ${rows === 1 ? 'contact' : 'contacts'} to “${fileName}”.`, note },
    written,
  };
}

function failed(schedule: StoredSchedule, at: number, reason: string, note: string | null): RunOutcome {
  return {
    result: { at, ok: false, fileName: null, rows: null, message: `The export to “${schedule.folder}” wasn’t saved. ${reason} The next run will try again.`, note },
    written: null,
  };
}

async function syncQuietly(deps: RunDeps): Promise<string | null> {
  try {
    return await deps.syncFirst();
  } catch (error) {
    deps.log.warn('schedules: sync before export failed', { kind: isAppError(error) ? error.kind : 'internal' });
    return 'The sync before the export didn’t finish, so the file has the contacts as of the last sync.';
  }
}

/** The path itself when it is free or is this schedule's own last file to replace; else the first free "name (n).ext". */
function freeTarget(schedule: StoredSchedule, path: string): string {
  const own = schedule.keep === 'replace-last' && schedule.lastFile?.path === path && isUnchanged(schedule.lastFile);
  if (own || !existsSync(path)) return path;
  const { dir, name, ext } = parse(path);
  for (let n = 2; ; n++) {
    const candidate = join(dir, `${name} (${n})${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

function describe(path: string): WrittenFile | null {
  try {
    const stat = statSync(path);
    return { path, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return null;
  }
}

/** Still the file this schedule wrote: same size and time (someone who edited or replaced it keeps it). */
function isUnchanged(file: WrittenFile): boolean {
  const now = describe(file.path);
  return now !== null && now.size === file.size && now.mtimeMs === file.mtimeMs;
}

function removeIfUnchanged(file: WrittenFile, log: Logger): void {
  if (!isUnchanged(file)) return;
  try {
    rmSync(file.path);
  } catch (error) {
    log.warn('schedules: could not remove the previous file', { problem: String(error) });
  }
}
