/**
 * The collation sort key inside the real cache: text columns sort in the user's language's order
 * through an index on the key (not a scan and a sort per page), and dropdowns keep their stored order.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openContactsCache } from '../../../../electron/core/contacts/cache.ts';
import { openReader } from '../../../../electron/core/contacts/cache-reader.ts';
import { orderBy, valueOf } from '../../../../electron/core/contacts/cache-sorting.ts';
import { sortKeyIndexTag } from '../../../../electron/core/contacts/sort-keys.ts';

const LAST_NAMES = ['Zieliński', 'Çelik', 'Álvarez', 'Bauer', 'Azevedo', 'cohen', 'Abbott', 'Øberg', 'Oz', 'Ödön', '王', 'Смирнова', 'Müller', 'Muller', 'Mueller', null, ''];

function tempCache(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-sort-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'contacts.sqlite');
  const cache = openContactsCache(path);
  t.after(() => cache.close());
  return { cache, path };
}

test('last names sort as Intl.Collator sorts them, blanks last, through an index on the sort key', async (t) => {
  const { cache, path } = tempCache(t);
  await cache.upsertContacts(LAST_NAMES.map((lastname, i) => ({ id: String(i + 1), properties: { hs_object_id: String(i + 1), lastname }, createdAt: 'x', updatedAt: 'x' })));
  const page = await cache.query({ search: '', sort: { column: 'lastname', direction: 'asc' }, columns: ['lastname'], offset: 0, limit: 100 });
  // Intl.Collator's full order: letters first, then accents (Muller before Müller), then case
  const collator = new Intl.Collator();
  const named = LAST_NAMES.filter((name): name is string => !!name);
  const shown = page.rows.map((row) => row.cells[0]);
  assert.deepEqual(shown.slice(0, named.length), [...named].sort(collator.compare));
  assert.deepEqual(shown.slice(named.length).map((cell) => cell ?? ''), ['', ''], 'blanks last');
  assert.ok(shown.indexOf('Álvarez') < shown.indexOf('Bauer'), 'Álvarez among the A\'s');
  const descending = await cache.query({ search: '', sort: { column: 'lastname', direction: 'desc' }, columns: ['lastname'], offset: 0, limit: 100 });
  assert.deepEqual(descending.rows.map((row) => row.cells[0]).slice(0, named.length), shown.slice(0, named.length).reverse());

  const reader = openReader(path);
  t.after(() => reader.close());
  const plan = reader.conn.db.prepare(`EXPLAIN QUERY PLAN SELECT id, ${valueOf('lastname')} FROM contacts ${orderBy({ column: 'lastname', direction: 'asc' }, (c) => reader.typeOf(c))} LIMIT 50 OFFSET 5`).all();
  const steps = plan.map((step) => String((step as { detail: string }).detail));
  assert.ok(steps.some((detail) => detail.includes(`contacts_sort_vkey${sortKeyIndexTag()}_lastname`)), steps.join(' / '));
  assert.ok(!steps.some((detail) => detail.includes('TEMP B-TREE')), `no sort per page: ${steps.join(' / ')}`);
});
