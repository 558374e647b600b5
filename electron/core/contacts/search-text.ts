/**
 * Turning names, emails and companies into FTS5 text, and what the user typed into a safe FTS5
 * query. The unicode61 tokenizer splits on spaces and punctuation, which works for Latin, Cyrillic,
 * Greek, Arabic, Hebrew and Devanagari, but scripts written without spaces (Chinese, Japanese,
 * Korean names, Thai) would become one long token each. Those characters are therefore indexed one
 * per token, and a search word is matched as a phrase of them: "佐藤" finds 佐 followed by 藤,
 * anywhere in the name, which is what a substring search in those scripts means.
 */

const unspacedScriptCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]\p{M}*/gu;
const hasWordCharacter = /[\p{L}\p{N}]/u;

/** The text to index for one field; NFKC so that full-width "ＡＢＣ" matches "abc". */
export function searchableText(value: string | null | undefined): string {
  if (!value) return '';
  return value.normalize('NFKC').replace(unspacedScriptCharacter, ' $& ');
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
 * An FTS5 MATCH expression: every word the user typed must prefix-match a word in the row. Each word
 * becomes a quoted phrase (quotes doubled), so FTS5 operators and column filters in the input are
 * just text. Null when nothing searchable was typed.
 */
export function ftsQuery(search: string): string | null {
  const words = search
    .normalize('NFKC')
    .split(/\s+/u)
    .filter((word) => hasWordCharacter.test(word));
  if (words.length === 0) return null;
  return words.map((word) => `"${searchableText(word).trim().replaceAll('"', '""')}"*`).join(' ');
}
