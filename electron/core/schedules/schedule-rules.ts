/**
 * The checks a schedule passes before it is saved, each refusal a `bad-input` sentence: a folder it
 * may write to, a file name that is safe everywhere, a view that exists, and no other schedule
 * writing the same file (two runs racing to replace one file would leave either one).
 */
import { posix, win32 } from 'node:path';
import type { ScheduleDefinition } from '../../ipc/types.ts';
import { AppError } from '../errors.ts';
import { checkFileNamePattern, fileNameFor } from './file-name-pattern.ts';
import { checkScheduleFolder, type FolderRules } from './folder-rules.ts';
import type { StoredSchedule } from './schedule-store.ts';

export const MAX_SCHEDULES = 100;

export interface RuleContext {
  folders: FolderRules;
  /** The other saved schedules (the one being edited left out). */
  others: readonly StoredSchedule[];
  /** The view's name, or null when there is no such view. */
  viewName(viewId: string): string | null;
  timeZone: string;
}

/** Throws `bad-input` saying what to change; returns the view's name otherwise. */
export function checkSchedule(definition: ScheduleDefinition, context: RuleContext): string {
  checkScheduleFolder(definition.folder, context.folders);
  checkFileNamePattern(definition.fileName);
  const viewName = context.viewName(definition.export.viewId);
  if (viewName === null) throw new AppError('bad-input', 'That view no longer exists. Choose another view for this scheduled export.');
  const clash = context.others.find((other) => sameTarget(other, { ...definition, viewName }, context));
  if (clash) {
    throw new AppError('bad-input', `Another scheduled export already writes “${targetName({ ...definition, viewName }, context)}” in that folder. Choose another file name or folder.`);
  }
  return viewName;
}

/** Same instant for both, so two patterns that would give the same name on any day are caught. */
const SAMPLE_AT = Date.UTC(2030, 0, 15, 12);

function targetName(schedule: ScheduleDefinition & { viewName: string }, context: RuleContext): string {
  return fileNameFor(schedule.fileName, schedule.viewName, schedule.export.format, SAMPLE_AT, context.timeZone);
}

function sameTarget(a: ScheduleDefinition & { viewName: string }, b: ScheduleDefinition & { viewName: string }, context: RuleContext): boolean {
  const path = context.folders.platform === 'win32' ? win32 : posix;
  const caseBlind = context.folders.platform === 'win32' || context.folders.platform === 'darwin';
  const key = (schedule: ScheduleDefinition & { viewName: string }) => {
    const full = path.join(path.resolve(schedule.folder), targetName(schedule, context));
    return caseBlind ? full.toLowerCase() : full;
  };
  return key(a) === key(b);
}
