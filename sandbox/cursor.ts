/**
 * Opaque paging cursors: AES-256-GCM over a tiny JSON payload with a per-server key, so a client
 * can neither read nor forge them (a tampered cursor fails authentication and is rejected).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface CursorPayload {
  /** last id returned */
  id: number;
  /** listing archived contacts */
  a: boolean;
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
    const parsed = JSON.parse(text) as { v?: unknown; id?: unknown; a?: unknown };
    if (parsed.v !== 1 || typeof parsed.id !== 'number' || typeof parsed.a !== 'boolean') return undefined;
    return { id: parsed.id, a: parsed.a };
  } catch {
    return undefined;
  }
}
