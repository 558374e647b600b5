/**
 * Tells the window how many contacts are saved, after changes: at most once every `everyMs` while a
 * sync writes, at once when forced (a sync ended, the cache was cleared or reloaded). Counts come
 * from the cache's readers, which may answer out of order; a count asked for before the one last
 * announced is dropped, so the number on screen never goes back to an older one.
 */
import type { Clock, Logger } from '../ports.ts';

export interface CountAnnouncerDeps {
  count(): Promise<number>;
  announce(count: number): void;
  clock: Clock;
  everyMs: number;
  log: Logger;
}

export function createCountAnnouncer({ count, announce, clock, everyMs, log }: CountAnnouncerDeps): (force: boolean) => void {
  let lastAskedAt = Number.NEGATIVE_INFINITY;
  let asked = 0;
  let announced = 0;
  return (force) => {
    const now = clock.now();
    if (!force && now - lastAskedAt < everyMs) return;
    lastAskedAt = now;
    const ask = ++asked;
    count().then(
      (value) => {
        if (ask < announced) return;
        announced = ask;
        announce(value);
      },
      (error: unknown) => log.warn('Could not count the saved contacts', { problem: error instanceof Error ? error.message : String(error) }),
    );
  };
}
