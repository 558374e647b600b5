import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { openContactsCache } from '../../../electron/core/contacts/cache.ts';
import type { SyncProgress } from '../../../electron/ipc/types.ts';
import { assertCacheMatchesSandbox, createWorld } from './world.ts';
import type { World } from './world.ts';

const childScript = fileURLToPath(new URL('./fixtures/sync-child.ts', import.meta.url));

/** Runs the sync in a child process; kills it with SIGKILL once it has fetched `killAfter` contacts. */
function runChild(world: World, strategy: 'list' | 'parallel', killAfter: number | null): Promise<{ killed: boolean; done: SyncProgress | null }> {
  const child = spawn(process.execPath, [childScript], {
    env: {
      ...process.env,
      SANDBOX_URL: world.sandbox.url,
      SANDBOX_CLIENT_ID: world.sandbox.clientId,
      SANDBOX_CLIENT_SECRET: world.sandbox.clientSecret,
      SANDBOX_REFRESH_TOKEN: world.tokens.refreshToken(),
      CACHE_PATH: world.dbPath,
      STRATEGY: strategy,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let done: SyncProgress | null = null;
  let killed = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { fetched?: number; done?: SyncProgress };
    if (message.done) done = message.done;
    if (killAfter !== null && !killed && (message.fetched ?? 0) >= killAfter) {
      killed = child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, done }));
  });
}

for (const strategy of ['parallel', 'list'] as const) {
  test(`a ${strategy} sync killed mid-way (kill -9) resumes and ends with exactly HubSpot's contacts`, async (t) => {
    const world = await createWorld(t, { contacts: 2500, latencyMs: 3 });
    await world.cache.close();

    const first = await runChild(world, strategy, 500);
    assert.equal(first.killed, true, 'killed before it finished');
    const between = openContactsCache(world.dbPath);
    const kept = await between.count();
    const checkpoint = (await between.syncState()).fullSync;
    await between.close();
    assert.ok(kept >= 500 && kept < 2500, `kept ${kept} contacts`);
    assert.notEqual(checkpoint, null, 'the resume point was saved with them');

    const second = await runChild(world, strategy, 1500);
    const third = second.killed ? await runChild(world, strategy, null) : second;
    assert.equal(third.done?.error, null, JSON.stringify(third.done?.error));
    assert.equal(third.done?.fetched, 2500);

    const cache = openContactsCache(world.dbPath);
    t.after(() => cache.close());
    assert.equal((await cache.syncState()).fullSync, null);
    assertCacheMatchesSandbox(world);
  });
}
