/**
 * The SecretBox port over Electron's safeStorage (async API; the sync one is deprecated in 45):
 * Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux.
 */
import { safeStorage } from 'electron';
import { AppError } from '../core/errors.ts';
import type { Logger, SecretBox } from '../core/ports.ts';

/** Call after the app is ready: the Linux backend is only known then. */
export async function createSafeStorageSecretBox(log: Logger): Promise<SecretBox> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  // basic_text encrypts with a key written in Chromium's source: anyone who can read the file can
  // decrypt it. 'unknown' is treated the same, as we cannot vouch for it.
  const protection = available && backend !== 'basic_text' && backend !== 'unknown' ? 'os' : 'weak';
  log.info('secret storage ready', { available, backend, protection });

  const unavailable = () =>
    new AppError('internal', "This computer's secure storage is not available, so Contact Desk cannot keep your sign-in. You can still sign in each time you open the app.");

  return {
    protection,
    async encrypt(plaintext) {
      if (!available) throw unavailable();
      return new Uint8Array(await safeStorage.encryptStringAsync(plaintext));
    },
    async decrypt(ciphertext) {
      if (!available) throw unavailable();
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(ciphertext));
      // The OS rotated its key; the next save (every token refresh) encrypts with the new one.
      if (shouldReEncrypt) log.info('secret storage: the OS key changed; stored secrets are re-encrypted on the next save');
      return result;
    },
  };
}
