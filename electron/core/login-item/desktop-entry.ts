/**
 * The few parts of the freedesktop.org Desktop Entry format an autostart file needs: string
 * escapes, the quoting of Exec arguments, and reading the [Desktop Entry] group back.
 */

/** The string-value escapes (\\, \n, \t, \r), applied last when writing and first when reading. */
const escapeValue = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');

function unescapeValue(value: string): string {
  const escapes: Record<string, string> = { s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' };
  return value.replace(/\\(.)/g, (whole, code: string) => escapes[code] ?? whole);
}

/**
 * Exec: every argument in double quotes, with ", `, $ and \ escaped by a backslash, and % doubled
 * (a lone % starts a field code such as %f). Quoting even plain arguments keeps one rule for all.
 */
export function execValue(args: readonly string[]): string {
  return escapeValue(args.map((arg) => `"${arg.replace(/[\\"`$]/g, '\\$&').replace(/%/g, '%%')}"`).join(' '));
}

/** The arguments of an Exec value, quoted or not; field codes other than %% are dropped. */
export function parseExec(value: string): string[] {
  const text = unescapeValue(value);
  const args: string[] = [];
  let current: string | null = null;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '\\' && i + 1 < text.length) current += text[++i]!;
      else if (char === '"') quoted = false;
      else current += char;
    } else if (char === ' ' || char === '\t') {
      if (current !== null) args.push(current);
      current = null;
    } else if (char === '"') {
      quoted = true;
      current ??= '';
    } else {
      current = (current ?? '') + char;
    }
  }
  if (current !== null) args.push(current);
  return args.filter((arg) => !/^%[a-zA-Z]$/.test(arg)).map((arg) => arg.replace(/%%/g, '%'));
}

/** A whole file: the [Desktop Entry] group with these keys, in this order. */
export function desktopEntryText(keys: readonly (readonly [string, string])[]): string {
  return `[Desktop Entry]\n${keys.map(([key, value]) => `${key}=${key === 'Exec' ? value : escapeValue(value)}`).join('\n')}\n`;
}

/** The keys of the [Desktop Entry] group (raw values: Exec goes to parseExec, others are plain text). */
export function readDesktopEntry(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  let inEntry = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('[')) inEntry = line.trim() === '[Desktop Entry]';
    else if (inEntry && !line.startsWith('#')) {
      const equals = line.indexOf('=');
      if (equals > 0) keys.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
    }
  }
  return keys;
}
