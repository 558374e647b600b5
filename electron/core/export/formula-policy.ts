/**
 * Keeps spreadsheets from reading an exported value as a formula (and, for Excel-friendly files,
 * from turning ids into numbers). The policy and the evidence behind each case are in
 * FORMULA_POLICY.md; keep the two in step.
 *
 * A value is looked at in parts: a spreadsheet that opens the file with another separator (German
 * and French Excel split on `;`) or reads a line break starts a new cell after every `,`, `;`, tab,
 * CR or LF, even inside quotes. Each part is judged by its first visible character (invisible
 * characters such as NUL, U+FEFF or U+200B are skipped: LibreOffice drops a leading NUL and then
 * evaluates what follows). The only change ever made is one apostrophe right before that
 * character, and an apostrophe already there gets one more, so `unprotectCell` recovers the exact
 * original by removing one apostrophe at the same places.
 */

export const TEXT_MARKER = "'";

export interface CellPolicy {
  /** Excel-friendly files also keep leading zeros and long digit runs (ids, zip codes) as text. */
  keepDigitsAsText: boolean;
}

/** A signed plain number (`-5`, `+1`, `-0.5`, `-1,234.50`): evaluating it only yields the same number. */
const SIGNED_NUMBER = /^[+-]\d+(?:[.,]\d+)*$/;
/** An international phone number: `+`, digits, and spaces, hyphens, dots or parentheses between them. */
const PHONE_CHARACTERS = /^\+\d[\d ().-]*\d$/;
const MIN_PHONE_DIGITS = 7;
/** Two numbers side by side with only spaces between them: not a valid formula in any spreadsheet. */
const NUMBERS_SIDE_BY_SIDE = /[\d)] +[\d(]/;
/** Digits only, starting with 0 (`007`, `02134`), or too long for a spreadsheet's 15-digit numbers. */
const DIGITS_A_SPREADSHEET_WOULD_MANGLE = /^(?:0\d+|\d{16,})$/;
/** Characters that never show: spaces of every kind, controls, format characters (U+FEFF, U+200B, bidi marks). */
const INVISIBLE = /^[\p{Z}\p{Cc}\p{Cf}]$/u;

/** What a character means to the policy; one table lookup per cell on the common path. */
const OTHER = 0;
const INVISIBLE_CHAR = 1;
/** Where a spreadsheet may start a new cell: `,` `;` tab CR LF. */
const SEPARATOR = 2;
/** A character that starts a formula, or the text marker itself. */
const STARTS_FORMULA = 3;
const DIGIT = 4;
/** The first half of a character outside the Basic Multilingual Plane: looked at as a code point. */
const HIGH_SURROGATE = 5;

const KIND = buildKindTable();

function buildKindTable(): Uint8Array {
  const kinds = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    const char = String.fromCharCode(code);
    if (',;\t\r\n'.includes(char)) kinds[code] = SEPARATOR;
    else if ("=+-@'".includes(char)) kinds[code] = STARTS_FORMULA;
    else if (code >= 0x30 && code <= 0x39) kinds[code] = DIGIT;
    else if (code >= 0xd800 && code <= 0xdbff) kinds[code] = HIGH_SURROGATE;
    else if (INVISIBLE.test(char)) kinds[code] = INVISIBLE_CHAR;
  }
  return kinds;
}

/** How many UTF-16 units the invisible character at `i` takes (0 when it is visible or past `end`). */
function invisibleWidth(value: string, i: number, end: number): number {
  if (i >= end) return 0;
  const kind = KIND[value.charCodeAt(i)];
  if (kind === INVISIBLE_CHAR) return 1;
  if (kind !== HIGH_SURROGATE) return 0;
  const code = value.codePointAt(i)!;
  return code > 0xffff && INVISIBLE.test(String.fromCodePoint(code)) ? 2 : 0;
}

/** The index of the first visible character of the part [start, end), or `end`. */
function firstVisible(value: string, start: number, end: number): number {
  let i = start;
  for (let width = invisibleWidth(value, i, end); width > 0; width = invisibleWidth(value, i, end)) i += width;
  return i;
}

/** Whether the part [start, end), whose first visible character is at `at`, needs the marker there. */
function partNeedsMarker(value: string, at: number, end: number, wholeValue: boolean, policy: CellPolicy): boolean {
  if (at >= end) return false;
  switch (value[at]) {
    case "'": // keeps the marker unambiguous (see unprotectCell)
    case '=':
    case '@':
      return true;
    case '+':
    case '-': {
      const text = value.slice(at, end);
      return !SIGNED_NUMBER.test(text) && !isSpacedPhoneNumber(text);
    }
    default:
      return wholeValue && policy.keepDigitsAsText && DIGITS_A_SPREADSHEET_WOULD_MANGLE.test(value);
  }
}

/**
 * `+44 20 7946 0958`, `+81 90-1234-5678`, `+1 (555) 123-4567`. None of these characters can name a
 * function, a cell, a string or a link, and two numbers side by side with only a space between them
 * are not a valid formula, so a spreadsheet shows them as text. Without that (`+1-555-123-4567`,
 * `+1 - 555`) a spreadsheet that reads a leading `+` as a formula would calculate it: those get the
 * marker.
 */
function isSpacedPhoneNumber(value: string): boolean {
  if (!PHONE_CHARACTERS.test(value) || !NUMBERS_SIDE_BY_SIDE.test(value)) return false;
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
  }
  return digits >= MIN_PHONE_DIGITS;
}

/** Calls `visit(start, end)` for each part of the value: the stretches between separators. */
function forEachPart(value: string, visit: (start: number, end: number) => void): void {
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (KIND[value.charCodeAt(i)] !== SEPARATOR) continue;
    visit(start, i);
    start = i + 1;
  }
  visit(start, value.length);
}

function hasSeparator(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (KIND[value.charCodeAt(i)] === SEPARATOR) return true;
  return false;
}

/** The value as written to the file: an apostrophe before each part that needs one, nothing else changed. */
export function protectCell(value: string, policy: CellPolicy): string {
  if (value === '') return value;
  const first = KIND[value.charCodeAt(0)];
  const wholeValue = !hasSeparator(value);
  // The common case: one part that starts with an ordinary character.
  if (wholeValue && (first === OTHER || (first === DIGIT && !policy.keepDigitsAsText))) return value;

  const markAt: number[] = [];
  forEachPart(value, (start, end) => {
    const at = firstVisible(value, start, end);
    if (partNeedsMarker(value, at, end, wholeValue, policy)) markAt.push(at);
  });
  if (markAt.length === 0) return value;
  let out = '';
  let from = 0;
  for (const at of markAt) {
    out += value.slice(from, at) + TEXT_MARKER;
    from = at;
  }
  return out + value.slice(from);
}

/** The exact value that was exported: for programs that read the file back. */
export function unprotectCell(cell: string): string {
  let out = '';
  forEachPart(cell, (start, end) => {
    const at = firstVisible(cell, start, end);
    const separator = end < cell.length ? cell[end] : '';
    out += at < end && cell[at] === TEXT_MARKER ? cell.slice(start, at) + cell.slice(at + 1, end) + separator : cell.slice(start, end) + separator;
  });
  return out;
}
