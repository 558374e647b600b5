import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openContactsCache } from '../../../electron/core/contacts/cache.ts';
import { createSyncService } from '../../../electron/core/contacts/sync.ts';
import { isAppError } from '../../../electron/core/errors.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import { nextUtcMidnight } from '../../../electron/core/hubspot/api-errors.ts';
import type { HubSpotClient } from '../../../electron/core/hubspot/client.ts';
import { SEARCH_PAGE_LIMIT } from '../../../electron/core/hubspot/contacts-api.ts';
import type { SearchBody } from '../../../electron/core/hubspot/contacts-api.ts';
import type { SyncProgress } from '../../../electron/ipc/types.ts';
import { appSession, assertCacheMatchesSandbox, assertNoTokensLogged, createWorld } from './world.ts';

test('a full sync brings exactly the sandbox\'s contacts and values, with progress, rows showing as it goes', async (t) => {
  const world = await createWorld(t, { contacts: 3000, latencyMs: 1 });
  // small ranges, so search workers split, take from the top and meet the list coming up
  const sync = world.sync({ fullSync: { rangeSize: 300, searchWorkers: 3 } });
  const events: SyncProgress[] = [];
  const countsWhileRunning: Promise<number>[] = [];
  sync.onProgress((progress) => {
    events.push(progress);
    if (progress.running && progress.fetched > 0 && progress.fetched < 3000) countsWhileRunning.push(world.cache.count());
  });
  const done = await sync.syncNow();
  const rowsWhileRunning = await Promise.all(countsWhileRunning);
  assert.equal(done.error, null);
  assert.equal(done.kind, 'full');
  assert.equal(done.running, false);
  assert.equal(done.total, 3000);
  assert.equal(done.fetched, 3000);
  assert.ok(done.lastSyncedAt !== null);
  assert.ok(rowsWhileRunning.some((rows) => rows > 0 && rows < 3000), 'the table fills while the sync runs');
  const fetched = events.map((event) => event.fetched);
  assert.deepEqual(fetched, [...fetched].sort((a, b) => a - b), 'progress only goes forward');
  assertCacheMatchesSandbox(world);
  const paths = world.sandbox.admin.stats().byPath;
  assert.ok((paths['GET /crm/objects/contacts'] ?? 0) > 0, 'the list endpoint took part');
  assert.ok((paths['POST /crm/objects/contacts/search'] ?? 0) > 0, 'search took part');
  const properties = await await world.cache.properties();
  assert.deepEqual(properties.find((p) => p.name === 'firstname')?.label, 'First Name');
  const stages = properties.find((p) => p.name === 'lifecyclestage')?.options ?? [];
  assert.ok(stages.some((o) => o.value === 'marketingqualifiedlead' && o.label === 'Marketing Qualified Lead'), 'enumeration labels are kept for display');
});

test('the list strategy alone gives the same result', async (t) => {
  const world = await createWorld(t, { contacts: 1200 });
  const done = await world.sync({ fullSync: { strategy: 'list' } }).syncNow();
  assert.equal(done.error, null);
  assertCacheMatchesSandbox(world);
  assert.equal(world.sandbox.admin.stats().byPath['GET /crm/objects/contacts'], 12);
});

