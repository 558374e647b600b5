/**
 * A page of search results is read one of three ways (cache-queries.ts: sorting the matches, walking
 * the sort index, or first trying the start of the index). Whichever is used, the rows are the same:
 * these searches are laid out so each way is taken (matches spread through the sort, gathered at its
 * end, mostly at its end with a few at its start) and every page is compared with the plain order.
 * A reader remembers the last matches it sorted (sorted-matches.ts): narrower searches, other sorts
 * and a changed cache are compared with the plain order too.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openContactsCache, type CachedContact } from '../../../../electron/core/contacts/cache.ts';
import { query } from '../../../../electron/core/contacts/cache-queries.ts';
import { openReader } from '../../../../electron/core/contacts/cache-reader.ts';

const CONTACTS = 5000;

/** Last names changed by a test. */
const renamed = new Map<number, string>();

/** Last name and company of contact `id` (1-based). */
function person(id: number): { lastname: string; company: string } {
  const plain = firstPerson(id);
  return { ...plain, lastname: renamed.get(id) ?? plain.lastname };
}

function firstPerson(id: number): { lastname: string; company: string } {
  // three at the very start of the sort work at Zed Works: the start of the index holds a few of its matches
  if (id <= 3) return { lastname: 'Aaa', company: 'Zed Works' };
  // an Aaa elsewhere, and one more at a Zed
  if (id === 4) return { lastname: 'Aaa', company: 'Other' };
  if (id === 6) return { lastname: 'Aaz', company: 'Zed Annex' };
  // 100 "Zed" (sorted last), about 1,000 "Yam" (just before them), the rest spread over A… names, every fifth at Spread Co
  if (id % 50 === 0) return { lastname: 'Zed', company: 'Zed Works' };
  if (id % 5 === 1) return { lastname: 'Yam', company: 'Yam Traders' };
  const lastname = `A${String.fromCharCode(98 + (id % 24))}${String.fromCharCode(97 + ((id * 7) % 26))}`;
  return { lastname, company: id % 5 === 2 ? 'Spread Co' : 'Other' };
}

function contact(id: number): CachedContact {
  return { id: String(id), properties: { hs_object_id: String(id), ...person(id) }, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
}

/** The contacts with a word of their last name or company starting with `search`, sorted by last name then id, as plainly as it can be said. */
function expectedOrder(search: string, direction: 'asc' | 'desc'): number[] {
  const words = (id: number) => `${person(id).lastname} ${person(id).company}`.toLowerCase().split(' ');
  const ids = Array.from({ length: CONTACTS }, (_, i) => i + 1).filter((id) => words(id).some((word) => word.startsWith(search)));
  const ascending = ids.sort((a, b) => (person(a).lastname < person(b).lastname ? -1 : person(a).lastname > person(b).lastname ? 1 : a - b));
  return direction === 'asc' ? ascending : ascending.reverse();
}

for (const searchIndex of ['fts', 'words'] as const) {
  test(`every page of a search is the same rows in the same order, however it is read (${searchIndex} index)`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'contact-desk-search-pages-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'contacts.sqlite');
    const cache = openContactsCache(path, { searchIndex });
    t.after(() => cache.close());
    await cache.updateSyncState({ syncedProperties: ['lastname', 'company', 'hs_object_id'] });
    await cache.upsertContacts(Array.from({ length: CONTACTS }, (_, i) => contact(i + 1)));
    const reader = openReader(path);
    t.after(() => reader.close());
    for (const search of ['zed', 'yam', 'spread']) {
      for (const direction of ['asc', 'desc'] as const) {
        const expected = expectedOrder(search, direction);
        for (const limit of [10, 100]) {
          for (const offset of [0, limit, Math.max(0, expected.length - limit - 3)]) {
            const page = query(reader, { search, sort: { column: 'lastname', direction }, columns: ['lastname'], offset, limit });
            assert.equal(page.total, expected.length, `${search} ${direction}: total`);
            assert.deepEqual(page.rows.map((row) => Number(row.id)), expected.slice(offset, offset + limit), `${search} ${direction} rows ${offset}+${limit}`);
          }
        }
      }
    }
  });
}

test('a reader that remembers sorted matches reads narrower searches, other sorts and a changed cache as if it did not', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-search-narrowing-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'contacts.sqlite');
  const cache = openContactsCache(path);
  t.after(() => cache.close());
  await cache.updateSyncState({ syncedProperties: ['lastname', 'company', 'hs_object_id'] });
  await cache.upsertContacts(Array.from({ length: CONTACTS }, (_, i) => contact(i + 1)));
  const reader = openReader(path);
  t.after(() => reader.close());
  const check = (search: string, direction: 'asc' | 'desc', offset = 0) => {
    const expected = expectedOrder(search, direction);
    const page = query(reader, { search, sort: { column: 'lastname', direction }, columns: ['lastname'], offset, limit: 10 });
    assert.equal(page.total, expected.length, `${search} ${direction}: total`);
    assert.deepEqual(page.rows.map((row) => Number(row.id)), expected.slice(offset, offset + 10), `${search} ${direction} from ${offset}`);
  };
  // "zed": 104 contacts, sorted (the start of the index has too few of them) and remembered
  check('zed', 'asc');
  check('zed', 'asc', 50);
  // Zed Works, all but Zed Annex: a narrower search, read from the remembered order
  check('works', 'asc');
  check('zed', 'asc');
  // fewer matches, but one of the four Aaa works elsewhere
  check('aaa', 'asc');
  check('zed', 'asc');
  // as few matches, none of them among Zed's
  check('abb', 'asc');
  check('zed', 'asc');
  check('zed', 'desc');
  check('zed', 'asc');
  // the last Zed renamed Aab now sorts near the start, although "zed" still finds the same contacts
  renamed.set(5000, 'Aab');
  t.after(() => renamed.clear());
  await cache.upsertContacts([contact(5000)]);
  check('zed', 'asc');
  check('works', 'asc');
});
