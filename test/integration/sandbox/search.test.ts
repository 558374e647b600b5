import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KNOWN_CONTACTS } from '../../../sandbox/contacts-data.ts';
import { SEARCH, api, connect, json, sandbox } from './helpers.ts';
import type { ContactJson, PageJson } from './helpers.ts';

const searchV3 = '/crm/v3/objects/contacts/search';

test('search: filters, sorts, properties and offset paging (2026-03 and v3)', async (t) => {
  const sb = await sandbox(t, { contacts: 500, searchRateLimitPerSecond: 1000 });
  const { access_token: token } = await connect(sb);
  for (const path of [SEARCH, searchV3]) {
    const res = await api(sb, token, path, { body: { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'LTE', value: '25' }] }], limit: 10 } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-hubspot-ratelimit-max'), null, 'no rate-limit headers on search');
    const body = await json<PageJson>(res);
    assert.equal(body.total, 25);
    assert.deepEqual(body.results.map((c) => c.id), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    assert.deepEqual(Object.keys((body.results[0] as ContactJson).properties).sort(), ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname']);
    assert.equal(body.paging?.next?.after, '10');
    const p3 = await json<PageJson>(await api(sb, token, path, { body: { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'LTE', value: '25' }] }], limit: 10, after: '20' } }));
    assert.deepEqual(p3.results.map((c) => c.id), ['21', '22', '23', '24', '25']);
    assert.equal(p3.paging, undefined);
  }

  const eq = await json<PageJson>(await api(sb, token, SEARCH, { body: { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: KNOWN_CONTACTS.email.email.toUpperCase() }] }], properties: ['email', 'company'] } }));
  assert.equal(eq.total, 1);
  assert.equal(eq.results[0]?.id, KNOWN_CONTACTS.email.id);
  assert.deepEqual(Object.keys((eq.results[0] as ContactJson).properties).sort(), ['company', 'email']);

  const between = await json<PageJson>(await api(sb, token, SEARCH, { body: { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'BETWEEN', value: '100', highValue: '199' }] }], sorts: [{ propertyName: 'hs_object_id', direction: 'DESCENDING' }], limit: 3 } }));
  assert.equal(between.total, 100);
  assert.deepEqual(between.results.map((c) => c.id), ['199', '198', '197']);

  // OR of groups, AND within a group
  const or = await json<PageJson>(await api(sb, token, SEARCH, { body: { filterGroups: [
    { filters: [{ propertyName: 'hs_object_id', operator: 'LT', value: 3 }] },
    { filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: 498 }] },
  ], limit: 10 } }));
  assert.deepEqual(or.results.map((c) => c.id), ['1', '2', '499', '500']);
  const and = await json<PageJson>(await api(sb, token, SEARCH, { body: { filterGroups: [{ filters: [
    { propertyName: 'hs_object_id', operator: 'GTE', value: '1' },
    { propertyName: 'hs_object_id', operator: 'LTE', value: '30' },
    { propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' },
  ] }], limit: 100, properties: ['lifecyclestage'] } }));
  assert.ok(and.results.length > 0 && and.results.every((c) => c.properties.lifecyclestage === 'customer' && Number(c.id) <= 30));
  assert.equal(and.total, and.results.length);

  const has = await json<PageJson>(await api(sb, token, SEARCH, { body: { filterGroups: [{ filters: [{ propertyName: 'phone', operator: 'NOT_HAS_PROPERTY' }] }], properties: ['phone'], limit: 200 } }));
  assert.ok(has.total !== undefined && has.total > 0 && has.results.every((c) => !c.properties.phone));
  const inOp = await json<PageJson>(await api(sb, token, SEARCH, { body: { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'IN', values: ['4', '9', '77'] }] }] } }));
  assert.deepEqual(inOp.results.map((c) => c.id), ['4', '9', '77']);

  const q = await json<PageJson>(await api(sb, token, SEARCH, { body: { query: KNOWN_CONTACTS.nonLatin.firstname, limit: 100, properties: ['firstname'] } }));
  assert.ok(q.results.some((c) => c.id === KNOWN_CONTACTS.nonLatin.id));

  const byName = await json<PageJson>(await api(sb, token, SEARCH, { body: { sorts: ['lastname'], limit: 5, properties: ['lastname'], filterGroups: [{ filters: [{ propertyName: 'lastname', operator: 'HAS_PROPERTY' }] }] } }));
  const names = byName.results.map((c) => (c.properties.lastname ?? '').toLowerCase());
  assert.deepEqual(names, [...names].sort());
  const desc = await json<PageJson>(await api(sb, token, SEARCH, { body: { sorts: ['-createdate'], limit: 2 } }));
  assert.deepEqual(desc.results.map((c) => c.id), ['500', '499']);
  assert.equal(desc.total, 500);
});