test('through 5xx, dropped connections, 429 bursts, expiring 60-second tokens and rotating refresh tokens (the app\'s own token session)', async (t) => {
  // limits low enough that pacing, not the sandbox's speed, sets the pace
  const limit = { max: 10, intervalMs: 1000 };
  const burst = 4;
  const faults = { serverErrorRate: 0.1, dropConnectionRate: 0.03 };
  const world = await createWorld(t, { contacts: 4000, rateLimit: limit, searchRateLimitPerSecond: 8, accessTokenTtlSeconds: 60, rotateRefreshTokens: true, faults });
  const firstRefreshToken = world.tokens.refreshToken();
  const { session, client, persisted } = await appSession(world, 60);
  const sync = world.sync({ client, fullSync: { rangeSize: 500 } });
  let pages = 0;
  sync.onProgress(() => {
    pages++;
    if (pages === 4 || pages === 14) world.sandbox.admin.setFaults({ ...faults, burst429: burst });
    // the tokens' 60 seconds run out mid-sync at HubSpot (twice, far enough apart that no request
    // sees both), early enough that every split between list and search reaches both (at least 20
    // pages of 200 come with progress). Requests queue at the pacer across both: each must go with
    // the token current when it is sent (with it taken before the wait, this failed as "revoked")
    if (pages === 6 || pages === 20) world.sandbox.admin.advanceClock(61_000);
  });
  const done = await sync.syncNow();
  assert.equal(done.error, null, JSON.stringify(done.error));
  assertCacheMatchesSandbox(world);
  const stats = world.sandbox.admin.stats();
  assert.ok(stats.serverErrors > 0, 'server errors happened');
  assert.ok(stats.tooManyRequests >= burst, '429s happened');
  assert.ok(persisted.length >= 2, `tokens expired and the session refreshed them (${persisted.length})`);
  const current = session.current();
  assert.ok(current !== null, 'still signed in');
  assert.notEqual(current.refreshToken, firstRefreshToken, 'the rotated refresh token is used');
  assert.equal(current.refreshToken, persisted.at(-1)?.refreshToken, 'and saved');
  assert.ok(stats.maxInAnyWindow <= limit.max + burst, `at most a burst over the limit, saw ${stats.maxInAnyWindow}`);
  assert.ok(stats.maxSearchInAnySecond <= 8 + burst, `searches at most a burst over their limit, saw ${stats.maxSearchInAnySecond}`);
  assertNoTokensLogged(world.log, [current.accessToken, current.refreshToken, firstRefreshToken]);
});

test('a cancelled full sync keeps what it fetched and the next one carries on from there', async (t) => {
  const world = await createWorld(t, { contacts: 3000, latencyMs: 5 });
  const sync = world.sync({ fullSync: { rangeSize: 500 } });
  let cancelledAt = 0;
  const off = sync.onProgress((progress) => {
    if (progress.running && progress.fetched >= 800 && cancelledAt === 0) {
      cancelledAt = progress.fetched;
      sync.cancel();
    }
  });
  const stopped = await sync.syncNow();
  off();
  assert.equal(stopped.error?.kind, 'cancelled');
  assert.match(stopped.error?.message ?? '', /carries on/);
  const kept = await world.cache.count();
  assert.ok(kept >= 800 && kept < 3000, `kept ${kept}`);
  assert.notEqual((await world.cache.syncState()).fullSync, null, 'the checkpoint is saved');

  const requestsBefore = world.sandbox.admin.stats().apiRequests;
  const kinds = new Set<SyncProgress['kind']>();
  sync.onProgress((progress) => kinds.add(progress.kind));
  const done = await sync.syncNow();
  assert.deepEqual([...kinds].filter((kind) => kind !== null), ['full']);
  assert.equal(done.error, null);
  assert.equal(done.fetched, 3000, 'counts the contacts fetched before the cancel too');
  assertCacheMatchesSandbox(world);
  const requestsAfter = world.sandbox.admin.stats().apiRequests - requestsBefore;
  assert.ok(requestsAfter < 40, `resumed without starting over (${requestsAfter} requests)`);
});

test('a full disk stops the sync with the disk-full sentence; what was saved stays consistent and the next sync carries on from it', async (t) => {
  const world = await createWorld(t, { contacts: 3000 }, {}, { maxPageCount: 400 });
  const stopped = await world.sync({ fullSync: { rangeSize: 500 } }).syncNow();
  assert.equal(stopped.error?.kind, 'disk-full');
  assert.equal(stopped.error?.message, "The disk is full, so Contact Desk can't save contacts. Free up some space, then sync again.");
  const kept = await world.cache.count();
  assert.ok(kept > 0 && kept < 3000, `kept ${kept}`);
  assert.notEqual((await world.cache.syncState()).fullSync, null, 'the resume point was saved with them');
  await world.cache.close();

  // space freed: the same file, without the limit
  const cache = openContactsCache(world.dbPath);
  t.after(() => cache.close());
  const sync = createSyncService({ client: world.client, cache, clock: systemClock, log: world.log, fullSync: { rangeSize: 500 } });
  t.after(() => sync.dispose());
  const requestsBefore = world.sandbox.admin.stats().apiRequests;
  const done = await sync.syncNow();
  assert.equal(done.error, null, JSON.stringify(done.error));
  assert.equal(done.fetched, 3000);
  assertCacheMatchesSandbox(world);
  assert.ok(world.sandbox.admin.stats().apiRequests - requestsBefore < 40, 'carried on rather than starting over');
});

