/**
 * Strips secrets and personal data from anything about to be logged. Logs are meant to be sent to
 * IT or support, so a token, an authorization code, a client secret or a user's email address must
 * never reach them, whichever way a caller passes it: as a field, inside a message, in a URL, in a
 * form body or in an error's text.
 */

export const redacted = '[redacted]';
export const redactedEmail = '[email]';

/** Keys whose value is a secret whatever it looks like: these anywhere in the name... */
const secretKey = /token|secret|authorization|password|passphrase|cookie|verifier|credential|api[-_]?key|code/i;
/** ...and these as a whole word of it (`dbPass`, `pwd`, `creds`, `signing_key`, but not `keyboard` or `passed`). */
const secretWords = new Set(['pwd', 'pw', 'pass', 'passwd', 'creds', 'cred', 'key', 'apikey', 'privkey', 'jwt', 'otp', 'pin', 'sig', 'signature', 'sid', 'session', 'sessionid']);

/**
 * Keys that carry identifiers support needs and that are never secret. HubSpot's correlation id is
 * a UUID, which the free-text rules below would otherwise take for a refresh token.
 */
const diagnosticKeys = new Set(['correlationId', 'requestId', 'exportId', 'statusCode', 'exitCode', 'errorCode']);
const plainIdentifier = /^[\w.:-]{1,100}$/;

/** A Node system error code (ECONNREFUSED, ERR_INVALID_URL): worth keeping under a `code` key. */
const systemErrorCode = /^(E[A-Z0-9]+|ERR_[A-Z0-9_]+)$/;

const secretParameter = String.raw`(?:access_|refresh_|id_)?token|code(?:_verifier)?|client_secret|password|passwd|pass|pwd|creds?|(?:api_?)?key|secret|session(?:_?id)?|sig(?:nature)?`;
const secretJsonKey = String.raw`(?:access_|refresh_|id_)?token|accessToken|refreshToken|code(?:_verifier|Verifier)?|client_?[sS]ecret|password|passwd|pass|pwd|creds?|(?:api_?|api)?[kK]ey|secret|session(?:_?[iI]d)?|sig(?:nature)?`;

/**
 * Email addresses as people really write them, and as they travel: local parts and domains in any
 * script (IDN), the full-width and small commercial at (＠ ﹫), URL-encoded (`%40`, double-encoded
 * `%2540`, percent-encoded UTF-8 in either part) and ideographic full stops between labels.
 */
const emailLocalChar = String.raw`[\p{L}\p{M}\p{N}._%+-]`;
const emailAt = String.raw`(?:@|\uFF20|\uFE6B|%40|%2540)`;
const domainChar = String.raw`(?:[\p{L}\p{M}\p{N}]|%[0-9A-Fa-f]{2})`;
const domainLabel = String.raw`${domainChar}(?:(?:${domainChar}|-)*${domainChar})?`;
const domainDot = String.raw`[.\u3002\uFF0E\uFF61]`;
const email = new RegExp(String.raw`(?<!${emailLocalChar})${emailLocalChar}+${emailAt}${domainLabel}(?:${domainDot}${domainLabel})+`, 'giu');

const textRules: [RegExp, string | ((match: string) => string)][] = [
  // Authorization headers: "Bearer abc", "Basic abc".
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, `$1 ${redacted}`],
  // Secrets in URLs and form bodies: ?code=…&code_verifier=…, refresh_token=…
  [new RegExp(String.raw`(^|[?&#;\s"'])(${secretParameter})=([^&#\s"']*)`, 'gi'), `$1$2=${redacted}`],
  // The same secrets in JSON text: "refresh_token": "…"
  [new RegExp(String.raw`("(?:${secretJsonKey})"\s*:\s*)"[^"]*"`, 'g'), `$1"${redacted}"`],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, redacted],
  // UUID-shaped tokens, with HubSpot's optional region prefix (refresh tokens look like this).
  [/\b(?:[a-z]{2,3}\d-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, redacted],
  // Long opaque strings mixing letters and digits: access tokens (~300 characters), hex secrets.
  [/[A-Za-z0-9_-]{32,}/g, (match) => (/[0-9]/.test(match) && /[A-Za-z]/.test(match) ? redacted : match)],
  [email, redactedEmail],
];

