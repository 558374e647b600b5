import { timingSafeEqual } from 'node:crypto';

/**
 * What a request to the loopback callback means for the pending attempt. Hand-rolled rather than
 * oauth4webapi's validateAuthResponse: that one rejects any `iss` parameter it does not expect, and
 * whether HubSpot ever sends one is not documented.
 */
export type CallbackVerdict =
  | { kind: 'code'; code: string }
  | { kind: 'denied'; error: string; description: string | null }
  | { kind: 'refused'; reason: 'missing-state' | 'wrong-state' | 'malformed' };

const maxCodeLength = 2048;
const maxDescriptionLength = 300;

export function readCallback(query: URLSearchParams, expectedState: string): CallbackVerdict {
  for (const name of ['state', 'code', 'error', 'error_description']) {
    if (query.getAll(name).length > 1) return { kind: 'refused', reason: 'malformed' };
  }
  const state = query.get('state');
  if (!state) return { kind: 'refused', reason: 'missing-state' };
  if (!sameSecret(state, expectedState)) return { kind: 'refused', reason: 'wrong-state' };

  // Checked only after the state matched, so a stray link cannot end someone's sign-in.
  const error = query.get('error');
  if (error) return { kind: 'denied', error: clean(error, 100), description: cleanDescription(query.get('error_description')) };

  const code = query.get('code');
  if (!code || code.length > maxCodeLength) return { kind: 'refused', reason: 'malformed' };
  return { kind: 'code', code };
}

function sameSecret(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cleanDescription(value: string | null): string | null {
  if (!value) return null;
  const cleaned = clean(value, maxDescriptionLength);
  return cleaned === '' ? null : cleaned;
}

/** HubSpot's text is shown to the user: drop control characters and cap the length. */
function clean(value: string, maxLength: number): string {
  const text = value.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
