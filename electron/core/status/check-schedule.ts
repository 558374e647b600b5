/** When the next connection check is due, after a success or after failures in a row. */
import type { ErrorView } from '../../ipc/types.ts';

export const firstRetryMs = 30_000;
/** A daily limit never keeps us quiet for longer than this, whatever HubSpot says. */
const maxDailyLimitWaitMs = 24 * 60 * 60_000;

/**
 * Delay from the end of the last check to the next one. Failures that may clear by themselves
 * back off 30 s, 1 min, 2 min, … up to the normal interval; failures only the user can fix
 * (sign-in, permissions) are not retried faster than the interval.
 */
export function nextCheckDelay(options: { intervalMs: number; failuresInARow: number; lastError: ErrorView | null; now: number }): number {
  const { intervalMs, failuresInARow, lastError, now } = options;
  if (!lastError || failuresInARow === 0) return intervalMs;

  switch (lastError.kind) {
    case 'revoked':
    case 'not-signed-in':
    case 'missing-scope':
      return intervalMs;
    case 'daily-limit': {
      const resumeAt = numberDetail(lastError, 'resumeAt');
      return resumeAt === null ? intervalMs : Math.min(Math.max(resumeAt - now, backoff(failuresInARow, intervalMs)), maxDailyLimitWaitMs);
    }
    case 'rate-limited': {
      const retryAfterSeconds = numberDetail(lastError, 'retryAfterSeconds');
      return Math.max(backoff(failuresInARow, intervalMs), (retryAfterSeconds ?? 0) * 1000);
    }
    default:
      return backoff(failuresInARow, intervalMs);
  }
}

function backoff(failuresInARow: number, intervalMs: number): number {
  return Math.min(firstRetryMs * 2 ** Math.min(failuresInARow - 1, 30), intervalMs);
}

function numberDetail(error: ErrorView, key: string): number | null {
  const value = error.details?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