const maxDepth = 8;
const maxStringLength = 4000;
/**
 * Longer texts are redacted over the first maxStringLength + cutMargin characters, then cut: so a
 * secret that straddles the limit is still seen whole (an access token is ~300 characters).
 */
const cutMargin = 1024;
/** A character of a token, an address or a word: what a cut at the limit may leave a fragment of. */
const fragmentChar = /[\p{L}\p{M}\p{N}._~+/=%@\uFF20\uD800-\uDFFF-]/u;

/** Replaces every secret-looking and email-looking part of a text. */
export function redactText(text: string): string {
  // Bounded first: the rules then run over a bounded text, whatever a caller passes.
  const long = text.length > maxStringLength;
  let result = long ? text.slice(0, maxStringLength + cutMargin) : text;
  for (const [pattern, replacement] of textRules) {
    result = typeof replacement === 'string' ? result.replace(pattern, replacement) : result.replace(pattern, replacement);
  }
  if (!long) return result;
  return `${withoutCutFragment(result.slice(0, maxStringLength))}… (cut from ${text.length} characters)`;
}

/** Drops the word the cut went through, so no fragment of a token or an address survives it. */
function withoutCutFragment(text: string): string {
  let end = text.length;
  // A loop, not /…+$/: that regex retries from every position of a long run (quadratic).
  while (end > 0 && fragmentChar.test(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/**
 * A copy of `value` that is safe to log: plain data only (errors, URLs and dates become text or
 * plain objects), secret fields replaced, every string run through `redactText`.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, undefined, 0, new WeakSet());
}

function redactValue(value: unknown, key: string | undefined, depth: number, seen: WeakSet<object>): unknown {
  if (key !== undefined && isSecretKey(key, value)) return value === null || value === undefined || value === '' ? value : redacted;
  if (typeof value === 'string') return key !== undefined && diagnosticKeys.has(key) && plainIdentifier.test(value) ? value : redactText(value);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'function' || typeof value === 'symbol') return String(value);
    return value;
  }
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof URL) return redactText(value.href);
    if (value instanceof Error) return redactError(value, depth, seen);
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
    if (Array.isArray(value)) return value.slice(0, 100).map((item) => redactValue(item, undefined, depth + 1, seen));
    if (value instanceof Map) return redactValue(Object.fromEntries(value), key, depth, new WeakSet());
    if (value instanceof Set) return redactValue([...value], key, depth, new WeakSet());
    const copy: Record<string, unknown> = {};
    for (const [entryKey, entryValue] of Object.entries(value)) copy[entryKey] = redactValue(entryValue, entryKey, depth + 1, seen);
    return copy;
  } finally {
    seen.delete(value);
  }
}

function redactError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const view: Record<string, unknown> = { name: error.name, message: redactText(error.message) };
  const extra = error as Error & { kind?: unknown; code?: unknown; cause?: unknown };
  if (typeof extra.kind === 'string') view.kind = extra.kind;
  if (extra.code !== undefined) view.code = redactValue(extra.code, 'code', depth + 1, seen);
  if (error.stack) view.stack = redactText(error.stack);
  if (extra.cause !== undefined) view.cause = redactValue(extra.cause, undefined, depth + 1, seen);
  return view;
}

function isSecretKey(key: string, value: unknown): boolean {
  if (diagnosticKeys.has(key)) return false;
  if (!secretKey.test(key) && !wordsOf(key).some((word) => secretWords.has(word))) return false;
  return !(key === 'code' && typeof value === 'string' && systemErrorCode.test(value));
}

/** `dbPass` → db, pass; `signing_key` → signing, key; `X-Api-Key` → x, api, key. */
function wordsOf(key: string): string[] {
  return key
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}