test('a second sync while one runs is refused as busy', async (t) => {
  const world = await createWorld(t, { contacts: 500, latencyMs: 5 });
  const sync = world.sync();
  const first = sync.syncNow();
  await assert.rejects(sync.syncNow(), (error: unknown) => isAppError(error) && error.kind === 'busy');
  await assert.rejects(sync.runIncremental(), (error: unknown) => isAppError(error) && error.kind === 'busy');
  assert.equal((await first).error, null);
});

test('the daily limit stops the sync with the time it can resume; the cache keeps what it has', async (t) => {
  const world = await createWorld(t, { contacts: 800 });
  const sync = world.sync();
  assert.equal((await sync.syncNow()).error, null);
  world.sandbox.admin.setFaults({ dailyLimitReached: true });
  const done = await sync.syncNow();
  assert.equal(done.error?.kind, 'daily-limit');
  assert.equal(done.error?.details?.resumeAt, nextUtcMidnight(Date.now()));
  assert.equal(await world.cache.count(), 800);
});

test('contacts deleted while the app was closed leave with the next full sync', async (t) => {
  const world = await createWorld(t, { contacts: 600 });
  const sync = world.sync();
  await sync.syncNow();
  for (const id of ['1', '300', '600']) world.sandbox.admin.archiveContact(id);
  const done = await sync.runFull();
  assert.equal(done.kind, 'full');
  assert.equal(await world.cache.count(), 597);
  assert.ok(!world.log.lines.some((line) => line.message.startsWith('Brought the cache in line')), 'the sweep removed them, not the count check');
  assertCacheMatchesSandbox(world);
});

test('without the schema scope contacts still sync; only the property labels are missing', async (t) => {
  const world = await createWorld(t, { contacts: 300 });
  world.sandbox.admin.setGrantedScopes(['oauth', 'crm.objects.contacts.read']);
  const done = await world.sync().syncNow();
  assert.equal(done.error, null);
  assert.deepEqual(await world.cache.properties(), []);
  assertCacheMatchesSandbox(world);
});

test('adding a property to the sync makes the next sync a full one that fetches it', async (t) => {
  const world = await createWorld(t, { contacts: 400 });
  let extras: string[] = [];
  const sync = world.sync({ properties: () => extras });
  await sync.syncNow();
  assert.equal((await sync.syncNow()).kind, 'incremental');
  extras = ['city', 'country'];
  const done = await sync.syncNow();
  assert.equal(done.kind, 'full');
  assertCacheMatchesSandbox(world, extras);
  assert.equal((await sync.syncNow()).kind, 'incremental');
});

