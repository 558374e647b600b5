/**
 * Owners in the real cache (through its workers): replaced at each sync, read back for the owner
 * filter, emptied with the contacts, and used to show the Contact owner column by name.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openContactsCache } from '../../../../electron/core/contacts/cache.ts';
import type { StoredOwner } from '../../../../electron/core/contacts/owners-store.ts';

function tempCache(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-owners-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cache = openContactsCache(join(dir, 'contacts.sqlite'));
  t.after(() => cache.close());
  return cache;
}

const owner = (id: string, firstName: string | null, lastName: string | null, email: string | null, archived = false): StoredOwner => ({
  id, userId: `u${id}`, email, firstName, lastName, archived, type: 'PERSON',
});

const ownerColumn = async (cache: ReturnType<typeof tempCache>) =>
  (await cache.queryShown({ search: '', sort: { column: 'hs_object_id', direction: 'asc' }, columns: ['hubspot_owner_id'], offset: 0, limit: 10 })).rows.map((row) => row.cells[0]);

test('the owner column shows names once owners are cached, ids before and without the scope', async (t) => {
  const cache = tempCache(t);
  await cache.upsertContacts(['101', '102', '103', '999', null].map((ownerId, i) => ({
    id: String(i + 1), properties: { hs_object_id: String(i + 1), hubspot_owner_id: ownerId }, createdAt: 'x', updatedAt: 'x',
  })));
  assert.deepEqual(await ownerColumn(cache), ['101', '102', '103', '999', ''], 'not fetched yet: the ids');
  assert.deepEqual(await cache.readOwners(), { available: false, fetchedAt: null, owners: [] });

  const owners = [owner('101', 'Ada', 'Lovelace', 'ada@example.com'), owner('102', null, null, 'queue@example.com'), owner('103', 'Grace', 'Hopper', null, true)];
  assert.equal(await cache.replaceOwners(owners, 1000), 3);
  assert.deepEqual(await ownerColumn(cache), ['Ada Lovelace', 'queue@example.com', 'Grace Hopper', 'Unknown owner (999)', '']);
  const read = await cache.readOwners();
  assert.equal(read.available, true);
  assert.equal(read.fetchedAt, 1000);
  assert.deepEqual(read.owners, owners);

  // The next sync finds the scope gone: the names go, the ids come back.
  await cache.replaceOwners(null, 2000);
  assert.deepEqual(await ownerColumn(cache), ['101', '102', '103', '999', '']);
  assert.deepEqual(await cache.readOwners(), { available: false, fetchedAt: 2000, owners: [] });
});

test('owners are emptied with the contacts (sign-out with "delete saved contacts", another portal)', async (t) => {
  const cache = tempCache(t);
  await cache.replaceOwners([owner('101', 'Ada', 'Lovelace', null)], 1000);
  await cache.clear();
  assert.deepEqual(await cache.readOwners(), { available: false, fetchedAt: null, owners: [] });
});
