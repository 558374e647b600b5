/**
 * When a schedule runs next: "daily at 08:00", "weekly on Monday and Thursday at 08:00" or "monthly
 * on the 31st at 08:00", in the computer's local time. Pure: the instant and the time zone are
 * arguments, so tests pin both.
 *
 * The zone arithmetic is @date-fns/tz's (already a dependency for the views' date filters): it
 * resolves a wall-clock time in an IANA zone, including the hour that is skipped in spring (08:00
 * never falls there, but 02:30 does: it becomes 03:30, so the run happens rather than being
 * skipped) and the hour that repeats in autumn (the first 01:30 is taken; the run after it looks
 * strictly after that instant, so the second 01:30 never runs it again).
 */
import { TZDate } from '@date-fns/tz';
import type { ScheduleWhen, Weekday } from '../../ipc/types.ts';

export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Enough days to find the next match of any schedule (a monthly one on the 31st needs under 62). */
const SEARCH_DAYS = 400;

/** The first instant strictly after `after` at which the schedule is due, in `timeZone`. */
export function nextRunAfter(when: ScheduleWhen, after: number, timeZone: string): number {
  const [hours, minutes] = when.time.split(':').map(Number) as [number, number];
  const start = new TZDate(after, timeZone);
  for (let offset = 0; offset < SEARCH_DAYS; offset++) {
    // A local calendar day, built from its fields so month ends and DST days need no arithmetic.
    const day = new TZDate(start.getFullYear(), start.getMonth(), start.getDate() + offset, 12, 0, timeZone);
    if (!runsOn(when, day)) continue;
    const at = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes, timeZone).getTime();
    if (at > after) return at;
  }
  throw new Error('A schedule without any day to run on reached nextRunAfter.');
}

function runsOn(when: ScheduleWhen, day: TZDate): boolean {
  switch (when.every) {
    case 'day':
      return true;
    case 'week':
      return when.days.includes(WEEKDAYS[day.getDay()]!);
    case 'month':
      // "the 31st" means the month's last day in shorter months, so no month is left out.
      return day.getDate() === Math.min(when.day, daysInMonth(day));
  }
}

function daysInMonth(day: TZDate): number {
  return new Date(Date.UTC(day.getFullYear(), day.getMonth() + 1, 0)).getUTCDate();
}
