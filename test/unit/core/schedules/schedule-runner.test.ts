/**
 * The runner on an injected clock: runs when due, catches up once after a long sleep or with the
 * app closed, doesn't re-run after the clock is set backwards, and runs once a day across DST.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { TZDate } from '@date-fns/tz';
import type { Clock, Logger, Timer } from '../../../../electron/core/ports.ts';
import { afterRunAt, createScheduleRunner, soonestRun, type ScheduleRunner } from '../../../../electron/core/schedules/schedule-runner.ts';
import { openScheduleStore, type ScheduleStore, type StoredSchedule } from '../../../../electron/core/schedules/schedule-store.ts';

const quiet: Logger = { info() {}, warn() {}, error() {} };
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
const settle = async () => {
  for (let i = 0; i < 5; i++) await macrotask();
};

/** A clock the test moves: forward (firing due timers in order) or set to any time, like a user changing it. */
function testClock(start: number) {
  let now = start;
  const timers = new Set<{ due: number; callback: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout(callback, ms) {
      const timer = { due: now + Math.max(0, ms), callback };
      timers.add(timer);
      return timer as unknown as Timer;
    },
    clearTimeout: (timer) => void timers.delete(timer as unknown as { due: number; callback: () => void }),
  };
  return {
    clock,
    /** Moves time forward by `ms`, firing timers as their time comes. */
    async advance(ms: number) {
      const target = now + ms;
      await settle();
      for (;;) {
        const next = [...timers].filter((timer) => timer.due <= target).sort((a, b) => a.due - b.due)[0];
        if (!next) break;
        timers.delete(next);
        now = Math.max(now, next.due); // a timer overdue after a jump fires late, it doesn't turn time back
        next.callback();
        await macrotask(); // lets a run it started finish (a run's steps are promise callbacks)
      }
      now = target;
      await settle();
    },
    /** The computer's clock jumps (set backwards, or a sleep): no timer fires until something checks. */
    set(at: number) {
      now = at;
    },
  };
}

const BERLIN = 'Europe/Berlin';
const berlin = (y: number, m: number, d: number, h: number, min = 0) => new TZDate(y, m - 1, d, h, min, BERLIN).getTime();

function schedule(since: number, overrides: Partial<StoredSchedule> = {}): StoredSchedule {
  return {
    id: 'weekly-report',
    when: { every: 'day', time: '08:00' },
    folder: '/tmp/out',
    fileName: 'Contacts - {view} - {yyyy-MM-dd}',
    keep: 'every',
    syncFirst: false,
    export: { viewId: 'all-contacts', columns: ['email'], header: 'labels', format: 'csv', values: 'shown', excelFriendly: true, delimiter: ',' },
    viewName: 'All contacts',
    createdAt: since,
    updatedAt: since,
    paused: null,
    since,
    lastRunAt: null,
    lastResult: null,
    lastFile: null,
    ...overrides,
  };
}

