/**
 * The SecretBox port over Electron's safeStorage (async API; the sync one is deprecated in 45):
 * Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux.
 *
 * Returned at once, without waiting for the OS: a locked keychain may ask the user before it
 * answers, and the window must not wait for that. `ready` settles when it has answered
 * (safeStorage.isAsyncEncryptionAvailable resolves once the encryptor is initialised — Electron
 * docs, safeStorage.isAsyncEncryptionAvailable()); encrypt and decrypt wait for it.
 */
import { safeStorage } from 'electron';
import { setTimeout as wait } from 'node:timers/promises';
import { AppError } from '../core/errors.ts';
import type { Logger, SecretBox } from '../core/ports.ts';
import { retryWhileTemporarilyUnavailable } from './keychain-retry.ts';

/** Call after the app is ready: the Linux backend is only known then. */
export function createSafeStorageSecretBox(log: Logger): SecretBox {
  let available = false;
  let protection: 'os' | 'weak' = 'weak';
  const ready = safeStorage.isAsyncEncryptionAvailable().then(
    (answer) => {
      available = answer;
      const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
      // basic_text encrypts with a key written in Chromium's source: anyone who can read the file can
      // decrypt it. 'unknown' is treated the same, as we cannot vouch for it.
      protection = available && backend !== 'basic_text' && backend !== 'unknown' ? 'os' : 'weak';
      log.info('secret storage ready', { available, backend, protection });
    },
    (error: unknown) => log.error('secret storage: the OS did not answer', { error }),
  );

  const unavailable = () =>
    new AppError('internal', "This computer's secure storage is not available, so Contact Desk cannot keep your sign-in. You can still sign in each time you open the app.");

  return {
    ready,
    get protection() {
      return protection;
    },
    async encrypt(plaintext) {
      await ready;
      if (!available) throw unavailable();
      return new Uint8Array(await safeStorage.encryptStringAsync(plaintext));
    },
    async decrypt(ciphertext) {
      await ready;
      if (!available) throw unavailable();
      const { result, shouldReEncrypt } = await retryWhileTemporarilyUnavailable(() => safeStorage.decryptStringAsync(Buffer.from(ciphertext)), {
        wait: (ms) => wait(ms),
        onRetry: (attempt, delayMs) => log.warn('secret storage: the keychain is not available yet; asking again', { attempt, delayMs }),
      });
      // The OS rotated its key; the next save (every token refresh) encrypts with the new one.
      if (shouldReEncrypt) log.info('secret storage: the OS key changed; stored secrets are re-encrypted on the next save');
      return result;
    },
  };
}
