/** Short, human times for status lines: "10:42" today, "3 May, 10:42" on another day. */

export interface TimeFormatOptions {
  /** BCP 47 locale; the system's when omitted. */
  locale?: string;
  /** IANA time zone; the system's when omitted. Tests pin both. */
  timeZone?: string;
}

export function formatStatusTime(at: number, now: number, options: TimeFormatOptions = {}): string {
  const { locale, timeZone } = options;
  const time = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }).format(at);
  const calendarDay = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  if (calendarDay.format(at) === calendarDay.format(now)) return time;
  return `${new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' }).format(at)}, ${time}`;
}
