/**
 * What the page is told about the cache's workers — 'ready'; 'reloading' while one that stopped is
 * being replaced; 'unavailable' once replacing them has been given up — and how many replacements
 * a minute allows before that.
 */
import type { Clock } from '../ports.ts';

export type CacheStatus = 'ready' | 'reloading' | 'unavailable';

/** More replacements than this within a minute and the cache stops replacing its workers (cache-client.ts). */
export const RESTARTS_PER_MINUTE = 3;

export interface CacheStatusKeeper {
  readonly current: CacheStatus;
  set(next: CacheStatus): void;
  onChange(listener: (status: CacheStatus) => void): () => void;
  /** Whether one more replacement may start now; counted if so. */
  mayReplace(): boolean;
  /** The person asked to try again: the minute's count starts over. */
  forgetReplacements(): void;
}

export function createCacheStatus(clock: Clock): CacheStatusKeeper {
  const listeners = new Set<(status: CacheStatus) => void>();
  const replacedAt: number[] = [];
  let current: CacheStatus = 'ready';
  return {
    get current() {
      return current;
    },
    set(next) {
      if (next === current) return;
      current = next;
      for (const listener of listeners) listener(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    mayReplace() {
      const now = clock.now();
      while (replacedAt.length > 0 && now - replacedAt[0]! >= 60_000) replacedAt.shift();
      if (replacedAt.length >= RESTARTS_PER_MINUTE) return false;
      replacedAt.push(now);
      return true;
    },
    forgetReplacements: () => void replacedAt.splice(0),
  };
}
