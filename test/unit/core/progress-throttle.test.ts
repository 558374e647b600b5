import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createThrottle } from '../../../electron/core/progress-throttle.ts';
import type { Clock } from '../../../electron/core/ports.ts';

/** A clock the test moves by hand; due timers fire in order as it advances. */
function manualClock() {
  let now = 1_000;
  let nextId = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: Clock & { advance(ms: number): void; pending(): number } = {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return { id } as never;
    },
    clearTimeout(timer) {
      timers.delete((timer as unknown as { id: number }).id);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
    pending: () => timers.size,
  };
  return clock;
}

/** A throttle with a 100 ms interval on a manual clock, and what it sent. */
function throttled<T>() {
  const clock = manualClock();
  const seen: T[] = [];
  const throttle = createThrottle<T>(clock, 100, (value) => seen.push(value));
  return { clock, seen, throttle };
}

test('the first value goes out at once, then at most one per interval, always the latest', () => {
  const { clock, seen, throttle } = throttled<number>();
  throttle.push(1);
  throttle.push(2);
  throttle.push(3);
  assert.deepEqual(seen, [1]);
  clock.advance(99);
  assert.deepEqual(seen, [1]);
  clock.advance(1);
  assert.deepEqual(seen, [1, 3]);
  clock.advance(500);
  throttle.push(4);
  assert.deepEqual(seen, [1, 3, 4], 'after a quiet spell the next value is not delayed');
});

test('a burst over one second yields at most ~10 values', () => {
  const clock = manualClock();
  let count = 0;
  const throttle = createThrottle<number>(clock, 100, () => count++);
  for (let ms = 0; ms < 1000; ms++) {
    throttle.push(ms);
    clock.advance(1);
  }
  assert.ok(count <= 11, `${count} values`);
  assert.ok(count >= 9, `${count} values`);
});

test('finish sends the final value at once and drops what was pending', () => {
  const { clock, seen, throttle } = throttled<string>();
  throttle.push('running 0');
  throttle.push('running 50');
  throttle.finish('done');
  clock.advance(1000);
  throttle.push('late');
  assert.deepEqual(seen, ['running 0', 'done']);
  assert.equal(clock.pending(), 0);
});

test('now sends a value at once in place of a pending one, and the interval starts again from it', () => {
  const { clock, seen, throttle } = throttled<string>();
  throttle.push('page 1');
  throttle.push('page 2');
  clock.advance(50);
  throttle.now('total known');
  clock.advance(60);
  assert.deepEqual(seen, ['page 1', 'total known'], 'page 2 dropped: the value sent now is newer');
  throttle.push('page 3');
  clock.advance(39);
  assert.deepEqual(seen, ['page 1', 'total known']);
  clock.advance(1);
  assert.deepEqual(seen, ['page 1', 'total known', 'page 3']);
});

test('cancel drops what was pending and sends nothing more', () => {
  const { clock, seen, throttle } = throttled<string>();
  throttle.push('page 1');
  throttle.push('page 2');
  throttle.cancel();
  clock.advance(1000);
  throttle.push('late');
  throttle.now('later');
  assert.deepEqual(seen, ['page 1']);
  assert.equal(clock.pending(), 0);
});
