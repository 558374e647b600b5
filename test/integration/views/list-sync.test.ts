/**
 * HubSpot lists into the cache, against the sandbox over HTTP: the catalogue, members over many
 * pages, refresh after changes, a refresh that fails half-way, a list deleted in HubSpot, and the
 * missing scope.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openReader } from '../../../electron/core/contacts/cache-reader.ts';
import { isAppError } from '../../../electron/core/errors.ts';
import { createListsApi, isListGone } from '../../../electron/core/hubspot/lists-api.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import { createListSync, type ListsSource } from '../../../electron/core/views/list-sync.ts';
import { KNOWN_LISTS } from '../../../sandbox/lists.ts';
import { createWorld, type World } from '../contacts/world.ts';

const { springEvent, webinar, empty, vip } = KNOWN_LISTS;

function listSync(world: World, source?: ListsSource, listsInViews: string[] = []) {
  const api = createListsApi(world.client);
  return createListSync({
    source: source ?? {
      allContactLists: async (_params, signal) => (await api.allContactLists({}, signal)).map(({ listId, name, processingType, size }) => ({ listId, name, processingType, size })),
      allMembers: (listId, signal) => api.allMembers(listId, signal),
    },
    store: world.cache,
    clock: systemClock,
    log: world.log,
    listsInViews: () => listsInViews,
    isListGone,
  });
}

/** The members the cache holds for a list, read straight from the file. */
function cachedMembers(world: World, listId: string): number[] {
  const reader = openReader(world.dbPath);
  try {
    return (reader.conn.db.prepare('SELECT contact_id FROM list_members WHERE list_id = ? ORDER BY contact_id').all(listId) as { contact_id: number }[]).map((row) => row.contact_id);
  } finally {
    reader.close();
  }
}

const sandboxMembers = (world: World, listId: string) => world.sandbox.admin.listMembers(listId).map(Number).sort((a, b) => a - b);

test('the catalogue: every contact list with its name, kind and size; not the companies list', async (t) => {
  const world = await createWorld(t, { contacts: 2000 });
  const lists = await listSync(world).refreshCatalogue();
  const expected = world.sandbox.admin.lists().filter((list) => list.objectTypeId === '0-1');
  assert.equal(lists.length, expected.length);
  assert.ok(lists.length > 20, 'the sandbox serves more lists than one page of its default count');
  for (const list of expected) {
    const cached = lists.find((candidate) => candidate.listId === list.listId);
    assert.deepEqual(cached && [cached.name, cached.processingType, cached.size, cached.membersFetchedAt], [list.name, list.processingType, list.size, null], list.name);
  }
  assert.equal(lists.find((list) => list.listId === KNOWN_LISTS.companies.listId), undefined);
});

test('members over many pages, the empty list, and a refresh after HubSpot changed them', async (t) => {
  const world = await createWorld(t, { contacts: 2000 });
  const sync = listSync(world);
  await sync.refreshCatalogue();
  const big = await sync.fetchMembers(webinar.listId);
  assert.ok(big.cachedMembers > 1000, `the webinar list has ${big.cachedMembers} members: several pages of 250`);
  assert.deepEqual(cachedMembers(world, webinar.listId), sandboxMembers(world, webinar.listId));
  const pages = Object.entries(world.sandbox.admin.stats().byPath).filter(([path]) => path.includes('memberships')).reduce((sum, [, n]) => sum + n, 0);
  assert.ok(pages >= Math.ceil(big.cachedMembers / 250), `paged through the memberships (${pages} requests)`);
  assert.equal((await sync.fetchMembers(empty.listId)).cachedMembers, 0);

  await sync.fetchMembers(springEvent.listId);
  const before = sandboxMembers(world, springEvent.listId);
  world.sandbox.admin.changeListMembers(springEvent.listId, { add: ['1999', '2000'], remove: before.slice(0, 3).map(String) });
  const problems = await sync.refreshInUse();
  assert.deepEqual(problems, []);
  assert.deepEqual(cachedMembers(world, springEvent.listId), sandboxMembers(world, springEvent.listId));
  assert.ok(cachedMembers(world, springEvent.listId).includes(2000));
  assert.ok(!cachedMembers(world, springEvent.listId).includes(before[0]!));
});

