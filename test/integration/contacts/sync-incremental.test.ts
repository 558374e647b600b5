import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beginFullSync, defaultFullSyncOptions, finishFullSync, runFullSync } from '../../../electron/core/contacts/full-sync.ts';
import { NEWEST_CHANGES_LIMIT } from '../../../electron/core/contacts/incremental-sync.ts';
import type { SyncContext } from '../../../electron/core/contacts/sync-context.ts';
import { syncedPropertyList } from '../../../electron/core/contacts/synced-properties.ts';
import { createContactsApi } from '../../../electron/core/hubspot/contacts-api.ts';
import type { HubSpotClient } from '../../../electron/core/hubspot/client.ts';
import type { SearchBody } from '../../../electron/core/hubspot/contacts-api.ts';
import { assertCacheMatchesSandbox, cachedRows, createWorld } from './world.ts';

test('an incremental sync picks up contacts created, updated and archived since the last sync', async (t) => {
  const world = await createWorld(t, { contacts: 2000 });
  const sync = world.sync();
  await sync.syncNow();
  const { admin } = world.sandbox;
  const created = admin.createContact({ firstname: 'Neue', lastname: 'Kontakt', email: 'neue@example.de', company: 'Ünïcödé GmbH' });
  admin.updateContact('17', { jobtitle: 'Changed title', email: 'changed@alofok-trading.example' });
  admin.updateContact('1999', { firstname: 'Renamed' });
  for (const id of ['2', '1000', '2000']) admin.archiveContact(id);
  admin.resetStats();

  const done = await sync.syncNow();
  assert.equal(done.kind, 'incremental');
  assert.equal(done.error, null);
  assert.ok(done.total !== null && done.total >= 3, 'the changes are counted for the progress bar');
  assert.equal(done.fetched, done.total);
  assertCacheMatchesSandbox(world);
  assert.equal(await world.cache.count('neue'), 1);
  assert.equal(await world.cache.count('renamed'), 1);
  assert.ok(await world.cache.count() === admin.contactCount());
  assert.ok(created.id);
  const requests = admin.stats().apiRequests;
  assert.ok(requests < 40, `cheap: ${requests} requests`);
});

test('with nothing changed an incremental sync costs a handful of requests', async (t) => {
  const world = await createWorld(t, { contacts: 2000 });
  const sync = world.sync();
  await sync.syncNow();
  world.sandbox.admin.resetStats();
  const done = await sync.syncNow();
  assert.equal(done.kind, 'incremental');
  assert.ok(world.sandbox.admin.stats().apiRequests <= 3, JSON.stringify(world.sandbox.admin.stats().byPath));
  assert.equal(world.sandbox.admin.stats().searchRequests, 1, 'one search counts every contact and finds the changes');
});

test(`a few changes come with the catch-up's count; more than ${NEWEST_CHANGES_LIMIT} are paged, and none is missed`, async (t) => {
  const world = await createWorld(t, { contacts: 2000 });
  const sync = world.sync();
  await sync.syncNow();
  const { admin } = world.sandbox;
  for (const [changes, searches] of [[3, 1], [NEWEST_CHANGES_LIMIT + 10, 2]] as const) {
    for (let id = 1; id <= changes; id++) admin.updateContact(String(id * 7), { jobtitle: `Changed ${changes}` });
    admin.resetStats();
    const done = await sync.syncNow();
    assert.equal(done.error, null);
    assert.equal(done.kind, 'incremental');
    // (and any change in the 5 minutes before the last sync's newest, which every run looks at again)
    assert.ok(done.total !== null && done.total >= changes && done.total < changes + 5, `the changes are counted for the progress bar: ${done.total}`);
    assert.equal(done.fetched, done.total);
    assert.equal(admin.stats().searchRequests, searches, `${changes} changes`);
    assertCacheMatchesSandbox(world);
  }
});

test('more than 10,000 changes since the last sync: the search window moves past the cap', async (t) => {
  const world = await createWorld(t, { contacts: 12_000 });
  const sync = world.sync();
  assert.equal((await sync.syncNow()).error, null);
  const { admin } = world.sandbox;
  for (let id = 1; id <= 10_500; id++) admin.updateContact(String(id), { jobtitle: `Title ${id}` });
  admin.resetStats();
  const done = await sync.runIncremental();
  assert.equal(done.error, null, JSON.stringify(done.error));
  assert.equal(done.kind, 'incremental');
  assertCacheMatchesSandbox(world);
  const searches = admin.stats().searchRequests;
  assert.ok(searches >= 53, `paged past 10,000 (${searches} searches)`);
});

test('archived contacts are found by counting, with few requests', async (t) => {
  const world = await createWorld(t, { contacts: 5000 });
  const sync = world.sync();
  await sync.syncNow();
  const archived = ['1', '777', '2500', '2501', '4999', '5000'];
  for (const id of archived) world.sandbox.admin.archiveContact(id);
  world.sandbox.admin.resetStats();
  await sync.syncNow();
  assertCacheMatchesSandbox(world);
  const searches = world.sandbox.admin.stats().searchRequests;
  assert.ok(searches < 60, `${searches} searches for ${archived.length} archived contacts among 5,000`);
});

