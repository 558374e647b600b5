/**
 * Sort keys for text: byte strings whose plain byte order is the order of `Intl.Collator` in the
 * app's locale, so SQLite can keep them in an ordinary index (it has no collator of its own here).
 *
 * The first part of a key is the primary level — letters without case or accents, in the
 * language's alphabet (Álvarez with the A's, Çelik with the C's, 王 after the Latin and Cyrillic
 * letters) — then, after a 0x00 0x00 separator, the finer differences (accents, case) so equal
 * names still come in one fixed order.
 *
 * How: every character of the Basic Multilingual Plane is sorted once with the collator, and each
 * gets the rank of its group of equal characters (about 0.2 s, once per thread that sorts). A
 * character that sorts as two letters (ß as "ss", æ as "ae", ligatures) is expanded first; Thai and
 * Lao vowels written before their consonant are swapped behind it, as the collator does. Characters
 * beyond the BMP (emoji, rare CJK) are placed where the collator puts them among the BMP ones, then
 * by code point. Language-specific contractions ("ch" as one letter in Czech) are not modelled:
 * such words sort as their separate letters.
 *
 * The keys depend on the locale and ICU's version: `sortKeyIdentity` names both, and an index
 * built with other keys must be rebuilt (see contacts/sort-keys.ts).
 */

/** Raise when the key layout changes: stored keys and indexes are then rebuilt. */
const KEY_LAYOUT_VERSION = 1;
/** Marks a character beyond the BMP after its two weight bytes; weights stay far below it (about 50,000 groups). */
const SUPPLEMENTARY_MARK = 0xff;
const IGNORABLE = 0;

export interface SortKeyer {
  /** The key for `text` (never empty for a non-empty text with a visible character). */
  key(text: string): Uint8Array;
  /** Locale, ICU version and key layout: keys made by keyers with different identities don't mix. */
  identity: string;
}

interface Tables {
  /** Primary (base-letter) weight of each BMP code unit, 0 for characters the collator ignores. */
  primary: Uint16Array;
  /** Full weight (accents and case too) of each BMP code unit. */
  full: Uint16Array;
  /** Sorted BMP characters, for placing characters beyond the BMP. */
  sorted: string[];
  collator: Intl.Collator;
  /** By code unit: the letters a character sorts as. */
  expansions: Map<number, string>;
}

const keyers = new Map<string, SortKeyer>();

/** The keyer for `locale` (the process's default locale when undefined); built once per process. */
export function sortKeyer(locale?: string): SortKeyer {
  const resolved = new Intl.Collator(locale).resolvedOptions().locale;
  let keyer = keyers.get(resolved);
  if (!keyer) {
    keyer = buildKeyer(resolved);
    keyers.set(resolved, keyer);
  }
  return keyer;
}

export function sortKeyIdentity(locale?: string): string {
  return `${new Intl.Collator(locale).resolvedOptions().locale}|icu ${process.versions.icu ?? 'none'}|layout ${KEY_LAYOUT_VERSION}`;
}

function buildKeyer(locale: string): SortKeyer {
  const tables = buildTables(locale);
  const supplementary = new Map<number, number>();
  const placeBeyondBmp = (codePoint: number): number => {
    let weight = supplementary.get(codePoint);
    if (weight === undefined) {
      weight = primaryWeightOfPosition(tables, String.fromCodePoint(codePoint));
      supplementary.set(codePoint, weight);
    }
    return weight;
  };
  return {
    identity: sortKeyIdentity(locale),
    key: (text) => encodeKey(text.replace(PREVOWEL_FIRST, '$2$1'), tables, placeBeyondBmp),
  };
}

function buildTables(locale: string): Tables {
  const chars = assignedBmpCharacters();
  const base = new Intl.Collator(locale, { sensitivity: 'base' });
  const variant = new Intl.Collator(locale, { sensitivity: 'variant' });
  // One sort serves both levels: the collator compares letters first and accents and case only
  // between equal letters, so the full order keeps each group of equal letters together.
  const sorted = [...chars].sort(variant.compare);
  const primary = rankGroups(sorted, base, true);
  return { primary, full: rankGroups(sorted, variant, false), sorted, collator: base, expansions: findExpansions(chars, base, primary) };
}

/** Every assigned character of the BMP but surrogates and private use (one pattern over them all: a test per character is slower). */
function assignedBmpCharacters(): string[] {
  let all = '';
  for (let code = 0; code < 0x10000; code++) {
    if ((code >= 0xd800 && code <= 0xdfff) || (code >= 0xe000 && code <= 0xf8ff)) continue;
    all += String.fromCharCode(code);
  }
  return all.replace(/\p{Cn}/gu, '').split('');
}

