/**
 * What "today", "this quarter" or "1 March to 15 March" mean for a date filter: calendar days in
 * the computer's time zone, worked out from the clock each time a view is used (a saved "this
 * month" view keeps meaning the current month). Pure: the time and the time zone are arguments.
 *
 * A range becomes half-open calendar days [from, until), then the instants where those days start
 * in the time zone. Days where midnight does not exist (a daylight-saving change at 00:00) start at
 * their first real instant; @date-fns/tz works that out.
 */
import { TZDate } from '@date-fns/tz';
import type { DatePreset, DateRange } from '../../ipc/types.ts';

/** Calendar days YYYY-MM-DD; `until` is the first day no longer included. Null: open end. */
export interface DaySpan {
  from: string | null;
  until: string | null;
}

/** Epoch milliseconds; `until` excluded. Null: open end. */
export interface InstantSpan {
  from: number | null;
  until: number | null;
}

const dayMs = 86_400_000;

/** YYYY-MM-DD of a UTC date's fields (day arithmetic only, no time zone involved). */
const dayText = (utcMs: number): string => new Date(utcMs).toISOString().slice(0, 10);
const dayUtcMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const addDays = (day: string, days: number): string => dayText(dayUtcMs(day) + days * dayMs);

/** Today's calendar day in the time zone, as year, month (1-12) and day. */
function localToday(now: number, timeZone: string): { year: number; month: number; day: number } {
  const local = new TZDate(now, timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

const ymd = (year: number, month: number, day: number): string => dayText(Date.UTC(year, month - 1, day));

function presetSpan(preset: DatePreset, now: number, timeZone: string): DaySpan {
  const { year, month, day } = localToday(now, timeZone);
  const today = ymd(year, month, day);
  switch (preset) {
    case 'today':
      return { from: today, until: addDays(today, 1) };
    case 'last-7-days':
      return { from: addDays(today, -6), until: addDays(today, 1) };
    case 'this-month':
      return { from: ymd(year, month, 1), until: ymd(year, month + 1, 1) };
    case 'this-quarter': {
      const first = month - ((month - 1) % 3);
      return { from: ymd(year, first, 1), until: ymd(year, first + 3, 1) };
    }
    case 'this-year':
      return { from: ymd(year, 1, 1), until: ymd(year + 1, 1, 1) };
  }
}

/** The calendar days a range covers, today being `now` in `timeZone`. */
export function daySpan(range: DateRange, now: number, timeZone: string): DaySpan {
  if ('preset' in range) return presetSpan(range.preset, now, timeZone);
  return { from: range.from, until: range.to === null ? null : addDays(range.to, 1) };
}

/** The instant a calendar day starts in the time zone. */
export function startOfDay(day: string, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, date, timeZone).getTime();
}

export function instantSpan(span: DaySpan, timeZone: string): InstantSpan {
  return {
    from: span.from === null ? null : startOfDay(span.from, timeZone),
    until: span.until === null ? null : startOfDay(span.until, timeZone),
  };
}

/** The computer's time zone (the one its clock shows). */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
