/**
 * safeStorage.decryptStringAsync rejects with "safeStorage.decryptStringAsync is temporarily
 * unavailable. Please try again." when the OS keychain cannot give its key right now (locked, or
 * still asking the user) — Electron's source, shell/browser/api/electron_api_safe_storage.cc. That
 * is not a lost sign-in: it is asked again a few times, and when the keychain still has not
 * answered, the caller gets a 'storage-locked' error, which keeps the saved sign-in for the next
 * start. Pure (no 'electron'), so the schedule is tested under Node.
 */
import { AppError } from '../core/errors.ts';

/**
 * About 4 s in all. Chromium builds the keychain's encryptor once per run, so asking for much longer
 * rarely helps: past this, the user is told to unlock it and start the app again.
 */
export const keychainRetryDelaysMs: readonly number[] = [250, 500, 1_000, 2_000];

export const stillLocked =
  "Contact Desk couldn't open the sign-in saved on this computer because the keychain is locked. Unlock it (your computer may ask for your password), then quit and open Contact Desk again — or sign in again now.";

export function isTemporarilyUnavailable(error: unknown): boolean {
  return error instanceof Error && /temporarily unavailable/i.test(error.message);
}

export async function retryWhileTemporarilyUnavailable<T>(
  attempt: () => Promise<T>,
  options: { delaysMs?: readonly number[]; wait(ms: number): Promise<void>; onRetry?(attempt: number, delayMs: number): void },
): Promise<T> {
  const delays = options.delaysMs ?? keychainRetryDelaysMs;
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTemporarilyUnavailable(error)) throw error;
      const delay = delays[tried];
      if (delay === undefined) throw new AppError('storage-locked', stillLocked, { cause: error });
      options.onRetry?.(tried + 1, delay);
      await options.wait(delay);
    }
  }
}