/** Gives each group of equal characters of `sorted` (in the collator's order) the same weight, from 1 (0 for ignorable ones). */
function rankGroups(sorted: readonly string[], collator: Intl.Collator, ignorable: boolean): Uint16Array {
  const weights = new Uint16Array(0x10000);
  let weight = 0;
  let previous: string | null = null;
  for (const char of sorted) {
    if (ignorable && collator.compare(char, '') === 0) continue;
    if (previous === null || collator.compare(previous, char) !== 0) weight++;
    weights[char.charCodeAt(0)] = weight;
    previous = char;
  }
  if (ignorable) for (const char of sorted) if (collator.compare(char, '') === 0) weights[char.charCodeAt(0)] = IGNORABLE;
  return weights;
}

/** Letters that sort as two (ß, æ, œ, ligatures): only where the collator agrees they are equal. */
const EXPANSION_CANDIDATES: Record<string, string> = { ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', þ: 'th', Þ: 'TH', ĳ: 'ij', Ĳ: 'IJ', ŉ: "'n" };

function findExpansions(chars: readonly string[], collator: Intl.Collator, primary: Uint16Array): Map<number, string> {
  const expansions = new Map<number, string>();
  for (const char of chars) {
    const candidate = EXPANSION_CANDIDATES[char] ?? char.normalize('NFKD');
    // Only a letter that is a group of its own needs it (é already weighs what e does), and only into
    // letters that weigh something (Swedish Å is a letter of its own, not A and a ring the table ignores).
    if (candidate.length < 2 || primary[char.charCodeAt(0)] === primary[candidate.charCodeAt(0)]) continue;
    if ([...candidate].some((part) => primary[part.charCodeAt(0)] === IGNORABLE)) continue;
    if (collator.compare(char, candidate) === 0) expansions.set(char.charCodeAt(0), candidate);
  }
  return expansions;
}

/** Thai and Lao vowels written before their consonant sort after it. */
const PREVOWEL_FIRST = /([\u0e40-\u0e44\u0ec0-\u0ec4])([\u0e01-\u0e2e\u0e81-\u0eae])/g;
/** No letter below À expands. */
const FIRST_EXPANDABLE = 0xc0;

/** Where the collator puts a character beyond the BMP: the weight of the last BMP group before it. */
function primaryWeightOfPosition(tables: Tables, char: string): number {
  let low = 0;
  let high = tables.sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (tables.collator.compare(tables.sorted[middle]!, char) <= 0) low = middle + 1;
    else high = middle;
  }
  for (let i = low - 1; i >= 0; i--) {
    const weight = tables.primary[tables.sorted[i]!.charCodeAt(0)]!;
    if (weight !== IGNORABLE) return weight;
  }
  return IGNORABLE;
}

/** Reused for every key: the longest a key of `length` code units can be (an expansion is at most three letters). */
let scratch = new Uint8Array(256);

function encodeKey(text: string, tables: Tables, placeBeyondBmp: (codePoint: number) => number): Uint8Array {
  const room = text.length * 8 + 2;
  if (scratch.length < room) scratch = new Uint8Array(room * 2);
  const out = scratch;
  let at = 0;
  const pushWeight = (weight: number) => {
    out[at++] = weight >> 8;
    out[at++] = weight & 0xff;
  };
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const codePoint = text.codePointAt(i)!;
      i++;
      // after the BMP group it follows, then by code point
      pushWeight(placeBeyondBmp(codePoint));
      out[at++] = SUPPLEMENTARY_MARK;
      out[at++] = codePoint >> 16;
      pushWeight(codePoint & 0xffff);
      continue;
    }
    const expansion = unit >= FIRST_EXPANDABLE ? tables.expansions.get(unit) : undefined;
    if (expansion === undefined) {
      const weight = tables.primary[unit]!;
      if (weight !== IGNORABLE) pushWeight(weight);
    } else {
      for (let j = 0; j < expansion.length; j++) pushWeight(tables.primary[expansion.charCodeAt(j)]!);
    }
  }
  out[at++] = 0;
  out[at++] = 0;
  // the finer part: accents and case, character by character
  for (let i = 0; i < text.length; i++) pushWeight(tables.full[text.charCodeAt(i)]!);
  return out.slice(0, at);
}