test('the parallel full sync misses no contact while others are created and updated', async (t) => {
  const world = await createWorld(t, { contacts: 6000, latencyMs: 2 });
  const { admin } = world.sandbox;
  const touched = new Set<string>();
  let n = 0;
  const mutator = setInterval(() => {
    n++;
    const created = admin.createContact({ firstname: `Created${n}`, lastname: 'During Sync', email: `created${n}@example.com` });
    touched.add(created.id);
    const id = String(1 + ((n * 7919) % 6000));
    admin.updateContact(id, { jobtitle: `Updated ${n}` });
    touched.add(id);
  }, 3);
  t.after(() => clearInterval(mutator));
  const before = [...admin.allContacts()];

  // the strategy on its own, without the catch-up that follows it in the app
  const ctx: SyncContext = {
    api: createContactsApi(world.client),
    cache: world.cache,
    log: world.log,
    signal: new AbortController().signal,
    properties: syncedPropertyList(),
    onFetched: () => {},
    onTotal: () => {},
  };
  const options = { ...defaultFullSyncOptions, rangeSize: 600 };
  const checkpoint = await beginFullSync(ctx, options, Date.now());
  await runFullSync(ctx, checkpoint, options);
  clearInterval(mutator);
  assert.ok(n > 20, `contacts kept changing during the sync (${n} rounds)`);
  assert.equal(checkpoint.ranges.length, 0);
  const cached = new Map(cachedRows(world.dbPath, { columns: ['hs_object_id', 'email', 'jobtitle'], search: '' }).map((row) => [row[0], row]));
  for (const contact of before) {
    if (touched.has(contact.id)) continue;
    assert.deepEqual(cached.get(contact.id), [contact.id, contact.properties.email ?? null, contact.properties.jobtitle ?? null], `contact ${contact.id}`);
  }
  await finishFullSync(world.cache, checkpoint, Date.now());

  // once the changes stop, one incremental sync makes the cache exactly HubSpot's
  const after = await world.sync().syncNow();
  assert.equal(after.kind, 'incremental');
  assertCacheMatchesSandbox(world);
});

test('changes that search shows only a moment later are picked up by a later sync', async (t) => {
  const world = await createWorld(t, { contacts: 500, searchIndexDelayMs: 400 });
  const sync = world.sync();
  await sync.syncNow();
  const { admin } = world.sandbox;
  admin.updateContact('42', { firstname: 'Late' });
  const created = admin.createContact({ firstname: 'Lately', lastname: 'Made' });
  admin.archiveContact('7');
  await sync.syncNow();
  admin.advanceClock(500); // search now shows them
  const done = await sync.syncNow();
  assert.equal(done.error, null);
  assert.equal(await world.cache.count('late'), 2);
  assert.ok(await world.cache.countIds({ from: Number(created.id), end: null }) === 1);
  assertCacheMatchesSandbox(world);
});

test('a contact created and another archived between the catch-up\'s count and its search for changes do not cancel out', async (t) => {
  const world = await createWorld(t, { contacts: 1500 });
  await world.sync().syncNow();
  const { admin } = world.sandbox;
  // more changes than the count's search brings, so they are searched for after it
  for (let id = 1; id <= NEWEST_CHANGES_LIMIT + 10; id++) admin.updateContact(String(id * 11), { jobtitle: 'Changed' });
  // the count: the catch-up's newest changes (their total), or a count on its own
  const isCountOfEveryContact = (body: SearchBody) =>
    (!body.filterGroups && body.sorts?.[0]?.propertyName === 'lastmodifieddate' && body.sorts[0].direction === 'DESCENDING') ||
    (body.limit === 1 && !body.sorts && JSON.stringify(body.filterGroups) === JSON.stringify([{ filters: [{ propertyName: 'hs_object_id', operator: 'GTE', value: '0' }] }]));
  const isChangesSearch = (body: SearchBody) => (body.filterGroups ?? []).some((group) => group.filters.some((filter) => filter.propertyName === 'lastmodifieddate'));
  let first: Promise<unknown> | null = null;
  let mutated = false;
  const client: HubSpotClient = {
    ...world.client,
    request: async (call) => {
      const body = call.body as SearchBody | undefined;
      if (!call.path.endsWith('/search') || !body || mutated || !(isCountOfEveryContact(body) || isChangesSearch(body))) return world.client.request(call);
      if (first === null) {
        first = world.client.request(call);
        return first as never;
      }
      // the second of the two: HubSpot changes once the first has been answered, before this one is sent
      await first;
      mutated = true;
      admin.createContact({ firstname: 'Between', lastname: 'Requests', email: 'between@example.com' });
      admin.archiveContact('700');
      return world.client.request(call);
    },
  };
  const done = await world.sync({ client }).syncNow();
  assert.equal(done.error, null);
  assert.equal(done.kind, 'incremental');
  assert.ok(mutated);
  assertCacheMatchesSandbox(world);
});
