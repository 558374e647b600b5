/** A reader worker collecting its garbage (worker-heap.ts) is sent reads only when no other reader is free. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openContactsCache } from '../../../../electron/core/contacts/cache.ts';

const collectingWorker = new URL('./fixtures/collecting-cache-worker.ts', import.meta.url);

test('a read goes to a free reader that is not collecting its garbage', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-collecting-'));
  const cache = openContactsCache(join(dir, 'contacts.sqlite'), { workerEntry: collectingWorker, readers: 2 });
  t.after(async () => {
    await cache.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // both readers open their connections
  await Promise.all([cache.count(''), cache.count('')]);
  // the first reader answers, then collects for 600 ms
  assert.equal(await cache.count('collect soon'), 0);
  await sleep(150);
  const started = performance.now();
  assert.equal(await cache.count(''), 0);
  const ms = performance.now() - started;
  assert.ok(ms < 250, `answered in ${ms.toFixed(0)} ms: it waited for the collecting reader`);
});
