/**
 * Passes the sync's progress on to the window. A sync reports every page it writes, up to ten a
 * second, and each report redraws the window's contacts screen: with 1,000,000 contacts cached that
 * was a good part of the page's work while a full sync ran. So a new count waits for at most
 * `everyMs`, and the newest is always sent; a change of state (started, its kind or total known,
 * ended, failed) goes at once.
 */
import type { SyncProgress } from '../../ipc/types.ts';
import type { Clock, Timer } from '../ports.ts';

export interface ProgressAnnouncer {
  (progress: SyncProgress): void;
  /** Drops a count still waiting (the app is closing). */
  dispose(): void;
}

const sameState = (a: SyncProgress, b: SyncProgress) => a.running === b.running && a.kind === b.kind && a.total === b.total && a.error === b.error;

export function createProgressAnnouncer(announce: (progress: SyncProgress) => void, clock: Clock, everyMs: number): ProgressAnnouncer {
  let announced: SyncProgress | null = null;
  let waiting: SyncProgress | null = null;
  let timer: Timer | null = null;

  function send(progress: SyncProgress): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    waiting = null;
    announced = progress;
    announce(progress);
  }

  const changed = (progress: SyncProgress): void => {
    if (announced === null || !sameState(announced, progress)) {
      send(progress);
    } else {
      waiting = progress;
      timer ??= clock.setTimeout(() => send(waiting as SyncProgress), everyMs);
    }
  };
  return Object.assign(changed, {
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  });
}
