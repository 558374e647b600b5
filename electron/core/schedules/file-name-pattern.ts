/**
 * A schedule's file name: a pattern such as `Contacts - {view} - {yyyy-MM-dd}` filled in at each
 * run. The extension always follows the format (a ".csv" typed into an Excel schedule's name is
 * replaced), and what the view's name brings is made safe for every file system.
 */
import { TZDate } from '@date-fns/tz';
import type { ExportRequest } from '../../ipc/types.ts';
import { AppError } from '../errors.ts';

export const DEFAULT_FILE_NAME_PATTERN = 'Contacts - {view} - {yyyy-MM-dd}';
const MAX_PATTERN_LENGTH = 150;
/** Characters Windows, macOS or Linux refuse in a file name, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const hasUnsafe = (text: string) => text.replace(UNSAFE, '') !== text;
const PLACEHOLDER = /\{[^{}]*\}/g;
const KNOWN = new Set(['{view}', '{yyyy-MM-dd}']);
/** Names Windows keeps for devices, whatever the extension. */
const DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

const refuse = (sentence: string) => new AppError('bad-input', sentence);

/** Throws `bad-input` with the reason when the pattern can't make a safe file name. */
export function checkFileNamePattern(pattern: string): void {
  if (pattern.trim() === '') throw refuse('Give the file a name.');
  if (pattern.length > MAX_PATTERN_LENGTH) throw refuse(`That file name is too long. Keep it under ${MAX_PATTERN_LENGTH} characters.`);
  const unknown = (pattern.match(PLACEHOLDER) ?? []).filter((placeholder) => !KNOWN.has(placeholder));
  if (unknown.length > 0) throw refuse(`The file name can use {view} and {yyyy-MM-dd}; ${unknown[0]} isn’t one of them.`);
  const literal = pattern.replace(PLACEHOLDER, '');
  if (hasUnsafe(literal)) throw refuse('A file name can’t contain / \\ : * ? " < > | or control characters. Choose another name.');
  if (literal.includes('..') || DEVICE_NAME.test(pattern.trim()) || /^[ .]|[ .]$/.test(pattern)) {
    throw refuse('That file name isn’t allowed. Use letters, numbers, spaces and dashes.');
  }
}

/** The day as `yyyy-MM-dd` in the time zone. */
export function localDay(at: number, timeZone: string): string {
  const day = new TZDate(at, timeZone);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** The file name for a run at `at`: the pattern filled in, the format's extension added. */
export function fileNameFor(pattern: string, viewName: string, format: ExportRequest['format'], at: number, timeZone: string): string {
  const safeView = viewName.replace(UNSAFE, ' ').replace(/\.{2,}/g, '.').replace(/\s+/g, ' ').trim().slice(0, 80) || 'View';
  const base = pattern
    .replaceAll('{view}', safeView)
    .replaceAll('{yyyy-MM-dd}', localDay(at, timeZone))
    .replace(/\.(csv|xlsx)$/i, '')
    .trim();
  return `${base}.${format}`;
}
