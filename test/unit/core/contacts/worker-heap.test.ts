import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { getHeapStatistics } from 'node:v8';
import { heapTrimmer } from '../../../../electron/core/contacts/worker-heap.ts';
import { createManualClock } from '../status/manual-clock.ts';

const MB = 2 ** 20;
const used = () => getHeapStatistics().used_heap_size;

/** One statement calling a JavaScript SQL function `calls` times, as a search sorted by a text column does: node:sqlite keeps each call's values until the statement ends. */
function sqlFunctionCalls(calls: number): void {
  const db = new DatabaseSync(':memory:');
  db.function('sort_key', { deterministic: true }, (value) => new Uint8Array(32).fill(Number(value) & 0xff));
  db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT max(length(sort_key(i))) AS longest FROM n`).get(calls);
  db.close();
}

test('a cache worker collects the garbage of its SQL functions once idle after the heap has grown enough', async () => {
  const clock = createManualClock();
  const trimmer = heapTrimmer({ growthBytes: 8 * MB, urgentBytes: 1024 * MB, idleMs: 30, timers: clock });
  sqlFunctionCalls(200_000);
  const grown = used();
  trimmer.afterRequest();
  assert.equal(trimmer.collections, 0, 'not while requests may follow');
  await clock.advance(30);
  assert.equal(trimmer.collections, 1);
  assert.ok(used() < grown - 8 * MB, `the heap went from ${(grown / MB).toFixed(1)} to ${(used() / MB).toFixed(1)} MB`);
});

test('a request before the worker is idle puts the collection off', async () => {
  const clock = createManualClock();
  const trimmer = heapTrimmer({ growthBytes: 8 * MB, urgentBytes: 1024 * MB, idleMs: 80, timers: clock });
  // reachable until the end, so the growth stays whatever V8 does meanwhile
  const held = Array.from({ length: 300_000 }, (_, i) => ({ i, text: `contact ${i}` }));
  trimmer.afterRequest();
  await clock.advance(40);
  trimmer.afterRequest();
  await clock.advance(50);
  assert.equal(trimmer.collections, 0);
  await clock.advance(30);
  assert.equal(trimmer.collections, 1);
  assert.equal(held.length, 300_000);
});

test('a heap grown past the urgent size is collected at once', () => {
  const trimmer = heapTrimmer({ growthBytes: 4 * MB, urgentBytes: 8 * MB, idleMs: 10_000 });
  sqlFunctionCalls(200_000);
  trimmer.afterRequest();
  assert.equal(trimmer.collections, 1);
});

test('a little growth is left to V8', async () => {
  const clock = createManualClock();
  const trimmer = heapTrimmer({ growthBytes: 64 * MB, urgentBytes: 1024 * MB, idleMs: 10, timers: clock });
  sqlFunctionCalls(1_000);
  trimmer.afterRequest();
  await clock.advance(50);
  assert.equal(trimmer.collections, 0);
});
