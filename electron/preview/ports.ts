/**
 * The preview shell's stand-ins for what Electron provides: an AES-256-GCM secret box whose key
 * file lives outside the data directory (as safeStorage's key lives in the OS keychain), and a
 * JSON-file key-value store (as electron-store).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyValueStore, SecretBox } from '../core/ports.ts';

export function createAesSecretBox(keyFile: string): SecretBox {
  let key: Buffer;
  try {
    key = readFileSync(keyFile);
  } catch {
    key = randomBytes(32);
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, key, { mode: 0o600 });
  }
  if (key.length !== 32) throw new Error(`${keyFile} is not a 256-bit key`);
  return {
    protection: 'os',
    async encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(ciphertext) {
      const data = Buffer.from(ciphertext);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** Writes go to a temporary file renamed into place, so a crash never leaves half a file. */
export function createJsonFileStore(path: string): KeyValueStore {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    data = {};
  }
  const save = () => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, JSON.stringify(data, null, 2), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  };
  return {
    get: (key) => data[key],
    set(key, value) {
      data[key] = value;
      save();
    },
    delete(key) {
      delete data[key];
      save();
    },
  };
}
