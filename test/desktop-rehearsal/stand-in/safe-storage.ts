/**
 * Electron's safeStorage, async API (docs: api/safe-storage.md; behaviour read from Electron 45's
 * shell/browser/api/electron_api_safe_storage.cc), over a stand-in key kept outside the data folder.
 * The keychain can be made to answer late (the host decides when: a locked keychain asking the
 * user) or to stay locked ("temporarily unavailable"), as REHEARSAL_KEYCHAIN says.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appImpl } from './app.ts';
import { host, record } from './host-link.ts';
import { strict } from './strict.ts';

export type KeychainMode = 'ready' | 'late' | 'locked' | 'flaky';
const mode = (process.env.REHEARSAL_KEYCHAIN ?? 'ready') as KeychainMode;
const backend = process.env.REHEARSAL_KEYCHAIN_BACKEND ?? 'gnome_libsecret';
const keyFile = join(process.env.REHEARSAL_HOME ?? '.', '.rehearsal-keychain', 'safe-storage.key');
const prefix = Buffer.from('v11');
let flakyAnswersLeft = 2;

let encryptor: Promise<Buffer> | null = null;
/** "The asynchronous encryptor is initialized lazily the first time this method, encryptStringAsync, or decryptStringAsync is called after the app is ready." */
function ensureEncryptor(): Promise<Buffer> {
  encryptor ??= (async () => {
    if (mode === 'late') await host.call('ask.keychainReady', {});
    record('safeStorage#encryptor-ready', { mode });
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    }
    return readFileSync(keyFile);
  })();
  return encryptor;
}

const notReady = () => Promise.reject(new Error('safeStorage cannot be used before app is ready'));

export const safeStorage = strict('safeStorage', {
  /** Resolves false before ready; otherwise once the encryptor is initialised. */
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    record('safeStorage.isAsyncEncryptionAvailable');
    if (!appImpl.isReady()) return false;
    await ensureEncryptor();
    return true;
  },
  /** docs: safeStorage.getSelectedStorageBackend() _Linux_ — 'unknown' "when the function is called before app has emitted the ready event". */
  getSelectedStorageBackend(): string {
    return appImpl.isReady() ? backend : 'unknown';
  },
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    if (!appImpl.isReady()) return notReady();
    const key = await ensureEncryptor();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([prefix, iv, cipher.getAuthTag(), body]);
  },
  /**
   * "Resolve with an object containing … shouldReEncrypt … result"; rejects with "safeStorage.
   * decryptStringAsync is temporarily unavailable. Please try again." when the key provider cannot
   * answer now, and "Error while decrypting the ciphertext provided to safeStorage.
   * decryptStringAsync." when the ciphertext does not decrypt.
   */
  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    if (!appImpl.isReady()) return notReady();
    if (!Buffer.isBuffer(encrypted)) throw new Error('Expected the first argument of decryptStringAsync() to be a buffer');
    if (encrypted.length === 0) return { shouldReEncrypt: false, result: '' };
    const key = await ensureEncryptor();
    if (mode === 'locked' || (mode === 'flaky' && flakyAnswersLeft-- > 0)) {
      record('safeStorage.decryptStringAsync', { answer: 'temporarily unavailable' });
      throw new Error('safeStorage.decryptStringAsync is temporarily unavailable. Please try again.');
    }
    try {
      if (!encrypted.subarray(0, 3).equals(prefix)) throw new Error('not v11');
      const iv = encrypted.subarray(3, 15);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(encrypted.subarray(15, 31));
      const result = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
      record('safeStorage.decryptStringAsync', { answer: 'decrypted' });
      return { shouldReEncrypt: false, result };
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
    }
  },
});
