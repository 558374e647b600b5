import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgressAnnouncer } from '../../../../electron/core/contacts/progress-announcer.ts';
import type { SyncProgress } from '../../../../electron/ipc/types.ts';
import { createManualClock } from '../status/manual-clock.ts';

const idle: SyncProgress = { running: false, kind: null, fetched: 0, total: null, startedAt: null, lastSyncedAt: null, error: null };

function announcer() {
  const clock = createManualClock();
  const announced: SyncProgress[] = [];
  const changed = createProgressAnnouncer((progress) => announced.push(progress), clock, 250);
  return { clock, announced, changed, fetched: () => announced.map((progress) => progress.fetched) };
}

test("a sync's page counts reach the window at most every 250 ms, and the newest count always does", async () => {
  const { clock, changed, fetched } = announcer();
  const running: SyncProgress = { ...idle, running: true, kind: 'full', total: 1000, startedAt: 1 };
  changed(running);
  for (let page = 1; page <= 10; page++) {
    changed({ ...running, fetched: page * 100 });
    await clock.advance(40);
  }
  // pages every 40 ms: 0 at once; at 250 ms the newest then (700, from 240 ms); the rest waits until 530 ms
  assert.deepEqual(fetched(), [0, 700]);
  await clock.advance(250);
  assert.deepEqual(fetched(), [0, 700, 1000]);
  await clock.advance(1000);
  assert.deepEqual(fetched(), [0, 700, 1000], 'nothing more once the newest is sent');
});

test('a change of state goes at once, with the count it carries, and replaces a waiting count', async () => {
  const { clock, changed, announced, fetched } = announcer();
  const running: SyncProgress = { ...idle, running: true, kind: 'incremental', startedAt: 1 };
  changed(running);
  changed({ ...running, fetched: 50 });
  changed({ ...running, fetched: 80, total: 500 });
  changed({ ...running, fetched: 120, total: 500 });
  const failed = { kind: 'offline' as const, message: 'No connection.' };
  changed({ ...running, fetched: 130, total: 500, running: false, error: failed });
  assert.deepEqual(fetched(), [0, 80, 130]);
  assert.deepEqual(announced.at(-1)?.error, failed);
  await clock.advance(1000);
  assert.deepEqual(fetched(), [0, 80, 130], 'the waiting 120 is not sent after the end');
});

test('a count still waiting when the app closes is dropped', async () => {
  const { clock, changed, fetched } = announcer();
  const running: SyncProgress = { ...idle, running: true, kind: 'full', startedAt: 1 };
  changed(running);
  changed({ ...running, fetched: 100 });
  changed.dispose();
  await clock.advance(1000);
  assert.deepEqual(fetched(), [0]);
  assert.equal(clock.pendingDelays().length, 0);
});