test('search: validation errors like HubSpot (limit > 200, 10,000 cap, bad operator/property/JSON)', async (t) => {
  const sb = await sandbox(t, { contacts: 20_000, searchRateLimitPerSecond: 1000 });
  const { access_token: token } = await connect(sb);
  const bad = async (body: unknown, label: string) => {
    const res = await fetch(sb.url + SEARCH, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    assert.equal(res.status, 400, label);
    const b = await json(res);
    assert.equal(b.status, 'error', label);
    assert.equal(b.category, 'VALIDATION_ERROR', label);
    assert.ok(b.message && b.correlationId, label);
  };
  await bad({ limit: 201 }, 'limit 201');
  await bad({ limit: 200, after: '9801' }, 'past 10,000');
  await bad({ limit: 100, after: '10000' }, 'at 10,000');
  await bad({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: 'x' }] }] }, 'operator');
  await bad({ filterGroups: [{ filters: [{ propertyName: 'no_such', operator: 'EQ', value: 'x' }] }] }, 'property');
  await bad({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' }] }] }, 'missing value');
  await bad({ filterGroups: [{ filters: [{ propertyName: 'createdate', operator: 'GT', value: 'yesterday' }] }] }, 'bad date');
  await bad({ sorts: [{ propertyName: 'email', direction: 'UP' }] }, 'sort direction');
  await bad({ sorts: ['email', 'firstname'] }, 'two sorts');
  await bad({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [] })) }, 'six groups');
  await bad('{not json', 'json');
  await bad({ after: 'abc' }, 'after');

  const ok = await json<PageJson>(await api(sb, token, SEARCH, { body: { limit: 200, after: '9800' } }));
  assert.equal(ok.results.length, 200);
  assert.equal(ok.total, 20_000);
  assert.equal(ok.results[0]?.id, '9801');
  assert.equal(ok.paging?.next?.after, '10000', 'HubSpot still offers the next page; asking for it is the 400');
});

test('search: archived contacts are not searchable; changed and created ones are', async (t) => {
  const sb = await sandbox(t, { contacts: 100 });
  const { access_token: token } = await connect(sb);
  sb.admin.archiveContact('2');
  const r = await json<PageJson>(await api(sb, token, SEARCH, { body: { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'LTE', value: '3' }] }] } }));
  assert.deepEqual(r.results.map((c) => c.id), ['1', '3']);
  assert.equal(r.total, 2);
  sb.admin.updateContact('3', { firstname: 'Zed' });
  const r2 = await json<PageJson>(await api(sb, token, SEARCH, { body: { filterGroups: [{ filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'zed' }] }] } }));
  assert.deepEqual(r2.results.map((c) => c.id), ['3']);
  const created = sb.admin.createContact({ firstname: 'Brand', lastname: 'New', email: 'brand.new@example.com' });
  const r3 = await json<PageJson>(await api(sb, token, SEARCH, { body: { query: 'brand.new@', limit: 10 } }));
  assert.deepEqual(r3.results.map((c) => c.id), [created.id]);
});

