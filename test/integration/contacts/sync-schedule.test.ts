import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { startSyncSchedule } from '../../../electron/core/contacts/sync-schedule.ts';
import type { SyncProgress } from '../../../electron/ipc/types.ts';
import { createManualClock } from '../../unit/core/status/manual-clock.ts';
import { createWorld } from './world.ts';

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

test('syncs at start-up and every interval, skips while it cannot work, and waits out the daily limit', async (t) => {
  // the schedule's time is the test's; the HTTP client keeps real time for its pacing
  const clock = createManualClock(Date.now());
  const world = await createWorld(t, { contacts: 300 });
  const sync = world.sync({ clock });
  const finished: SyncProgress[] = [];
  sync.onProgress((progress) => {
    if (!progress.running) finished.push(progress);
  });
  let online = true;
  const schedule = startSyncSchedule({ sync, clock, intervalMs: () => 15 * 60_000, canSync: () => online });
  t.after(() => schedule.stop());

  await until(() => finished.length === 1, 'the start-up sync');
  assert.equal(finished[0]?.kind, 'full');
  await until(() => clock.pendingDelays().length > 0, 'the next sync to be planned');
  assert.deepEqual(clock.pendingDelays(), [15 * 60_000]);

  online = false;
  await clock.advance(15 * 60_000);
  await until(() => clock.pendingDelays().length > 0, 'the schedule to decide');
  assert.equal(finished.length, 1, 'offline: no sync');
  assert.deepEqual(clock.pendingDelays(), [15 * 60_000], 'tries again an interval later');

  online = true;
  schedule.nudge();
  await until(() => finished.length === 2, 'the sync once back online');
  assert.equal(finished[1]?.kind, 'incremental');

  world.sandbox.admin.setFaults({ dailyLimitReached: true });
  await until(() => clock.pendingDelays().length > 0, 'the next sync to be planned');
  await clock.advance(15 * 60_000);
  await until(() => finished.length === 3, 'the sync that meets the daily limit');
  assert.equal(finished[2]?.error?.kind, 'daily-limit');
  await until(() => clock.pendingDelays().length > 0, 'the next sync to be planned');
  const resumeAt = finished[2]?.error?.details?.resumeAt;
  assert.equal(typeof resumeAt, 'number');
  assert.deepEqual(clock.pendingDelays(), [Math.max(15 * 60_000, (resumeAt as number) - clock.now())], 'next try when the limit resets');
});
