/**
 * A real SecretBox for tests and the browser preview: AES-256-GCM with a key kept in its own file,
 * which must live OUTSIDE the app's data directory (otherwise the key sits next to the ciphertext
 * and protects nothing). The desktop app uses Electron's safeStorage instead.
 *
 *   const secretBox = await openAesSecretBox({ keyFile: join(keyDir, 'secret-box.key') });
 *
 * Ciphertext layout: version byte (1) | 12-byte IV | 16-byte auth tag | ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretBox } from '../core/ports.ts';

const formatVersion = 1;
const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;

export interface AesSecretBoxOptions {
  /** Read if it exists, otherwise created with a fresh random key (mode 0600). */
  keyFile: string;
  /** What the box reports; 'weak' lets tests exercise the no-keychain path (Linux basic_text). */
  protection?: 'os' | 'weak';
}

export async function openAesSecretBox(options: AesSecretBoxOptions): Promise<SecretBox> {
  return aesSecretBox(await loadOrCreateKey(options.keyFile), options.protection ?? 'os');
}

export function aesSecretBox(key: Uint8Array, protection: 'os' | 'weak' = 'os'): SecretBox {
  if (key.length !== keyBytes) throw new Error(`An AES-256 key is ${keyBytes} bytes, not ${key.length}.`);
  return {
    ready: Promise.resolve(),
    protection,
    async encrypt(plaintext) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.of(formatVersion), iv, cipher.getAuthTag(), body]));
    },
    async decrypt(ciphertext) {
      const bytes = Buffer.from(ciphertext);
      if (bytes.length < 1 + ivBytes + tagBytes || bytes[0] !== formatVersion) throw new Error('Not a ciphertext of this secret box.');
      const iv = bytes.subarray(1, 1 + ivBytes);
      const tag = bytes.subarray(1 + ivBytes, 1 + ivBytes + tagBytes);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(bytes.subarray(1 + ivBytes + tagBytes)), decipher.final()]).toString('utf8');
    },
  };
}

async function loadOrCreateKey(keyFile: string): Promise<Uint8Array> {
  try {
    return await readFile(keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(keyBytes);
  await mkdir(dirname(keyFile), { recursive: true });
  // 'wx': if another process created the key meanwhile, use theirs rather than overwrite it.
  try {
    await writeFile(keyFile, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFile(keyFile);
    throw error;
  }
}