test('incremental sync on a million contacts: lastmodifieddate window sorted ascending, overlay merged', async (t) => {
  const sb = await sandbox(t, { contacts: 1_000_000, searchRateLimitPerSecond: 1000 });
  const { access_token: token } = await connect(sb);
  const since = sb.admin.now() - 20 * 86_400_000;
  const body = (after?: string, gte = since) => ({
    filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(gte) }] }],
    sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
    properties: ['firstname', 'lastmodifieddate'],
    limit: 200,
    ...(after ? { after } : {}),
  });
  const first = await json<PageJson>(await api(sb, token, SEARCH, { body: body() }));
  assert.ok((first.total ?? 0) > 5000, `total ${first.total}`);
  let prev = '';
  for (const c of first.results) {
    const m = c.properties.lastmodifieddate as string;
    assert.ok(Date.parse(m) >= since);
    assert.ok(m >= prev);
    prev = m;
  }
  const page50 = await json<PageJson>(await api(sb, token, SEARCH, { body: body('9800') }));
  assert.equal(page50.results.length, 200);

  // changes made now come after everything else, and a window moved past the last seen value finds them
  sb.admin.updateContact('10', { firstname: 'Updated Old' });
  const created = sb.admin.createContact({ firstname: 'Created Now' });
  const moved = await json<PageJson>(await api(sb, token, SEARCH, { body: body(undefined, Date.parse(prev)) }));
  assert.equal(moved.total, (first.total ?? 0) + 2 - first.results.length + 1, 'moving the window to the last seen value');
  const latest = await json<PageJson>(await api(sb, token, SEARCH, { body: body(undefined, sb.admin.now() - 60_000) }));
  assert.deepEqual(latest.results.map((c) => c.id), ['10', created.id]);
  assert.equal(latest.results[0]?.properties.firstname, 'Updated Old');
  assert.equal(latest.total, 2);
  // the old version of contact 10 is gone from older windows
  const old = await json<PageJson>(await api(sb, token, SEARCH, { body: { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'EQ', value: '10' }] }], properties: ['firstname'] } }));
  assert.equal(old.total, 1);
  assert.equal(old.results[0]?.properties.firstname, 'Updated Old');
});

test('parallel range fetches on a million contacts: hs_object_id GTE/LT sorted ascending', async (t) => {
  const sb = await sandbox(t, { contacts: 1_000_000, searchRateLimitPerSecond: 1000 });
  const { access_token: token } = await connect(sb);
  const ranges = [[1, 250_001], [250_001, 500_001], [500_001, 750_001], [750_001, 1_000_001]] as const;
  const pages = await Promise.all(ranges.map(([lo, hi]) => api(sb, token, SEARCH, { body: {
    filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GTE', value: String(lo) }, { propertyName: 'hs_object_id', operator: 'LT', value: String(hi) }] }],
    sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
    limit: 200,
  } }).then((r) => json<PageJson>(r))));
  pages.forEach((p, i) => {
    assert.equal(p.total, 250_000);
    assert.equal(p.results[0]?.id, String(ranges[i]?.[0]));
    assert.equal(p.results.length, 200);
  });
  // move the window past the 10,000 cap with GT last id
  const next = await json<PageJson>(await api(sb, token, SEARCH, { body: {
    filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: '600000' }, { propertyName: 'hs_object_id', operator: 'LT', value: '750001' }] }],
    sorts: ['hs_object_id'], limit: 200,
  } }));
  assert.equal(next.results[0]?.id, '600001');
  assert.equal(next.total, 150_000);
  // createdate ranges are binary searches too
  const cr = await json<PageJson>(await api(sb, token, SEARCH, { body: {
    filterGroups: [{ filters: [{ propertyName: 'createdate', operator: 'BETWEEN', value: new Date(sb.admin.now() - 400 * 86_400_000).toISOString(), highValue: new Date(sb.admin.now() - 399 * 86_400_000).toISOString() }] }],
    sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }], limit: 5, properties: ['createdate'],
  } }));
  assert.ok((cr.total ?? 0) > 100);
});

