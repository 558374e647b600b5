import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContactsSummary } from '../../electron/ipc/types.ts';
import { createSummaryTracker } from '../src/lib/contacts-summary.ts';

const summary = (count: number): ContactsSummary => ({ count, lastSyncedAt: Date.UTC(2026, 11, 3, 16), visibleColumns: ['lastname'], syncedProperties: ['lastname'] });

test('an answer asked for before a sync counted its contacts does not bring back the older count', () => {
  const tracker = createSummaryTracker();
  const answer = tracker.ask(); // the screen opens; the cache is still empty when the core counts
  tracker.pushed(30); // the sync wrote 30 contacts; its event arrives first
  assert.deepEqual(answer(summary(0)), summary(30));
});

test('an answer that arrives after a newer one is dropped', () => {
  const tracker = createSummaryTracker();
  const older = tracker.ask();
  const newer = tracker.ask();
  assert.deepEqual(newer(summary(30)), summary(30));
  assert.equal(older(summary(0)), null);
});

test('answers in order, with no event in between, are shown as they are', () => {
  const tracker = createSummaryTracker();
  tracker.pushed(5);
  const first = tracker.ask();
  assert.deepEqual(first(summary(7)), summary(7), 'an event before the question is older than the answer');
  const second = tracker.ask();
  assert.deepEqual(second(summary(8)), summary(8));
});
