import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, type TestContext } from 'node:test';
import { openContactsCache } from '../../../../electron/core/contacts/cache.ts';

function tempPath(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-lists-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'contacts.sqlite');
}

const contact = (id: number) => ({ id: String(id), properties: { hs_object_id: String(id), email: `p${id}@example.com` }, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' });

test('a cache from before lists gets the lists tables and keeps its contacts', async (t) => {
  const path = tempPath(t);
  const first = openContactsCache(path);
  await first.upsertContacts([1, 2, 3].map(contact));
  await first.close();
  const old = new DatabaseSync(path);
  // as the cache was before features had tables of their own
  old.exec('DROP TABLE list_members; DROP TABLE hubspot_lists; DROP TABLE owners; DROP TABLE owners_fetch; DROP TABLE schema_parts;');
  old.close();

  const cache = openContactsCache(path);
  t.after(() => cache.close());
  assert.equal(await cache.count(), 3);
  assert.deepEqual(await cache.readLists(), []);
  await cache.replaceListMembers('7', [1, 3], 1000);
  assert.deepEqual(await cache.readList('7'), {
    listId: '7', name: 'List 7', processingType: '', size: null, membersFetchedAt: 1000, cachedMembers: 2, problem: null, deleted: false,
  });
});

test('the catalogue marks lists HubSpot no longer has as deleted; clearing the cache forgets every list', async (t) => {
  const cache = openContactsCache(tempPath(t));
  t.after(() => cache.close());
  await cache.replaceListCatalogue([
    { listId: '1', name: 'Zebra fans', processingType: 'MANUAL', size: 2 },
    { listId: '2', name: 'ärzte', processingType: 'DYNAMIC', size: null },
  ]);
  await cache.replaceListMembers('1', [10, 11], 5);
  await cache.markListChosen('1', 5);
  await cache.replaceListCatalogue([{ listId: '2', name: 'Ärzte', processingType: 'DYNAMIC', size: 40 }]);
  const lists = await cache.readLists();
  assert.deepEqual(lists.map((list) => [list.listId, list.name, list.deleted, list.cachedMembers]), [
    ['2', 'Ärzte', false, 0],
    ['1', 'Zebra fans', true, 0],
  ]);
  assert.deepEqual(await cache.listsToRefresh(0, ['2']), ['2'], 'a deleted list is not refreshed');

  await cache.clear();
  assert.deepEqual(await cache.readLists(), []);
});
