import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KNOWN_LISTS } from '../../../sandbox/lists.ts';
import type { Sandbox } from '../../../sandbox/server.ts';
import { api, connect, json, sandbox } from './helpers.ts';

interface ListJson {
  listId: string;
  listVersion: number;
  name: string;
  objectTypeId: string;
  processingType: string;
  processingStatus: string;
  createdAt: string;
  updatedAt: string;
  additionalProperties: Record<string, unknown>;
}
interface SearchJson {
  lists: ListJson[];
  hasMore: boolean;
  offset: number;
  total: number;
}
interface MembersJson {
  results: { recordId: string; membershipTimestamp: string }[];
  paging?: { next?: { after: string; link: string }; prev?: { before: string; link: string } };
  total: number;
}
interface ErrorJson {
  status: string;
  message: string;
  correlationId: string;
  category: string;
}

const SEARCH = '/crm/lists/2026-03/search';
const members = (listId: string, query = '') => `/crm/lists/2026-03/${listId}/memberships${query}`;
/** what the app sends: the 2026-03 description marks the arrays and offset required */
const searchBody = (extra: Record<string, unknown> = {}) => ({ offset: 0, processingTypes: [], listIds: [], additionalProperties: [], objectTypeId: '0-1', ...extra });

async function allMembers(sb: Sandbox, token: string, listId: string, limit = 250): Promise<{ ids: string[]; pages: MembersJson[] }> {
  const pages: MembersJson[] = [];
  let after: string | undefined;
  do {
    const page = await json<MembersJson>(await api(sb, token, members(listId, `?limit=${limit}${after ? `&after=${after}` : ''}`)));
    pages.push(page);
    after = page.paging?.next?.after;
  } while (after);
  return { ids: pages.flatMap((p) => p.results.map((r) => r.recordId)), pages };
}

test('list search: HubSpot paging (count, offset, hasMore, total), contact lists only with objectTypeId 0-1, strings only in additionalProperties', async (t) => {
  const sb = await sandbox(t, { contacts: 2000 });
  const { access_token: token } = await connect(sb);
  const first = await json<SearchJson>(await api(sb, token, SEARCH, { body: searchBody() }));
  const contactLists = sb.admin.lists().filter((l) => l.objectTypeId === '0-1');
  assert.equal(first.total, contactLists.length);
  assert.equal(first.lists.length, 20, 'default count is 20');
  assert.equal(first.hasMore, true);
  assert.equal(first.offset, 20);
  const second = await json<SearchJson>(await api(sb, token, SEARCH, { body: searchBody({ offset: first.offset }) }));
  assert.equal(second.hasMore, false);
  assert.equal(second.offset, contactLists.length);
  const seen = [...first.lists, ...second.lists];
  assert.deepEqual(seen.map((l) => l.listId), contactLists.map((l) => l.listId));
  for (const list of seen) {
    assert.match(list.listId, /^\d+$/);
    assert.equal(list.objectTypeId, '0-1');
    assert.ok(['MANUAL', 'DYNAMIC', 'SNAPSHOT'].includes(list.processingType));
    assert.equal(typeof list.listVersion, 'number');
    for (const [name, value] of Object.entries(list.additionalProperties)) assert.equal(typeof value, 'string', `${list.listId}.${name}`);
    assert.equal(list.additionalProperties.hs_list_size, String(sb.admin.listMembers(list.listId).length));
  }
  const empty = seen.find((l) => l.listId === KNOWN_LISTS.empty.listId);
  assert.equal(empty?.additionalProperties.hs_list_size, '0');
  assert.ok(empty && !('hs_last_record_added_at' in empty.additionalProperties), 'a timestamp with no value is left out, never null');
  assert.ok(new Set(seen.map((l) => l.processingType)).size === 3, 'static and active lists');

  const all = await json<SearchJson>(await api(sb, token, '/crm/v3/lists/search', { body: { count: 500 } }));
  assert.ok(all.lists.some((l) => l.objectTypeId === '0-2'), 'without objectTypeId, lists of other objects come too');
  assert.equal(all.hasMore, false);
});