test('search has its own per-second limit: 429 SECONDLY without rate-limit headers', async (t) => {
  const sb = await sandbox(t, { contacts: 50 });
  const { access_token: token } = await connect(sb);
  const statuses: number[] = [];
  const responses = await Promise.all(Array.from({ length: 8 }, () => api(sb, token, SEARCH, { body: { limit: 1 } })));
  for (const r of responses) statuses.push(r.status);
  assert.equal(statuses.filter((s) => s === 200).length, 5);
  const limited = responses.find((r) => r.status === 429) as Response;
  assert.equal(limited.headers.get('x-hubspot-ratelimit-remaining'), null);
  const body = await json(limited);
  assert.equal(body.errorType, 'RATE_LIMIT');
  assert.equal(body.status, 'error');
  assert.equal(body.policyName, 'SECONDLY');
  const stats = sb.admin.stats();
  assert.equal(stats.searchRequests, 8);
  assert.equal(stats.maxSearchInAnySecond, 8);
  assert.equal(stats.tooManyRequests, 3);
  // search calls do not use the general limit
  const list = await api(sb, token, '/crm/objects/2026-03/contacts?limit=1');
  assert.equal(list.headers.get('x-hubspot-ratelimit-remaining'), '109');
});

test('searchIndexDelayMs: changes reach search late (list and GET see them at once)', async (t) => {
  const sb = await sandbox(t, { contacts: 50, searchIndexDelayMs: 2000 });
  const { access_token: token } = await connect(sb);
  const byId = (id: string) => api(sb, token, SEARCH, { body: { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'EQ', value: id }] }], properties: ['firstname'] } }).then((r) => json<PageJson>(r));
  const before = (await byId('4')).results[0]?.properties.firstname;
  sb.admin.updateContact('4', { firstname: 'Later' });
  const created = sb.admin.createContact({ firstname: 'Fresh' });
  sb.admin.archiveContact('6');
  assert.equal((await byId('4')).results[0]?.properties.firstname, before, 'search still shows the old version');
  assert.equal((await byId(created.id)).total, 0, 'a new contact is not searchable yet');
  assert.equal((await byId('6')).total, 1, 'an archived one is still found');
  assert.equal((await json<ContactJson>(await api(sb, token, '/crm/objects/2026-03/contacts/4?properties=firstname'))).properties.firstname, 'Later');
  sb.admin.advanceClock(2001);
  assert.equal((await byId('4')).results[0]?.properties.firstname, 'Later');
  assert.equal((await byId(created.id)).total, 1);
  assert.equal((await byId('6')).total, 0);
});

test('query on a sandbox big enough for the worker-made index: the contacts whose searchable values hold every word', async (t) => {
  const sb = await sandbox(t, { contacts: 25_000, searchRateLimitPerSecond: 1000 });
  sb.admin.updateContact('77', { lastname: 'Quetzalcoatl' });
  const searchable = ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'website'];
  const all = [...sb.admin.allContacts()];
  const queries = ['Example.NET', 'quetzal', 'maria gmbh', '+1 555'];
  // worked out before connecting, so no idle connection waits while this runs
  const expected = queries.map((query) => all
    .filter((c) => query.toLowerCase().split(' ').every((w) => searchable.some((name) => (c.properties[name] ?? '').toLowerCase().includes(w))))
    .map((c) => c.id));
  const { access_token: token } = await connect(sb);
  for (const [i, query] of queries.entries()) {
    const want = expected[i] ?? [];
    assert.ok(want.length > 0, `${query} finds someone`);
    const page = await json<PageJson>(await api(sb, token, SEARCH, { body: { query, limit: 200 } }));
    assert.equal(page.total, want.length, query);
    assert.deepEqual(page.results.map((c) => c.id), want.slice(0, 200), query);
  }
});
