import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ContactsCache } from '../../../electron/core/contacts/cache.ts';
import type { HubSpotClient } from '../../../electron/core/hubspot/client.ts';
import type { SearchBody } from '../../../electron/core/hubspot/contacts-api.ts';
import { assertCacheMatchesSandbox, createWorld } from './world.ts';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** The world's cache, with the answers to the sync's page writes held back until `release`; remembers each page weakly. */
function heldWrites(cache: ContactsCache): { cache: ContactsCache; pages: WeakRef<object>[]; held: () => number; release: () => void } {
  const pages: WeakRef<object>[] = [];
  const waiting: (() => void)[] = [];
  let holding = true;
  const hold = (answer: ReturnType<ContactsCache['upsertContacts']>) => new Promise<Awaited<typeof answer>>((resolve, reject) => waiting.push(() => answer.then(resolve, reject)));
  const upsertContacts: ContactsCache['upsertContacts'] = (contacts, state) => {
    const answer = cache.upsertContacts(contacts, state); // copied to the writer here
    // the starting checkpoint's write goes through: the pages after it are the ones watched
    if (!holding || state?.generation !== undefined || contacts.length === 0) return answer;
    pages.push(new WeakRef(contacts[0] as object));
    return hold(answer);
  };
  return {
    cache: { ...cache, upsertContacts },
    pages,
    held: () => waiting.length,
    release() {
      holding = false;
      for (const next of waiting.splice(0)) next();
    },
  };
}

test('a full sync does not hold its pages while the writer works on them (so the main thread stays small during a long sync)', async (t) => {
  const world = await createWorld(t, { contacts: 3000, latencyMs: 1 });
  const writes = heldWrites(world.cache);
  const running = world.sync({ cache: writes.cache, fullSync: { rangeSize: 300, searchWorkers: 3 } }).runFull();
  // every worker ends up waiting for a write: three search workers and the list
  while (writes.held() < 4) await nextTurn();
  for (let i = 0; i < 3; i++) {
    await nextTurn();
    collectGarbage();
  }
  const kept = writes.pages.filter((page) => page.deref() !== undefined).length;
  writes.release();
  const done = await running;
  assert.equal(done.error, null);
  assertCacheMatchesSandbox(world);
  assert.equal(kept, 0, `${kept} of the ${writes.pages.length} pages waiting for the writer are still held`);
});

test('while the writer works on a page, each search worker fetches its next one', async (t) => {
  const world = await createWorld(t, { contacts: 3000, latencyMs: 1 });
  const writes = heldWrites(world.cache);
  let inFlight = 0;
  let rangePages = 0;
  const client: HubSpotClient = {
    ...world.client,
    request: async (call) => {
      const body = call.body as SearchBody | undefined;
      if (body?.filterGroups?.some((group) => group.filters.some((filter) => filter.propertyName === 'hs_object_id' && filter.operator === 'LT'))) rangePages++;
      inFlight++;
      try {
        return await world.client.request(call);
      } finally {
        inFlight--;
      }
    },
  };
  const workers = 3;
  // search planned as much faster than the list, so every range holds at least two pages whatever the list's first page took
  const running = world.sync({ client, cache: writes.cache, fullSync: { rangeSize: 300, searchWorkers: workers, searchPerSecond: 1000 } }).runFull();
  // every worker has handed a page to the (held) writer, and nothing is on its way any more
  while (writes.held() < workers + 1 || inFlight > 0) await nextTurn();
  const pagesWhileHeld = rangePages;
  writes.release();
  const done = await running;
  assert.equal(done.error, null);
  assertCacheMatchesSandbox(world);
  assert.equal(pagesWhileHeld, 2 * workers, 'each search worker fetched the page after the one being written, and no further');
});