test('list search: query matches part of the name (any case), processingTypes and listIds filter', async (t) => {
  const sb = await sandbox(t, { contacts: 2000 });
  const { access_token: token } = await connect(sb);
  const search = async (extra: Record<string, unknown>) => json<SearchJson>(await api(sb, token, SEARCH, { body: searchBody({ count: 500, ...extra }) }));
  assert.deepEqual((await search({ query: 'WEBINAR' })).lists.map((l) => l.listId), [KNOWN_LISTS.webinar.listId]);
  assert.deepEqual((await search({ query: 'größe' })).lists.map((l) => l.name), ['Kunden mit Größe & Maß']);
  assert.deepEqual((await search({ query: 'no such list' })).lists, []);
  const snapshots = await search({ processingTypes: ['SNAPSHOT'] });
  assert.ok(snapshots.lists.length > 1 && snapshots.lists.every((l) => l.processingType === 'SNAPSHOT'));
  const picked = await search({ listIds: [KNOWN_LISTS.vip.listId, KNOWN_LISTS.empty.listId] });
  assert.deepEqual(picked.lists.map((l) => l.listId).sort(), [KNOWN_LISTS.vip.listId, KNOWN_LISTS.empty.listId].sort());
  assert.equal(picked.total, 2);
});

test('list search: bad requests are 400 VALIDATION_ERROR bodies', async (t) => {
  const sb = await sandbox(t, { contacts: 100 });
  const { access_token: token } = await connect(sb);
  for (const body of [searchBody({ count: 501 }), searchBody({ count: 0 }), searchBody({ offset: -1 }), searchBody({ processingTypes: ['STATIC'] }), searchBody({ listIds: 'all' }), searchBody({ query: 7 }), [1]]) {
    const res = await api(sb, token, SEARCH, { body });
    assert.equal(res.status, 400, JSON.stringify(body));
    const err = await json<ErrorJson>(res);
    assert.equal(err.status, 'error');
    assert.equal(err.category, 'VALIDATION_ERROR');
    assert.ok(err.message && err.correlationId);
  }
  const broken = await fetch(sb.url + SEARCH, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"count":' });
  assert.equal(broken.status, 400);
});

test('memberships: the 20,000-member list pages by 250 in recordId order with total; before goes back', async (t) => {
  const sb = await sandbox(t, { contacts: 40_000 });
  const { access_token: token } = await connect(sb);
  const big = KNOWN_LISTS.webinar.listId;
  const { ids, pages } = await allMembers(sb, token, big);
  assert.equal(ids.length, 20_000);
  assert.equal(pages.length, 80);
  assert.deepEqual(ids, sb.admin.listMembers(big));
  assert.deepEqual(ids.map(Number), ids.map(Number).sort((a, b) => a - b), 'sorted by recordId');
  assert.ok(pages.every((p) => p.total === 20_000 && p.results.every((r) => !Number.isNaN(Date.parse(r.membershipTimestamp)))));
  assert.equal(pages[0]?.paging?.prev, undefined, 'no way back from the first page');
  assert.equal(pages.at(-1)?.paging?.next, undefined, 'no next page after the last');

  const third = pages[2] as MembersJson;
  const back = await json<MembersJson>(await api(sb, token, members(big, `?limit=250&before=${third.paging?.prev?.before}`)));
  assert.deepEqual(back.results, pages[1]?.results, 'before gives the previous page');
  const viaLink = await json<MembersJson>(await api(sb, token, new URL(third.paging?.next?.link as string).pathname + new URL(third.paging?.next?.link as string).search));
  assert.deepEqual(viaLink.results, pages[3]?.results, 'paging.next.link works as given');

  const defaults = await json<MembersJson>(await api(sb, token, members(big)));
  assert.equal(defaults.results.length, 100, 'default limit 100');
  const v3 = await json<MembersJson>(await api(sb, token, `/crm/v3/lists/${big}/memberships?limit=5`));
  assert.deepEqual(v3.results, defaults.results.slice(0, 5));
});

test('memberships: empty list, errors with category (400 and 404)', async (t) => {
  const sb = await sandbox(t, { contacts: 2000 });
  const { access_token: token } = await connect(sb);
  assert.deepEqual(await json(await api(sb, token, members(KNOWN_LISTS.empty.listId))), { results: [], total: 0 });
  const otherCursor = (await json<MembersJson>(await api(sb, token, members(KNOWN_LISTS.springEvent.listId, '?limit=1')))).paging?.next?.after as string;
  const next = (await json<MembersJson>(await api(sb, token, members(KNOWN_LISTS.newsletter.listId, '?limit=1')))).paging?.next?.after as string;
  const cases: [string, number, string][] = [
    [members('999999'), 404, 'OBJECT_NOT_FOUND'],
    [members('abc'), 400, 'VALIDATION_ERROR'],
    [members(KNOWN_LISTS.newsletter.listId, '?limit=251'), 400, 'VALIDATION_ERROR'],
    [members(KNOWN_LISTS.newsletter.listId, '?limit=0'), 400, 'VALIDATION_ERROR'],
    [members(KNOWN_LISTS.newsletter.listId, `?after=${otherCursor}`), 400, 'VALIDATION_ERROR'],
    [members(KNOWN_LISTS.newsletter.listId, `?after=${next}&before=${next}`), 400, 'VALIDATION_ERROR'],
  ];
  for (const [path, status, category] of cases) {
    const res = await api(sb, token, path);
    assert.equal(res.status, status, path);
    const body = await json<ErrorJson>(res);
    assert.equal(body.status, 'error');
    assert.equal(body.category, category, path);
  }
});

test('admin: a deleted list leaves search and answers 404; membership changes show at once and bump the version', async (t) => {
  const sb = await sandbox(t, { contacts: 2000 });
  const { access_token: token } = await connect(sb);
  const find = async (listId: string) => (await json<SearchJson>(await api(sb, token, SEARCH, { body: searchBody({ listIds: [listId] }) }))).lists[0];
  const spring = KNOWN_LISTS.springEvent.listId;
  const before = await find(spring);
  assert.ok(before && !('hs_last_record_removed_at' in before.additionalProperties));

  const admin = (path: string, method: string, body?: unknown) => fetch(`${sb.url}/__sandbox${path}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  const [firstMember] = sb.admin.listMembers(spring);
  const changedFrom = sb.admin.now();
  assert.equal((await admin(`/lists/${spring}/members`, 'PATCH', { add: ['1999', '2000'], remove: [firstMember] })).status, 200);
  const { ids } = await allMembers(sb, token, spring);
  assert.ok(ids.includes('1999') && ids.includes('2000') && !ids.includes(firstMember as string));
  const after = await find(spring);
  assert.equal(after?.listVersion, (before.listVersion) + 1);
  assert.equal(after?.additionalProperties.hs_list_size, String(ids.length));
  const removedAt = Number(after?.additionalProperties.hs_last_record_removed_at);
  assert.ok(removedAt >= changedFrom && removedAt <= sb.admin.now(), 'when a record last left, in ms');
  assert.ok((after?.updatedAt ?? '') > before.updatedAt);

  // a deleted contact leaves every list
  sb.admin.archiveContact('2000');
  assert.ok(!sb.admin.listMembers(spring).includes('2000'));

  assert.equal((await admin(`/lists/${spring}`, 'DELETE')).status, 204);
  assert.equal(await find(spring), undefined);
  const gone = await api(sb, token, members(spring));
  assert.equal(gone.status, 404);
  assert.equal((await json<ErrorJson>(gone)).category, 'OBJECT_NOT_FOUND');

  const created = await json<{ listId: string; size: number }>(await admin('/lists', 'POST', { name: 'Made in a test', processingType: 'SNAPSHOT', members: ['5', '3', '3'] }));
  assert.equal(created.size, 2);
  assert.deepEqual((await allMembers(sb, token, created.listId)).ids, ['3', '5']);
  assert.equal((await admin('/lists', 'POST', { name: 'x', processingType: 'STATIC' })).status, 400);
});

test('lists need crm.lists.read, and count against the general rate limit', async (t) => {
  const sb = await sandbox(t, { contacts: 100, rateLimit: { max: 3, intervalMs: 60_000 } });
  const { access_token: token } = await connect(sb);
  const limited = [
    await api(sb, token, SEARCH, { body: searchBody() }),
    await api(sb, token, members(KNOWN_LISTS.vip.listId)),
    await api(sb, token, members(KNOWN_LISTS.vip.listId)),
    await api(sb, token, members(KNOWN_LISTS.vip.listId)),
  ];
  assert.deepEqual(limited.map((r) => r.status), [200, 200, 200, 429]);
  assert.deepEqual(limited.map((r) => r.headers.get('x-hubspot-ratelimit-remaining')), ['2', '1', '0', '0']);
  assert.equal((await json<{ policyName: string }>(limited[3] as Response)).policyName, 'TEN_SECONDLY_ROLLING');

  sb.admin.advanceClock(60_001);
  sb.admin.setGrantedScopes(['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.objects.owners.read']);
  for (const res of [await api(sb, token, SEARCH, { body: searchBody() }), await api(sb, token, members(KNOWN_LISTS.vip.listId))]) {
    assert.equal(res.status, 403);
    assert.equal((await json<ErrorJson>(res)).category, 'MISSING_SCOPES');
  }
});
