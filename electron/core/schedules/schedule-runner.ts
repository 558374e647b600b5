/**
 * Runs schedules when they are due, on the injected clock. It wakes at the next run time, but at
 * least once a minute, so a clock that was changed or a computer that slept is noticed without
 * help; the shell also calls `check()` on wake.
 *
 * A schedule is due when its next run (the first one strictly after `since`) has come. Running sets
 * `since` to the moment it ran, so:
 * - runs missed while asleep or closed are caught up once, never once per missed time;
 * - a clock set backwards finds the next run still ahead, so a done export is not run again.
 */
import type { Clock, Logger, Timer } from '../ports.ts';
import { nextRunAfter } from './next-run.ts';
import type { StoredSchedule } from './schedule-store.ts';

/** The longest the runner waits before looking again. */
export const LOOK_AGAIN_MS = 60_000;

export interface RunnerDeps {
  clock: Clock;
  log: Logger;
  timeZone(): string;
  schedules(): StoredSchedule[];
  /** Runs one schedule and records its result; resolves when done (never rejects). */
  run(schedule: StoredSchedule, at: number): Promise<void>;
  /** Called once a run has finished and no longer counts as running. */
  settled?(): void;
}

export interface ScheduleRunner {
  start(): void;
  /** Runs what is due now and sets the next wake-up (after wake, a save, or a clock change). */
  check(): void;
  isRunning(id: string): boolean;
  /** Runs now unless it is already running; resolves when it has finished. */
  runNow(schedule: StoredSchedule): Promise<void>;
  stop(): Promise<void>;
}

export function nextRunOf(schedule: StoredSchedule, timeZone: string): number | null {
  return schedule.paused === null ? nextRunAfter(schedule.when, schedule.since, timeZone) : null;
}

/** The soonest next run of an active (not paused) schedule, for the tray's tooltip; null when none is due. */
export function soonestRun(schedules: StoredSchedule[], timeZone: string): { at: number; viewName: string } | null {
  const upcoming = schedules
    .map((schedule) => ({ at: nextRunOf(schedule, timeZone), viewName: schedule.viewName }))
    .filter((entry): entry is { at: number; viewName: string } => entry.at !== null)
    .sort((a, b) => a.at - b.at);
  return upcoming[0] ?? null;
}

/** What a run at `at` changes in the schedule: later runs look strictly after it (never before an edit). */
export function afterRunAt(schedule: StoredSchedule, at: number): Pick<StoredSchedule, 'since' | 'lastRunAt'> {
  return { since: Math.max(schedule.since, at), lastRunAt: at };
}

export function createScheduleRunner(deps: RunnerDeps): ScheduleRunner {
  const { clock } = deps;
  const running = new Map<string, Promise<void>>();
  /** Runs go one after another: schedules due together don't compete for the exporter's two places. */
  let queue: Promise<unknown> = Promise.resolve();
  let timer: Timer | null = null;
  let stopped = true;

  const runNow = (schedule: StoredSchedule): Promise<void> => {
    const current = running.get(schedule.id);
    if (current) return current;
    const at = clock.now();
    // started after the runs before it (at least a microtask later), so it already counts as running when it first reports
    const done = queue
      .then(() => deps.run(schedule, at))
      .catch((error: unknown) => deps.log.error('schedules: a run failed unexpectedly', { problem: String(error) }))
      .finally(() => {
        running.delete(schedule.id);
        deps.settled?.();
        if (!stopped) check();
      });
    running.set(schedule.id, done);
    queue = done;
    return done;
  };

  const check = () => {
    if (stopped) return;
    if (timer !== null) clock.clearTimeout(timer);
    const now = clock.now();
    const zone = deps.timeZone();
    let wake = now + LOOK_AGAIN_MS;
    for (const schedule of deps.schedules()) {
      const next = nextRunOf(schedule, zone);
      if (next === null || running.has(schedule.id)) continue;
      if (next <= now) void runNow(schedule);
      else wake = Math.min(wake, next);
    }
    timer = clock.setTimeout(check, wake - now);
  };

  return {
    start() {
      stopped = false;
      check();
    },
    check,
    isRunning: (id) => running.has(id),
    runNow,
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await Promise.all(running.values());
    },
  };
}
