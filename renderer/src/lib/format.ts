/** How numbers, counts and times read in the UI. Uses the user's locale for digits and dates. */
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export const formatNumber = (value: number): string => integer.format(value);

/** "1 contact", "12,345 contacts". */
export const formatCount = (value: number, singular: string, plural = `${singular}s`): string =>
  `${formatNumber(value)} ${value === 1 ? singular : plural}`;

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'always' });

/** "just now", "2 minutes ago", "3 hours ago", "yesterday at 10:42", "on 22 Nov at 10:42". */
export function formatRelativeTime(then: number, now: number): string {
  const elapsed = Math.max(0, now - then);
  if (elapsed < minute) return 'just now';
  if (elapsed < hour) return relative.format(-Math.floor(elapsed / minute), 'minute');
  if (elapsed < 12 * hour) return relative.format(-Math.floor(elapsed / hour), 'hour');
  const time = formatTime(then);
  if (isSameDay(then, now)) return `today at ${time}`;
  if (isSameDay(then, now - day)) return `yesterday at ${time}`;
  return `on ${formatDay(then, now)} at ${time}`;
}

/** "10:42". */
export const formatTime = (at: number): string => new Date(at).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });

/** "22 Nov", with the year only when it is not the current one. */
export function formatDay(at: number, now: number): string {
  const date = new Date(at);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "22 Nov, 10:42". */
export const formatDayAndTime = (at: number, now: number): string => `${formatDay(at, now)}, ${formatTime(at)}`;

function isSameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}
