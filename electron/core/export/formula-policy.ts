/**
 * Keeps spreadsheets from reading an exported value as a formula (and, for Excel-friendly files,
 * from turning ids into numbers). The policy and the evidence behind each case are in
 * FORMULA_POLICY.md; keep the two in step.
 *
 * The only change ever made is one apostrophe in front of the value, and every value that begins
 * with an apostrophe gets one too, so `unprotectCell` recovers the exact original.
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
const LEADING_WHITESPACE = /^[ \t\r\n]+/;

const EQUALS = 0x3d;
const PLUS = 0x2b;
const MINUS = 0x2d;
const AT = 0x40;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const APOSTROPHE = 0x27;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Whether the value's first character means this value needs a closer look. Cheap enough to run on
 * every cell; `needsTextMarker` does the rest only for the few that pass.
 */
export function mightNeedTextMarker(value: string, policy: CellPolicy): boolean {
  const first = value.charCodeAt(0);
  switch (first) {
    case EQUALS:
    case PLUS:
    case MINUS:
    case AT:
    case TAB:
    case CR:
    case LF:
    case SPACE:
    case APOSTROPHE:
      return true;
    default:
      return policy.keepDigitsAsText && first >= ZERO && first <= NINE && (first === ZERO || value.length >= 16);
  }
}

export function needsTextMarker(value: string, policy: CellPolicy): boolean {
  if (value === '') return false;
  const first = value.charCodeAt(0);
  if (first === APOSTROPHE) return true; // keeps the marker unambiguous (see unprotectCell)
  if (first === TAB || first === CR || first === LF) return true;
  if (first === SPACE) {
    // Some importers trim unquoted fields, which would bring a formula character to the front.
    const trimmed = value.replace(LEADING_WHITESPACE, '');
    const next = trimmed.charCodeAt(0);
    return next === EQUALS || next === PLUS || next === MINUS || next === AT;
  }
  if (first === EQUALS || first === AT) return true;
  if (first === PLUS || first === MINUS) return !SIGNED_NUMBER.test(value) && !isSpacedPhoneNumber(value);
  return policy.keepDigitsAsText && DIGITS_A_SPREADSHEET_WOULD_MANGLE.test(value);
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
    if (c >= ZERO && c <= NINE) digits++;
  }
  return digits >= MIN_PHONE_DIGITS;
}

export function protectCell(value: string, policy: CellPolicy): string {
  return mightNeedTextMarker(value, policy) && needsTextMarker(value, policy) ? TEXT_MARKER + value : value;
}

/** The exact value that was exported: for programs that read the file back. */
export function unprotectCell(cell: string): string {
  return cell.startsWith(TEXT_MARKER) ? cell.slice(TEXT_MARKER.length) : cell;
}