test('a full sync spends no search only on the id bounds or the watermark', async (t) => {
  const world = await createWorld(t, { contacts: 3000, latencyMs: 1 });
  const searches: SearchBody[] = [];
  const client: HubSpotClient = {
    ...world.client,
    request: (call) => {
      if (call.path.endsWith('/search')) searches.push(call.body as SearchBody);
      return world.client.request(call);
    },
  };
  // search planned as much faster than the list, so ranges are paged down to where the list has got to
  const done = await world.sync({ client, fullSync: { rangeSize: 300, searchWorkers: 3, searchPerSecond: 1000 } }).runFull();
  assert.equal(done.error, null);
  assertCacheMatchesSandbox(world);
  const filtersOf = (body: SearchBody) => body.filterGroups?.flatMap((group) => group.filters) ?? [];
  const boundsOnly = searches.filter((body) => body.limit === 1 && body.sorts?.some((sort) => sort.propertyName === 'hs_object_id'));
  assert.deepEqual(boundsOnly, [], 'the top page by id gives the highest id and the total; the list gives the lowest');
  const newestOnly = searches.filter((body) => body.limit === 1 && body.sorts?.some((sort) => sort.propertyName === 'lastmodifieddate'));
  assert.deepEqual(newestOnly, [], 'the watermark is HubSpot\'s clock from its answers, not its newest change');
  assert.ok(searches.some((body) => body.limit === SEARCH_PAGE_LIMIT && filtersOf(body).some((filter) => filter.operator === 'LT')), 'search paged id ranges');
});

test('without HubSpot\'s clock (no Date header) the watermark is its newest change, from one search', async (t) => {
  const world = await createWorld(t, { contacts: 3000, latencyMs: 1 });
  const searches: SearchBody[] = [];
  const client: HubSpotClient = {
    ...world.client,
    serverTime: () => null,
    request: (call) => {
      if (call.path.endsWith('/search')) searches.push(call.body as SearchBody);
      return world.client.request(call);
    },
  };
  const sync = world.sync({ client, fullSync: { rangeSize: 300, searchWorkers: 3 } });
  assert.equal((await sync.runFull()).error, null);
  assertCacheMatchesSandbox(world);
  const newestOnly = searches.filter((body) => body.limit === 1 && body.sorts?.some((sort) => sort.propertyName === 'lastmodifieddate'));
  assert.equal(newestOnly.length, 1);
  const newest = Math.max(...[...world.sandbox.admin.allContacts()].map((contact) => Date.parse(contact.properties.lastmodifieddate ?? '')));
  assert.equal((await world.cache.syncState()).watermark, newest);
  // and the next sync picks up a change from there
  world.sandbox.admin.updateContact('17', { jobtitle: 'Changed after the full sync' });
  const next = await sync.syncNow();
  assert.equal(next.kind, 'incremental');
  assertCacheMatchesSandbox(world);
});

/** A client that hands every request to the world's, with a look at the list pages it returns. */
function watchingClient(world: { client: HubSpotClient }, around: (call: Parameters<HubSpotClient['request']>[0], send: () => Promise<unknown>) => Promise<unknown>): HubSpotClient {
  return { ...world.client, request: (call) => around(call, () => world.client.request(call)) as never };
}

const isListPage = (call: { method: string; path: string }) => call.method === 'GET' && call.path.includes('/objects/') && call.path.endsWith('/contacts');
const idFiltersOf = (body: SearchBody) => (body.filterGroups ?? []).flatMap((group) => group.filters).filter((filter) => filter.propertyName === 'hs_object_id');

test('a contact the list endpoint leaves out is still fetched: the count after the full sync finds it', async (t) => {
  const world = await createWorld(t, { contacts: 3000, latencyMs: 1 });
  const client = watchingClient(world, async (call, send) => {
    const answer = await send();
    if (!isListPage(call)) return answer;
    const page = answer as { results: { id: string }[] };
    return { ...page, results: page.results.filter((contact) => contact.id !== '5') };
  });
  const done = await world.sync({ client, fullSync: { rangeSize: 300, searchWorkers: 3 } }).runFull();
  assert.equal(done.error, null);
  assertCacheMatchesSandbox(world);
});

