/** How a schedule reads in the UI: "Every Monday and Thursday at 08:00". Framework-free. */
import type { ScheduleWhen, Weekday } from '../../../electron/ipc/types.ts';

export const WEEKDAY_NAMES: readonly [Weekday, string][] = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
];

const ordinal = (day: number): string => {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
};

const list = (items: string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

export function describeWhen(when: ScheduleWhen): string {
  switch (when.every) {
    case 'day':
      return `Every day at ${when.time}`;
    case 'week':
      return `Every ${list(WEEKDAY_NAMES.filter(([day]) => when.days.includes(day)).map(([, name]) => name))} at ${when.time}`;
    case 'month':
      return `Monthly on the ${ordinal(when.day)}${when.day > 28 ? ' (or the month’s last day)' : ''} at ${when.time}`;
  }
}
