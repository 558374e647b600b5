import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCountAnnouncer } from '../../../../electron/core/contacts/count-announcer.ts';
import type { Clock } from '../../../../electron/core/ports.ts';

/** Counts the test answers one by one, in the order it chooses (as two cache readers may). */
function heldCounts() {
  const waiting: ((count: number) => void)[] = [];
  return { count: () => new Promise<number>((resolve) => waiting.push(resolve)), answer: (ask: number, count: number) => waiting[ask]?.(count) };
}

function announcer(now: () => number) {
  const counts = heldCounts();
  const announced: number[] = [];
  const clock: Clock = { now, setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (timer) => clearTimeout(timer) };
  const log = { info: () => {}, warn: () => {}, error: () => {} };
  const changed = createCountAnnouncer({ count: counts.count, announce: (count) => announced.push(count), clock, everyMs: 500, log });
  return { changed, counts, announced };
}

const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

test('a count that answers after a newer one is dropped: the number never goes back', async () => {
  const { changed, counts, announced } = announcer(() => 0);
  changed(true); // asked while 100 contacts were saved
  changed(true); // asked after the sync wrote 100 more
  counts.answer(1, 200);
  await settled();
  counts.answer(0, 100);
  await settled();
  assert.deepEqual(announced, [200]);
});

test('while a sync writes, one count per interval; a forced one always', async () => {
  let now = 1_000;
  const { changed, counts, announced } = announcer(() => now);
  changed(false);
  changed(false); // same moment: skipped
  now += 499;
  changed(false); // still within the interval: skipped
  changed(true); // the sync ended: counted anyway
  now += 500;
  changed(false);
  counts.answer(0, 10);
  counts.answer(1, 20);
  counts.answer(2, 30);
  counts.answer(3, 40);
  await settled();
  assert.deepEqual(announced, [10, 20, 30]);
});