test('a refresh that fails half-way keeps the previous members, and says so in plain words', async (t) => {
  const world = await createWorld(t, { contacts: 2000 }, { retry: { maxAttempts: 2, maxOfflineAttempts: 1, baseDelayMs: 5, maxDelayMs: 20 } });
  const api = createListsApi(world.client);
  let failAfterFirstPage = false;
  const source: ListsSource = {
    allContactLists: async (_params, signal) => (await api.allContactLists({}, signal)).map(({ listId, name, processingType, size }) => ({ listId, name, processingType, size })),
    async allMembers(listId, signal) {
      const ids: string[] = [];
      for await (const page of api.membershipPages(listId, signal ? { signal } : {})) {
        ids.push(...page.recordIds);
        // HubSpot goes down after the first page of this refresh
        if (failAfterFirstPage) world.sandbox.admin.setFaults({ down: true });
      }
      return ids;
    },
  };
  const sync = listSync(world, source);
  await sync.refreshCatalogue();
  await sync.fetchMembers(webinar.listId);
  const before = cachedMembers(world, webinar.listId);
  world.sandbox.admin.changeListMembers(webinar.listId, { remove: before.slice(0, 500).map(String) });

  failAfterFirstPage = true;
  await assert.rejects(sync.fetchMembers(webinar.listId), (error) => {
    assert.ok(isAppError(error) && error.kind === 'hubspot-down', String(error));
    assert.match(error.message, /^The members of “Webinar registrations 2025” were not refreshed, so the ones fetched before are used\. /);
    return true;
  });
  assert.deepEqual(cachedMembers(world, webinar.listId), before, 'not one member changed');
  const info = (await world.cache.readList(webinar.listId))!;
  assert.ok(info.problem !== null && info.membersFetchedAt !== null);

  world.sandbox.admin.setFaults({});
  failAfterFirstPage = false;
  assert.equal((await sync.fetchMembers(webinar.listId)).problem, null);
  assert.deepEqual(cachedMembers(world, webinar.listId), sandboxMembers(world, webinar.listId));
});

test('a list deleted in HubSpot: its members go and the filter says why', async (t) => {
  const world = await createWorld(t, { contacts: 2000 });
  const sync = listSync(world, undefined, [vip.listId]);
  await sync.refreshCatalogue();
  await sync.fetchMembers(vip.listId);
  assert.ok(cachedMembers(world, vip.listId).length > 0);
  world.sandbox.admin.deleteList(vip.listId);
  await assert.rejects(sync.fetchMembers(vip.listId), /The list “VIP partners” was deleted in HubSpot/);
  assert.deepEqual(cachedMembers(world, vip.listId), []);
  assert.equal((await world.cache.readList(vip.listId))?.deleted, true);
  // the next sync's catalogue agrees, and refreshing the lists in use skips it
  assert.deepEqual(await sync.refreshInUse(), []);
  assert.equal((await world.cache.readList(vip.listId))?.deleted, true);
});

test('without crm.lists.read: the lists say which permission is missing; nothing cached changes', async (t) => {
  const world = await createWorld(t, { contacts: 200 });
  const sync = listSync(world);
  await sync.refreshCatalogue();
  await sync.fetchMembers(vip.listId);
  world.sandbox.admin.setGrantedScopes(['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read']);
  await assert.rejects(sync.refreshCatalogue(), (error) => isAppError(error) && error.kind === 'missing-scope');
  assert.match(sync.problem() ?? '', /crm\.lists\.read/);
  const problems = await sync.refreshInUse();
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /crm\.lists\.read/);
  assert.deepEqual(cachedMembers(world, vip.listId), sandboxMembers(world, vip.listId));
});
