/**
 * Turning names, emails and companies into search text, and what the user typed into search words.
 *
 * Words are split on spaces and punctuation, which works for Latin, Cyrillic, Greek, Arabic, Hebrew
 * and Devanagari, but scripts written without spaces (Chinese, Japanese, Korean names, Thai) would
 * become one long word each. Those characters are therefore indexed one per word, and a search word
 * is matched as a sequence of them: "佐藤" finds 佐 followed by 藤, anywhere in the name, which is
 * what a substring search in those scripts means. Symbols and emoji are indexed one per word the
 * same way, so "🍕" finds "Pizza🍕Palace".
 *
 * Both search indexes use this text: FTS5 (unicode61 tokenizer with symbols as word characters) and
 * the word index used where SQLite has no FTS5 (`indexTokens` below mirrors that tokenizer).
 */

const spacedOut = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{S}]\p{M}*/gu;
const hasWordCharacter = /[\p{L}\p{N}\p{S}]/u;
/** Control and format characters (NUL, zero-width space, BOM…): never part of a search. */
const invisible = /[\p{Cc}\p{Cf}]/gu;

/** The text to index for one field; NFKC so that full-width "ＡＢＣ" matches "abc". */
export function searchableText(value: string | null | undefined): string {
  if (!value) return '';
  return value.normalize('NFKC').replace(spacedOut, ' $& ');
}

/**
 * The name as searched: "first last", and for names in unspaced scripts also family name first
 * without a space, the way 王芳 (lastname 王, firstname 芳) is written.
 */
export function searchableName(firstname: string | null | undefined, lastname: string | null | undefined): string {
  const first = firstname ?? '';
  const last = lastname ?? '';
  const familyFirst = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(first + last) ? ` ${last}${first}` : '';
  return searchableText(`${first} ${last}${familyFirst}`);
}

/**
 * What the user typed as search words, each as indexed text. Null for a blank search (everything
 * matches); empty when something was typed but nothing searchable (only punctuation: nothing
 * matches). A word already implied by a longer one ("jo" beside "jose") is left out.
 */
export function searchWords(search: string): string[] | null {
  const typed = search.normalize('NFKC').replace(invisible, '').split(/\s+/u).filter((word) => word !== '');
  if (typed.length === 0) return null;
  const words = [...new Set(typed.filter((word) => hasWordCharacter.test(word)).map((word) => searchableText(word).trim()))];
  const single = (word: string) => !/\s/u.test(word);
  const implied = (word: string) => single(word) && words.some((other) => other !== word && single(other) && other.toLowerCase().startsWith(word.toLowerCase()));
  return words.filter((word) => !implied(word));
}

/**
 * An FTS5 MATCH expression: every word must prefix-match a word in the row. Each word becomes a
 * quoted phrase (quotes doubled), so FTS5 operators and column filters in the input are just text.
 */
export function ftsQuery(words: readonly string[]): string {
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}

const separator = /[^\p{L}\p{N}\p{Co}\p{M}\p{S}]+/u;

/** Lower case without accents on Latin letters (the FTS5 tokenizer's remove_diacritics 2, closely). */
function fold(token: string): string {
  return token.normalize('NFD').replace(/(\p{Script=Latin})\p{Mn}+/gu, '$1').normalize('NFC').toLowerCase();
}

/** The words of searchable text, as the word index stores and matches them. */
export function indexTokens(text: string): string[] {
  return text.split(separator).filter((token) => token !== '').map(fold);
}