test('once the list has returned the ids of a range, no search is spent counting them', async (t) => {
  const world = await createWorld(t, { contacts: 3000, latencyMs: 1 });
  const searches: SearchBody[] = [];
  let listFinished: () => void = () => {};
  const listDone = new Promise<void>((resolve) => (listFinished = resolve));
  const client = watchingClient(world, async (call, send) => {
    if (call.path.endsWith('/search')) {
      const body = call.body as SearchBody;
      searches.push(body);
      // pages of id ranges wait until the list has returned every contact: the list passes every range first
      if (idFiltersOf(body).some((filter) => filter.operator === 'LT')) await listDone;
    }
    const answer = await send();
    if (isListPage(call) && !(answer as { paging?: unknown }).paging) listFinished();
    return answer;
  });
  const done = await world.sync({ client, fullSync: { rangeSize: 300, searchWorkers: 3 } }).runFull();
  assert.equal(done.error, null);
  assertCacheMatchesSandbox(world);
  const rangeCounts = searches.filter((body) => body.limit === 1 && idFiltersOf(body).some((filter) => filter.operator === 'LT'));
  assert.deepEqual(rangeCounts, [], 'the count of every contact after the full sync checks what the list brought');
});

test('a range page the list passes while it waits for its turn is not sent: the turn goes to another search', async (t) => {
  const world = await createWorld(t, { contacts: 3000, latencyMs: 1 });
  const rangePagesSent: SearchBody[] = [];
  const realFetch = globalThis.fetch;
  t.mock.method(globalThis, 'fetch', (input: string, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as SearchBody) : null;
    if (body && idFiltersOf(body).some((filter) => filter.operator === 'LT') && body.limit === SEARCH_PAGE_LIMIT) rangePagesSent.push(body);
    return realFetch(input, init);
  });
  let everyContactWritten: () => void = () => {};
  const allWritten = new Promise<void>((resolve) => (everyContactWritten = resolve));
  const client = watchingClient(world, async (call, send) => {
    const body = call.path.endsWith('/search') ? (call.body as SearchBody) : null;
    // each worker's first range page is asked for, then waits (as behind other searches) until the list has brought every contact
    if (body && idFiltersOf(body).some((filter) => filter.operator === 'LT')) await allWritten;
    return send();
  });
  const sync = world.sync({ client, fullSync: { rangeSize: 300, searchWorkers: 3 } });
  sync.onProgress((progress) => {
    if (progress.fetched >= 3000) everyContactWritten();
  });
  const done = await sync.runFull();
  assert.equal(done.error, null);
  assertCacheMatchesSandbox(world);
  assert.deepEqual(rangePagesSent, [], 'no page of ids the list had already brought');
});

test('the catch-up\'s search is asked for while the last range page is on its way, and sent after it', async (t) => {
  const world = await createWorld(t, { contacts: 3000, latencyMs: 20 });
  const isCatchUp = (body: SearchBody | null) => body?.sorts?.some((sort) => sort.propertyName === 'lastmodifieddate') === true;
  const isRangePage = (body: SearchBody | null) => body !== null && body.limit === SEARCH_PAGE_LIMIT && idFiltersOf(body).some((filter) => filter.operator === 'LT');
  const sent: string[] = [];
  const realFetch = globalThis.fetch;
  t.mock.method(globalThis, 'fetch', (input: string, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as SearchBody) : null;
    if (isCatchUp(body)) sent.push('catch-up');
    else if (isRangePage(body)) sent.push('range page');
    return realFetch(input, init);
  });
  const events: string[] = [];
  let listPages = 0;
  const client = watchingClient(world, async (call, send) => {
    // the list stops after its first page (until it is called off): search pages every range down to
    // it, one worker (no splits), so each range's last page is known as such when it is asked for
    if (isListPage(call) && ++listPages > 1 && call.signal) await new Promise((resolve) => call.signal?.addEventListener('abort', resolve, { once: true }));
    const body = call.path.endsWith('/search') ? (call.body as SearchBody) : null;
    if (isCatchUp(body)) events.push('catch-up asked');
    const answer = await send();
    if (isRangePage(body)) events.push('range page answered');
    return answer;
  });
  const done = await world.sync({ client, fullSync: { rangeSize: 600, searchWorkers: 1 } }).runFull();
  assert.equal(done.error, null);
  assertCacheMatchesSandbox(world);
  assert.deepEqual(events.slice(-2), ['catch-up asked', 'range page answered'], 'asked before the last range page came back');
  assert.ok(sent.lastIndexOf('range page') < sent.indexOf('catch-up'), 'sent after every range page');
});
