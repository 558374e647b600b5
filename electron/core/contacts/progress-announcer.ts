/**
 * Passes the sync's progress on to the window. A sync reports every page it writes, up to ten a
 * second, and each report redraws the window's contacts screen: with 1,000,000 contacts cached that
 * was a good part of the page's work while a full sync ran. So a new count waits for at most
 * `everyMs`, and the newest is always sent; a change of state (started, its kind or total known,
 * ended or failed) goes at once.
 */
import type { SyncProgress } from '../../ipc/types.ts';
import type { Clock } from '../ports.ts';
import { createThrottle } from '../progress-throttle.ts';

export interface ProgressAnnouncer {
  (progress: SyncProgress): void;
  /** Drops a count still waiting (the app is closing). */
  dispose(): void;
}

const sameState = (a: SyncProgress, b: SyncProgress) => a.running === b.running && a.kind === b.kind && a.total === b.total;

export function createProgressAnnouncer(announce: (progress: SyncProgress) => void, clock: Clock, everyMs: number): ProgressAnnouncer {
  const throttle = createThrottle(clock, everyMs, announce);
  let previous: SyncProgress | null = null;
  const changed = (progress: SyncProgress): void => {
    if (previous !== null && sameState(previous, progress)) throttle.push(progress);
    else throttle.now(progress);
    previous = progress;
  };
  return Object.assign(changed, { dispose: () => throttle.cancel() });
}
