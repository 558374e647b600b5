/**
 * Opaque paging cursors: AES-256-GCM over a tiny JSON payload with a per-server key, so a client
 * can neither read nor forge them (a tampered cursor fails authentication and is rejected).
 * A cursor names what it pages (`k`: contacts, owners, a list's memberships), so one handed to
 * another endpoint is refused too.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface CursorPayload {
  /** last id returned (contact id, owner id, record id) */
  id: number;
  /** listing archived records */
  a: boolean;
  /** what is paged: absent for contacts, 'owners', or 'list:{listId}' */
  k?: string;
}

export function encodeCursor(key: Buffer, payload: CursorPayload): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ v: 1, ...payload }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function decodeCursor(key: Buffer, cursor: string): CursorPayload | undefined {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
    const raw = Buffer.from(cursor, 'base64url');
    if (raw.length < 12 + 16 + 2) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(text) as { v?: unknown; id?: unknown; a?: unknown; k?: unknown };
    if (parsed.v !== 1 || typeof parsed.id !== 'number' || typeof parsed.a !== 'boolean') return undefined;
    if (parsed.k !== undefined && typeof parsed.k !== 'string') return undefined;
    return { id: parsed.id, a: parsed.a, ...(parsed.k !== undefined ? { k: parsed.k } : {}) };
  } catch {
    return undefined;
  }
}

/** decodes a cursor made for `kind` (undefined: contacts); anything else is undefined */
export function decodeCursorOf(key: Buffer, cursor: string, kind: string | undefined): CursorPayload | undefined {
  const payload = decodeCursor(key, cursor);
  return payload && payload.k === kind ? payload : undefined;
}
