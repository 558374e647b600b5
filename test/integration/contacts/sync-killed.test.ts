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

interface ChildRun {
  killed: boolean;
  done: SyncProgress | null;
  /** The contacts of each page HubSpot answered, in order, and what asked for it (see fixtures/sync-child.ts). */
  pages: { ids: string[]; by: 'list' | 'ids' | 'other' }[];
}

/** Runs the sync in a child process; kills it with SIGKILL once it has fetched `killAfter` contacts. */
function runChild(world: World, strategy: 'list' | 'parallel', killAfter: number | null): Promise<ChildRun> {
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
  const pages: ChildRun['pages'] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { fetched?: number; done?: SyncProgress; page?: string[]; by?: ChildRun['pages'][number]['by'] };
    if (message.done) done = message.done;
    if (message.page && message.by) pages.push({ ids: message.page, by: message.by });
    if (killAfter !== null && !killed && (message.fetched ?? 0) >= killAfter) {
      killed = child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, done, pages }));
  });
}

for (const strategy of ['parallel', 'list'] as const) {
  test(`a ${strategy} sync killed mid-way (kill -9) resumes and ends with exactly HubSpot's contacts`, async (t) => {
    const world = await createWorld(t, { contacts: 2500, latencyMs: 3 });
    await world.cache.close();

    const first = await runChild(world, strategy, 500);
    assert.equal(first.killed, true, 'killed before it finished');
    const between = openContactsCache(world.dbPath);
    const keptIds = new Set(await between.idsIn({ from: 0, end: null }));
    const checkpoint = (await between.syncState()).fullSync;
    await between.close();
    const kept = keptIds.size;
    assert.ok(kept >= 500 && kept < 2500, `kept ${kept} contacts`);
    assert.notEqual(checkpoint, null, 'the resume point was saved with them');

    // the restarted sync asks only for what was not saved: no page of the full sync brings a contact
    // already kept (catching up on changes afterwards may), and together its pages bring all the others
    const second = await runChild(world, strategy, null);
    assert.equal(second.done?.error, null, JSON.stringify(second.done?.error));
    assert.equal(second.done?.fetched, 2500);
    const fullSyncPages = second.pages.filter((page) => page.by !== 'other');
    const fetchedAgain = fullSyncPages.flatMap((page) => page.ids).filter((id) => keptIds.has(Number(id)));
    assert.deepEqual(fetchedAgain, [], 'no contact saved before the kill is asked for again');
    assert.equal(new Set(fullSyncPages.flatMap((page) => page.ids)).size, 2500 - kept, 'every contact not yet saved is');
    if (strategy === 'list') assert.equal(fullSyncPages.length, Math.ceil((2500 - kept) / 100), 'one list page per 100 contacts not yet saved');

    const cache = openContactsCache(world.dbPath);
    t.after(() => cache.close());
    assert.equal((await cache.syncState()).fullSync, null);
    assertCacheMatchesSandbox(world);
  });
}
