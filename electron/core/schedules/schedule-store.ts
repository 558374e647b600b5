/**
 * The saved schedules and what each last did, as one JSON file in the data folder. Every change
 * rewrites it atomically (temporary file, flushed, renamed over), so a crash or power loss keeps the
 * old or the new list, never half of one. What is read back is checked with the contract's schema:
 * a damaged entry is dropped (and logged), never run half-understood.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { scheduleDefinitionSchema } from '../../ipc/contract.ts';
import type { ScheduleDefinition, ScheduleRunResult } from '../../ipc/types.ts';
import type { Logger } from '../ports.ts';

/** The file a schedule wrote last: replaced by "replace the last one" only while it is still as written. */
export interface WrittenFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface StoredSchedule extends ScheduleDefinition {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** The view's name when last saved or run: for the file name and for saying which view was deleted. */
  viewName: string;
  paused: string | null;
  /** The next run is the first one strictly after this instant: when it was saved, or when it last ran. */
  since: number;
  lastRunAt: number | null;
  lastResult: ScheduleRunResult | null;
  lastFile: WrittenFile | null;
}

const storedScheduleSchema = scheduleDefinitionSchema.extend({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  createdAt: z.number(),
  updatedAt: z.number(),
  viewName: z.string().max(2000),
  paused: z.string().max(1000).nullable(),
  since: z.number(),
  lastRunAt: z.number().nullable(),
  lastResult: z
    .strictObject({ at: z.number(), ok: z.boolean(), fileName: z.string().nullable(), rows: z.number().nullable(), message: z.string(), note: z.string().nullable() })
    .nullable(),
  lastFile: z.strictObject({ path: z.string(), size: z.number(), mtimeMs: z.number() }).nullable(),
});

export const SCHEDULES_FILE = 'schedules.json';

export interface ScheduleStore {
  all(): StoredSchedule[];
  get(id: string): StoredSchedule | null;
  /** Adds or replaces the schedule with this id. */
  put(schedule: StoredSchedule): void;
  remove(id: string): void;
}

export function openScheduleStore(dataDir: string, log: Logger): ScheduleStore {
  const file = join(dataDir, SCHEDULES_FILE);
  let schedules = readSchedules(file, log);
  const save = (next: StoredSchedule[]) => {
    writeAtomically(file, `${JSON.stringify({ version: 1, schedules: next }, null, 2)}\n`);
    schedules = next;
  };
  return {
    all: () => structuredClone(schedules),
    get: (id) => structuredClone(schedules.find((schedule) => schedule.id === id) ?? null),
    put(schedule) {
      const exists = schedules.some((entry) => entry.id === schedule.id);
      save(exists ? schedules.map((entry) => (entry.id === schedule.id ? structuredClone(schedule) : entry)) : [...schedules, structuredClone(schedule)]);
    },
    remove(id) {
      save(schedules.filter((entry) => entry.id !== id));
    },
  };
}

function readSchedules(file: string, log: Logger): StoredSchedule[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') log.warn('schedules: the saved schedules could not be read', { problem: String(error) });
    return [];
  }
  const entries = (raw as { schedules?: unknown } | null)?.schedules;
  const list = Array.isArray(entries) ? entries : [];
  const schedules = list.flatMap((entry) => storedScheduleSchema.safeParse(entry).data ?? []);
  if (schedules.length < list.length) log.warn('schedules: dropped schedules that could not be read', { dropped: list.length - schedules.length });
  return schedules;
}

/** Writes a temporary file beside the target, flushes it and renames it over the target. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
}
