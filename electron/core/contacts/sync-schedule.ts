/**
 * Syncing nobody has to ask for: once at start-up, then every interval, and as soon as it makes
 * sense again (signed in, connection back: `nudge()`). Skipped while syncing cannot work (signed
 * out, offline) and while a sync is already running; after HubSpot's daily limit it waits until the
 * limit resets.
 */
import type { Clock, Logger, Timer } from '../ports.ts';
import type { SyncService } from './sync.ts';

export interface SyncScheduleDeps {
  sync: Pick<SyncService, 'syncNow'>;
  clock: Clock;
  /** Time between syncs; read each time the next one is planned. */
  intervalMs: () => number;
  /** Whether a sync could work now: signed in and HubSpot reachable. */
  canSync: () => boolean;
  log?: Logger;
}

export interface SyncSchedule {
  /** Sync now if it could work and none is running (e.g. just signed in, or back online). */
  nudge(): void;
  stop(): void;
}

export function startSyncSchedule(deps: SyncScheduleDeps): SyncSchedule {
  const { clock } = deps;
  let timer: Timer | null = null;
  let stopped = false;
  let syncing = false;

  const plan = (ms: number) => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = stopped ? null : clock.setTimeout(() => void attempt(), Math.max(0, ms));
  };

  async function attempt(): Promise<void> {
    if (stopped || syncing) return;
    if (!deps.canSync()) {
      plan(deps.intervalMs());
      return;
    }
    syncing = true;
    let wait = deps.intervalMs();
    try {
      const outcome = await deps.sync.syncNow();
      const resumeAt = outcome.error?.kind === 'daily-limit' ? outcome.error.details?.resumeAt : undefined;
      if (typeof resumeAt === 'number') wait = Math.max(wait, resumeAt - clock.now());
    } catch {
      // 'busy': a sync the user started is running; the next interval comes soon enough
      deps.log?.info('A scheduled sync was skipped: one is already running');
    } finally {
      syncing = false;
      plan(wait);
    }
  }

  void attempt();
  return {
    nudge: () => void attempt(),
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
