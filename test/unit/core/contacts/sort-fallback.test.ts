import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openContactsCache, type CachedContact, type ContactsCache, type PropertyDefinition } from '../../../../electron/core/contacts/cache.ts';
import { rows } from '../../../../electron/core/contacts/cache-queries.ts';
import { openReader } from '../../../../electron/core/contacts/cache-reader.ts';
import type { ContactsQuery } from '../../../../electron/ipc/types.ts';

const property = (name: string, type = 'string'): PropertyDefinition => ({
  name, label: name, type, fieldType: 'text', groupName: 'g', description: '', hidden: false, displayOrder: 0, options: [],
});
const contact = (id: number, properties: Record<string, string | null>): CachedContact => ({
  id: String(id), properties: { hs_object_id: String(id), ...properties }, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
});

/** Five contacts whose "favourite_colour" (a property HubSpot once had) would order them 4, 2, 5, 1, 3. */
async function cacheWithStaleColumn(t: TestContext): Promise<{ cache: ContactsCache; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-sort-fallback-'));
  const path = join(dir, 'contacts.sqlite');
  const cache = openContactsCache(path);
  t.after(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await cache.updateSyncState({ syncedProperties: ['hs_object_id', 'lastname', 'favourite_colour'] });
  const colours = ['red', 'blue', 'yellow', 'amber', 'green'];
  await cache.upsertContacts(colours.map((colour, i) => contact(i + 1, { lastname: `L${5 - i}`, favourite_colour: colour })));
  return { cache, path };
}

const page = (cache: ContactsCache, sort: ContactsQuery['sort']) => cache.query({ search: '', sort, columns: ['lastname', 'favourite_colour'], offset: 0, limit: 100 });
const ids = (result: { rows: { id: string }[] }) => result.rows.map((row) => Number(row.id));

test('a sort on a property HubSpot no longer lists falls back to the default order, and the answer says why', async (t) => {
  const { cache } = await cacheWithStaleColumn(t);
  await cache.replaceProperties([property('hs_object_id', 'number'), property('lastname')]);
  for (const direction of ['asc', 'desc'] as const) {
    const result = await page(cache, { column: 'favourite_colour', direction });
    assert.deepEqual(ids(result), [1, 2, 3, 4, 5], `default order, ${direction}`);
    assert.equal(result.sortIssue?.column, 'favourite_colour');
    assert.match(result.sortIssue?.reason ?? '', /“favourite_colour”.*no longer exists in HubSpot.*usual order/);
  }
  // past the last row, the answer still says it
  assert.equal((await cache.query({ search: '', sort: { column: 'favourite_colour', direction: 'asc' }, columns: ['lastname'], offset: 50, limit: 10 })).sortIssue?.column, 'favourite_colour');
  // a property HubSpot still lists sorts, with nothing to say
  const byName = await page(cache, { column: 'lastname', direction: 'asc' });
  assert.deepEqual(ids(byName), [5, 4, 3, 2, 1]);
  assert.equal(byName.sortIssue, undefined);
  assert.deepEqual(ids(await page(cache, { column: 'hs_object_id', direction: 'desc' })), [5, 4, 3, 2, 1]);
});

test('while HubSpot still lists the property, or before any definitions arrived, the sort applies', async (t) => {
  const { cache } = await cacheWithStaleColumn(t);
  const before = await page(cache, { column: 'favourite_colour', direction: 'asc' });
  assert.deepEqual(ids(before), [4, 2, 5, 1, 3]);
  assert.equal(before.sortIssue, undefined);
  await cache.replaceProperties([property('lastname'), property('favourite_colour')]);
  const listed = await page(cache, { column: 'favourite_colour', direction: 'desc' });
  assert.deepEqual(ids(listed), [3, 1, 5, 2, 4]);
  assert.equal(listed.sortIssue, undefined);
});

test('the export streams such a view in the default order too, without an error', async (t) => {
  const { cache, path } = await cacheWithStaleColumn(t);
  await cache.replaceProperties([property('lastname')]);
  const reader = openReader(path);
  t.after(() => reader.close());
  const streamed = [...rows(reader, { columns: ['hs_object_id'], search: '', sort: { column: 'favourite_colour', direction: 'desc' } })].map((row) => Number(row[0]));
  assert.deepEqual(streamed, [1, 2, 3, 4, 5]);
  const listedSort = [...rows(reader, { columns: ['hs_object_id'], search: '', sort: { column: 'lastname', direction: 'asc' } })].map((row) => Number(row[0]));
  assert.deepEqual(listedSort, [5, 4, 3, 2, 1]);
});

test('the troubleshooting guide quotes the sentence', async (t) => {
  const { cache } = await cacheWithStaleColumn(t);
  await cache.replaceProperties([property('lastname')]);
  const reason = (await page(cache, { column: 'favourite_colour', direction: 'asc' })).sortIssue?.reason ?? '';
  const guide = readFileSync(new URL('../../../../docs/troubleshooting.md', import.meta.url), 'utf8').replaceAll('\n', ' ');
  assert.ok(guide.includes(reason.replace('favourite_colour', '…')), reason);
});
