import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createContactGenerator } from '../../../sandbox/contacts-data.ts';
import { QueryIndex, buildIndexPart, buildQueryIndex } from '../../../sandbox/query-index.ts';
import { search } from '../../../sandbox/search.ts';
import { ContactStore } from '../../../sandbox/store.ts';

const END = Date.parse('2026-06-01T00:00:00Z');
const QUERIES = ['smith', 'a', 'ZHANG', 'müller', '王', 'example.net', '+44', 'inc. llc', 'jose.alvarez@', '\u0000=', 'no-such-thing-at-all', '007 bond'];

function ids(result: { contacts: { id: string }[]; total: number }): [number, string[]] {
  return [result.total, result.contacts.map((c) => c.id)];
}

test('a query finds the same contacts with the index as by looking at every contact, changed ones included', async () => {
  const source = { seed: 5, total: 3000, endMs: END };
  const store = new ContactStore(createContactGenerator(source));
  store.update(10, { firstname: 'Zebedee', lastname: 'Smith' }, END + 1);
  store.update(11, { company: 'nothing searchable' }, END + 2);
  store.create({ firstname: 'Brand', lastname: 'New', email: 'brand.new@example.net' }, END + 3);
  store.archive(12, END + 4);
  const index = await buildQueryIndex(source);
  for (const query of [...QUERIES, 'zebedee', 'brand.new']) {
    for (const sorts of [undefined, [{ propertyName: 'lastname', direction: 'DESCENDING' }]]) {
      const body = { query, limit: 50, after: '0', ...(sorts ? { sorts } : {}), filterGroups: query === 'a' ? [{ filters: [{ propertyName: 'hs_object_id', operator: 'LT', value: '2000' }] }] : [] };
      const matches = await index.match(query.toLowerCase().split(/\s+/));
      assert.deepEqual(ids(search(store, body, 10_000, END + 10, 0, matches)), ids(search(store, body, 10_000, END + 10)), `${JSON.stringify(query)} ${JSON.stringify(sorts)}`);
    }
  }
});

test('with the index, deciding which contacts match generates none of them', async () => {
  const source = { seed: 1, total: 5000, endMs: END };
  const generator = createContactGenerator(source);
  let generated = 0;
  const counting = { ...generator, reader: (id: number) => (generated++, generator.reader(id)) };
  const store = new ContactStore(counting);
  const index = await buildQueryIndex(source);
  const result = search(store, { query: 'example', limit: 100 }, 10_000, END, 0, await index.match(['example']));
  assert.ok(result.total > 1000);
  assert.equal(generated, 0);
  search(store, { query: 'example', limit: 100 }, 10_000, END);
  assert.ok(generated >= 5000, 'without it, every contact is generated');
});

test('the index kept in a worker thread (big sandboxes) answers as the one made here', async (t) => {
  const source = { seed: 2, total: 4000, endMs: END };
  const fromWorker = await buildQueryIndex(source, { inThreadLimit: 0 });
  t.after(() => fromWorker.close());
  const part = buildIndexPart(source, 1, source.total);
  const here = new QueryIndex(part.text, part.starts);
  for (const query of QUERIES) {
    const words = query.toLowerCase().split(/\s+/);
    assert.deepEqual(await fromWorker.match(words), here.match(words), query);
  }
  assert.ok(here.match(['smith']).some((bit) => bit === 1));
});
