/**
 * Text inside the workbook's XML. XML 1.0 cannot hold most control characters (NUL, ESC, …), and a
 * parser turns CR into LF; Office Open XML writes such characters as `_xHHHH_` (ECMA-376 ST_Xstring),
 * which Excel and LibreOffice read back as the character. A literal `_x0041_` in a value is written
 * `_x005F_x0041_` so it is not decoded. Unpaired surrogates cannot be written in UTF-8 at all and
 * become U+FFFD, as they do in the CSV.
 */

// Control characters are exactly what these look for.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>\u0000-\u0008\u000b-\u001f_\ud800-\udfff\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>]|[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const hex4 = (char: string) => char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

function replace(char: string): string {
  switch (char) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '_':
      return '_x005F_';
    default: {
      const code = char.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
      return `_x${hex4(char)}_`;
    }
  }
}

/** `text` as the content of an XML element (attributes need more: see xmlAttribute). */
export function xmlText(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(SPECIAL, replace) : text;
}

/** `text` as an attribute value in double quotes. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replaceAll('"', '&quot;');
}

const EDGE_SPACE = /^\s|\s$/;
/** Printable ASCII other than the space: never white space, whatever `\s` counts. */
const plainAscii = (code: number) => code > 0x20 && code < 0x7f;

/** Whether `text` starts or ends with white space, which XML parsers drop unless told to keep it. */
export function needsSpacePreserved(text: string): boolean {
  // most values start and end with a letter or digit: no need to ask the regular expression
  if (text.length > 0 && plainAscii(text.charCodeAt(0)) && plainAscii(text.charCodeAt(text.length - 1))) return false;
  return EDGE_SPACE.test(text);
}
