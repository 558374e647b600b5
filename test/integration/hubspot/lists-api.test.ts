import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../../electron/core/errors.ts';
import { createListsApi, isListGone } from '../../../electron/core/hubspot/lists-api.ts';
import { KNOWN_LISTS } from '../../../sandbox/lists.ts';
import { apiWorld } from './world.ts';

test('allContactLists: every contact list (not other objects\'), with its size; searchLists pages by offset', async (t) => {
  const { sandbox, client } = await apiWorld(t, { contacts: 3000 });
  const api = createListsApi(client);
  const lists = await api.allContactLists();
  const expected = sandbox.admin.lists().filter((l) => l.objectTypeId === '0-1');
  assert.deepEqual(lists.map((l) => [l.listId, l.name, l.processingType, l.size]), expected.map((l) => [l.listId, l.name, l.processingType, l.size]));
  const empty = lists.find((l) => l.listId === KNOWN_LISTS.empty.listId);
  assert.equal(empty?.size, 0);
  assert.equal(empty?.additionalProperties.hs_last_record_added_at, undefined);

  const first = await api.searchLists({ count: 7 });
  assert.equal(first.lists.length, 7);
  assert.equal(first.nextOffset, 7);
  assert.equal(first.hasMore, true);
  assert.equal(first.total, expected.length);
  const byName = await api.allContactLists({ query: 'event' });
  assert.deepEqual(byName.map((l) => l.listId), [KNOWN_LISTS.springEvent.listId]);
  const dynamic = await api.allContactLists({ processingTypes: ['DYNAMIC'] });
  assert.ok(dynamic.length > 2 && dynamic.every((l) => l.processingType === 'DYNAMIC'));
});

test('membershipPages: all 20,000 members of a big list in recordId order, paced under the rate limit', async (t) => {
  const rateLimit = { max: 40, intervalMs: 1000 };
  const { sandbox, client } = await apiWorld(t, { contacts: 40_000, rateLimit });
  const api = createListsApi(client);
  const pages: { size: number; total: number | null }[] = [];
  const ids: string[] = [];
  for await (const page of api.membershipPages(KNOWN_LISTS.webinar.listId)) {
    pages.push({ size: page.recordIds.length, total: page.total });
    ids.push(...page.recordIds);
    assert.equal(page.membershipTimestamps.length, page.recordIds.length);
  }
  assert.deepEqual(ids, sandbox.admin.listMembers(KNOWN_LISTS.webinar.listId));
  assert.equal(pages.length, 80, '250 a page');
  assert.ok(pages.every((p) => p.total === 20_000));
  const stats = sandbox.admin.stats();
  assert.equal(stats.tooManyRequests, 0, 'paced, never refused');
  assert.ok(stats.maxInAnyWindow <= rateLimit.max);
  assert.deepEqual(await api.allMembers(KNOWN_LISTS.empty.listId), []);
});

test('a list deleted in HubSpot ends its paging with an error isListGone recognises', async (t) => {
  const { sandbox, client } = await apiWorld(t, { contacts: 3000 });
  const api = createListsApi(client);
  const listId = KNOWN_LISTS.newsletter.listId;
  const pages = api.membershipPages(listId, { limit: 100 });
  const first = await pages.next();
  assert.equal(first.done, false);
  sandbox.admin.deleteList(listId);
  await assert.rejects(pages.next(), (error: unknown) => {
    assert.ok(isListGone(error));
    assert.ok(isAppError(error) && /no longer exists/.test(error.message));
    return true;
  });
  await assert.rejects(api.allMembers('999999'), isListGone);
  await assert.rejects(api.allMembers('12; DROP'), (error: unknown) => isAppError(error) && error.kind === 'bad-input' && !isListGone(error));
});

test('without crm.lists.read the error names the scope and what it adds', async (t) => {
  const { sandbox, client } = await apiWorld(t, { contacts: 10 });
  sandbox.admin.setGrantedScopes(['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.objects.owners.read']);
  const api = createListsApi(client);
  for (const call of [() => api.allContactLists(), () => api.allMembers(KNOWN_LISTS.vip.listId)]) {
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(isAppError(error));
      assert.equal(error.kind, 'missing-scope');
      assert.equal(error.details?.scope, 'crm.lists.read');
      assert.match(error.message, /^HubSpot lists can’t be used as filters: .*“crm\.lists\.read”/);
      return true;
    });
  }
});
