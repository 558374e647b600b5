/**
 * HubSpot's date and date-time values, read strictly, for showing them as spreadsheets read dates.
 * Anything that is not a real calendar date inside the range every spreadsheet handles comes back
 * null, and the caller shows the raw text instead: a wrong date is worse than an odd-looking one.
 *
 * Date-times are shown in the computer's time zone: JavaScript's local-time getters follow the
 * process's time zone (the operating system's, or TZ), in the worker threads too.
 */

/** A spreadsheet date: the text people read and the serial number a workbook stores. */
export interface SpreadsheetDate {
  /** `2023-12-04` or `2023-12-04 14:19`. */
  text: string;
  /** Days since 1899-12-30 (the 1900 date system), with the time of day as a fraction. */
  serial: number;
}

const DAY_MS = 86_400_000;
/** 1970-01-01 as a serial number of the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25_569;
/**
 * 1900-03-01 to 9999-12-31: before March 1900, Excel's serial numbers are off by one (it counts a
 * 29 February 1900 that never was); after 9999, no spreadsheet has dates.
 */
const FIRST_DAY_MS = Date.UTC(1900, 2, 1);
const END_MS = Date.UTC(10000, 0, 1);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Milliseconds since 1970, as older HubSpot answers carry them (`"1572480000000"`); shorter digit runs are not dates. */
const EPOCH_MS = /^\d{11,15}$/;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const ymd = (year: number, month: number, day: number) => `${year}-${pad2(month)}-${pad2(day)}`;

/** The UTC midnight of a valid calendar day, or null (30 February, month 13, …). */
function utcDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? ms : null;
}

const inRange = (ms: number) => ms >= FIRST_DAY_MS && ms < END_MS;

/**
 * A `date` property: `2023-12-04`, or the midnight (UTC) HubSpot stores it as, in epoch milliseconds
 * or ISO form. Another time of day is not a date HubSpot wrote, so it stays raw text.
 */
export function parseDateValue(raw: string): SpreadsheetDate | null {
  let dayMs: number | null = null;
  const date = DATE.exec(raw);
  if (date) {
    dayMs = utcDay(Number(date[1]), Number(date[2]), Number(date[3]));
  } else {
    const at = instantOf(raw);
    if (at !== null && at % DAY_MS === 0) dayMs = at;
  }
  if (dayMs === null || !inRange(dayMs)) return null;
  const d = new Date(dayMs);
  return { text: ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), serial: dayMs / DAY_MS + UNIX_EPOCH_SERIAL };
}

/** A `datetime` property, shown to the minute in the computer's time zone; the serial keeps the seconds. */
export function parseDateTimeValue(raw: string): SpreadsheetDate | null {
  const at = instantOf(raw);
  if (at === null) return null;
  const local = new Date(at);
  const year = local.getFullYear();
  const month = local.getMonth() + 1;
  const day = local.getDate();
  const hours = local.getHours();
  const minutes = local.getMinutes();
  // The wall-clock time as if it were UTC: whole days plus the time of day, whatever the offset.
  const wallMs = Date.UTC(year, month - 1, day, hours, minutes, local.getSeconds(), local.getMilliseconds());
  if (!inRange(wallMs)) return null;
  return { text: `${ymd(year, month, day)} ${pad2(hours)}:${pad2(minutes)}`, serial: wallMs / DAY_MS + UNIX_EPOCH_SERIAL };
}

/** Milliseconds since 1970 for an ISO 8601 date-time with an offset, or epoch milliseconds; null otherwise. */
function instantOf(raw: string): number | null {
  if (EPOCH_MS.test(raw)) return Number(raw);
  const match = DATE_TIME.exec(raw);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', offset = 'Z'] = match;
  const dayMs = utcDay(Number(y), Number(mo), Number(d));
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = Number(s);
  if (dayMs === null || hours > 23 || minutes > 59 || seconds > 59) return null;
  const offsetMinutes = offsetOf(offset);
  if (offsetMinutes === null) return null;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  return dayMs + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + ms;
}

function offsetOf(text: string): number | null {
  if (text === 'Z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}