/** A runner over a real store in a temp folder; each run is recorded as the service records it. */
function world(t: TestContext, clock: Clock, folder = mkdtempSync(join(tmpdir(), 'schedules-'))) {
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const store = openScheduleStore(folder, quiet);
  const runs: number[] = [];
  const start = () => {
    const runner = createScheduleRunner({
      clock,
      log: quiet,
      timeZone: () => BERLIN,
      schedules: () => store.all(),
      run: async (due, at) => {
        runs.push(at);
        const latest = store.get(due.id)!;
        store.put({ ...latest, ...afterRunAt(latest, at) });
      },
    });
    runner.start();
    t.after(() => runner.stop());
    return runner;
  };
  return { store, runs, start, folder };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

test('a daily schedule runs at its time, once, and again the next day', async (t) => {
  const time = testClock(berlin(2026, 5, 4, 7, 0));
  const { store, runs, start } = world(t, time.clock);
  store.put(schedule(time.clock.now()));
  start();
  await time.advance(HOUR - 1);
  assert.deepEqual(runs, []);
  await time.advance(1);
  assert.deepEqual(runs, [berlin(2026, 5, 4, 8)]);
  await time.advance(DAY);
  assert.deepEqual(runs, [berlin(2026, 5, 4, 8), berlin(2026, 5, 5, 8)]);
});

test('after a long sleep over many run times, the missed export runs once on wake, then on schedule', async (t) => {
  const time = testClock(berlin(2026, 5, 4, 7, 0));
  const { store, runs, start } = world(t, time.clock);
  store.put(schedule(time.clock.now()));
  const runner = start();
  time.set(berlin(2026, 5, 11, 12, 0)); // asleep for a week: no timer fired
  runner.check(); // the shell's wake signal
  await settle();
  runner.check(); // a second wake signal (or the minute's look) does not run it again
  await time.advance(HOUR);
  assert.deepEqual(runs, [berlin(2026, 5, 11, 12, 0)]);
  await time.advance(DAY);
  assert.deepEqual(runs, [berlin(2026, 5, 11, 12, 0), berlin(2026, 5, 12, 8)]);
});

test('without a wake signal, a missed run is noticed within a minute of the computer waking', async (t) => {
  const time = testClock(berlin(2026, 5, 4, 7, 0));
  const { store, runs, start } = world(t, time.clock);
  store.put(schedule(time.clock.now()));
  start();
  await time.advance(10_000);
  time.set(berlin(2026, 5, 6, 9, 0));
  await time.advance(60_000);
  assert.equal(runs.length, 1);
});

test('a clock set backwards after a run does not run the same export again', async (t) => {
  const time = testClock(berlin(2026, 5, 4, 7, 0));
  const { store, runs, start } = world(t, time.clock);
  store.put(schedule(time.clock.now()));
  const runner = start();
  await time.advance(HOUR + 5 * 60_000); // ran at 08:00
  assert.equal(runs.length, 1);
  time.set(berlin(2026, 5, 4, 7, 30)); // someone sets the clock back to 07:30
  runner.check();
  await time.advance(2 * HOUR); // 08:00 comes round again on the clock
  assert.equal(runs.length, 1);
  await time.advance(DAY);
  assert.equal(runs.length, 2, 'the next day runs as usual');
});

test('the app closed over a run time: started later, it runs the missed export once', async (t) => {
  const time = testClock(berlin(2026, 5, 4, 7, 0));
  const first = world(t, time.clock);
  first.store.put(schedule(time.clock.now()));
  const running = first.start();
  await running.stop(); // the app quits at 07:00
  time.set(berlin(2026, 5, 6, 10, 0)); // opened two days (two run times) later
  const again = world(t, time.clock, first.folder);
  again.start();
  await time.advance(HOUR);
  assert.deepEqual(again.runs, [berlin(2026, 5, 6, 10, 0)]);
});

test('across the autumn DST change, a 02:30 daily schedule runs exactly once a day', async (t) => {
  const time = testClock(berlin(2026, 10, 23, 12, 0));
  const { store, runs, start } = world(t, time.clock);
  store.put(schedule(time.clock.now(), { when: { every: 'day', time: '02:30' } }));
  start();
  await time.advance(4 * DAY);
  const days = runs.map((at) => new TZDate(at, BERLIN).getDate());
  assert.deepEqual(days, [24, 25, 26, 27]);
});

test('a paused schedule does not run', async (t) => {
  const time = testClock(berlin(2026, 5, 4, 7, 0));
  const { store, runs, start } = world(t, time.clock);
  store.put(schedule(time.clock.now(), { paused: 'Paused.' }));
  start();
  await time.advance(2 * DAY);
  assert.deepEqual(runs, []);
});

test('two schedules due at the same time run one after the other, not at once', async (t) => {
  const time = testClock(berlin(2026, 5, 4, 7, 0));
  const folder = mkdtempSync(join(tmpdir(), 'schedules-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const store = openScheduleStore(folder, quiet);
  store.put(schedule(time.clock.now(), { id: 'first' }));
  store.put(schedule(time.clock.now(), { id: 'second', fileName: 'Other {yyyy-MM-dd}' }));
  const events: string[] = [];
  /** How to end each run still going. */
  const finish = new Map<string, () => void>();
  const runner = createScheduleRunner({
    clock: time.clock,
    log: quiet,
    timeZone: () => BERLIN,
    schedules: () => store.all(),
    run: (due, at) => {
      events.push(`start ${due.id}`);
      return new Promise<void>((resolve) => {
        finish.set(due.id, () => {
          finish.delete(due.id);
          events.push(`end ${due.id}`);
          const latest = store.get(due.id)!;
          store.put({ ...latest, ...afterRunAt(latest, at) });
          resolve();
        });
      });
    },
  });
  runner.start();
  t.after(() => {
    for (const end of finish.values()) end(); // a failed assertion must not leave a run waiting
    return runner.stop();
  });
  await time.advance(HOUR);
  assert.deepEqual(events, ['start first']);
  assert.equal(runner.isRunning('second'), true, 'the second waits its turn, shown as running');
  finish.get('first')?.();
  await settle();
  assert.deepEqual(events, ['start first', 'end first', 'start second']);
  finish.get('second')?.();
  await settle();
  assert.deepEqual(events, ['start first', 'end first', 'start second', 'end second']);
});

test('the soonest run is that of the active schedule due first; paused schedules have none', () => {
  const since = berlin(2026, 5, 4, 9);
  const daily = schedule(since, { id: 'daily', viewName: 'Daily', when: { every: 'day', time: '08:00' } });
  const evening = schedule(since, { id: 'evening', viewName: 'Evening', when: { every: 'day', time: '18:00' } });
  const paused = schedule(since, { id: 'paused', viewName: 'Paused', when: { every: 'day', time: '10:00' }, paused: 'Paused. Resume it to export on schedule again.' });
  assert.deepEqual(soonestRun([daily, paused, evening], BERLIN), { at: berlin(2026, 5, 4, 18), viewName: 'Evening' });
  assert.deepEqual(soonestRun([daily], BERLIN), { at: berlin(2026, 5, 5, 8), viewName: 'Daily' });
  assert.equal(soonestRun([paused], BERLIN), null);
  assert.equal(soonestRun([], BERLIN), null);
});

export type { ScheduleRunner, ScheduleStore };
