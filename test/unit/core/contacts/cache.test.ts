import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { openContactsCache } from '../../../../electron/core/contacts/cache.ts';
import type { CachedContact, ContactsCache, ContactsCacheOptions, PropertyDefinition } from '../../../../electron/core/contacts/cache.ts';
import { count, propertyLabels, rows } from '../../../../electron/core/contacts/cache-queries.ts';
import { openReader } from '../../../../electron/core/contacts/cache-reader.ts';
import { orderBy } from '../../../../electron/core/contacts/cache-sorting.ts';
import { registerSqlFunctions } from '../../../../electron/core/contacts/sql-functions.ts';
import { isAppError } from '../../../../electron/core/errors.ts';
import type { ContactsQuery } from '../../../../electron/ipc/types.ts';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function openTemp(t: TestContext, options: ContactsCacheOptions = {}): { cache: ContactsCache; path: string; dir: string } {
  const dir = tempDir(t);
  const path = join(dir, 'contacts.sqlite');
  const cache = openContactsCache(path, options);
  t.after(() => cache.close());
  return { cache, path, dir };
}

function contact(id: number, properties: Record<string, string | null>, updatedAt = '2026-01-01T00:00:00.000Z'): CachedContact {
  return { id: String(id), properties: { hs_object_id: String(id), ...properties }, createdAt: '2025-01-01T00:00:00.000Z', updatedAt };
}

const page = (cache: ContactsCache, query: Partial<ContactsQuery>) =>
  cache.query({ search: '', sort: { column: 'hs_object_id', direction: 'asc' }, columns: ['firstname'], offset: 0, limit: 100, ...query });
const ids = (result: { rows: { id: string }[] }) => result.rows.map((row) => Number(row.id));

const property = (name: string, type: string, label = name, options: PropertyDefinition['options'] = []): PropertyDefinition => ({
  name, label, type, fieldType: 'text', groupName: 'g', description: '', hidden: false, displayOrder: 0, options,
});

test('answers the requested columns in order, a page at a time, with the total', async (t) => {
  const { cache } = openTemp(t);
  await cache.upsertContacts([1, 2, 3, 4, 5].map((id) => contact(id, { firstname: `F${id}`, email: `f${id}@x.example` })));
  const result = await page(cache, { columns: ['email', 'firstname', 'jobtitle'], offset: 1, limit: 2 });
  assert.equal(result.total, 5);
  assert.equal(result.offset, 1);
  assert.deepEqual(result.rows, [
    { id: '2', cells: ['f2@x.example', 'F2', null] },
    { id: '3', cells: ['f3@x.example', 'F3', null] },
  ]);
  assert.deepEqual((await page(cache, { offset: 5 })).rows, []);
});

test('sorts text ignoring case, puts blanks last in both directions, and numbers as numbers', async (t) => {
  const { cache } = openTemp(t);
  await cache.replaceProperties([property('lastname', 'string'), property('score', 'number')]);
  await cache.updateSyncState({ syncedProperties: ['lastname', 'score', 'hs_object_id'] });
  await cache.upsertContacts([
    contact(1, { lastname: 'beta', score: '10' }),
    contact(2, { lastname: null, score: '9' }),
    contact(3, { lastname: 'Alpha', score: '' }),
    contact(4, { lastname: '', score: '100' }),
    contact(5, { lastname: 'gamma', score: null }),
    contact(6, { lastname: 'alpha', score: '-1.5' }),
  ]);
  // alpha and Alpha are equal at the first pass; then, as Intl.Collator orders them, lower case first (issue 15)
  assert.deepEqual(ids(await page(cache, { sort: { column: 'lastname', direction: 'asc' } })), [6, 3, 1, 5, 2, 4]);
  assert.deepEqual(ids(await page(cache, { sort: { column: 'lastname', direction: 'desc' } })), [5, 1, 3, 6, 4, 2]);
  assert.deepEqual(ids(await page(cache, { sort: { column: 'score', direction: 'asc' } })), [6, 2, 1, 4, 3, 5]);
  assert.deepEqual(ids(await page(cache, { sort: { column: 'score', direction: 'desc' } })), [4, 1, 2, 6, 5, 3]);
  assert.deepEqual(ids(await page(cache, { sort: { column: 'hs_object_id', direction: 'desc' } })), [6, 5, 4, 3, 2, 1]);
});

test('paging through a sort with many ties returns every contact exactly once', async (t) => {
  const { cache } = openTemp(t);
  await cache.upsertContacts(Array.from({ length: 250 }, (_, i) => contact(i + 1, { company: ['Acme', 'acme', null, 'Zeta'][i % 4] ?? null })));
  for (const direction of ['asc', 'desc'] as const) {
    const seen: number[] = [];
    for (let offset = 0; offset < 250; offset += 37) seen.push(...ids(await page(cache, { sort: { column: 'company', direction }, offset, limit: 37 })));
    assert.equal(seen.length, 250);
    assert.equal(new Set(seen).size, 250);
  }
});

const people: [number, Record<string, string | null>][] = [
  [1, { firstname: 'José', lastname: 'Álvarez', email: 'jose.alvarez@acme-sample.example', company: 'Acme Sample, Inc.' }],
  [2, { firstname: '芳', lastname: '王', email: 'wang.fang@xingchen-tech.example', company: '北京星辰科技有限公司' }],
  [3, { firstname: '花子', lastname: '佐藤', email: 'hanako.sato@sakura-shoji.example', company: '株式会社さくら商事' }],
  [4, { firstname: 'Zoë', lastname: "O'Brien", email: "zoe.o'brien@best-widgets.example", company: 'The "Best" Widgets Co.' }],
  [5, { firstname: '민준', lastname: '김', email: 'minjun.kim@hanbit-soft.example', company: '(주)한빛소프트' }],
  [6, { firstname: 'Наталья', lastname: 'Смирнова', email: null, company: 'ООО «Ромашка»' }],
  [7, { firstname: 'สมชาย', lastname: 'ศรีสุข', email: null, company: 'บริษัท ไทยเทค จำกัด' }],
  [8, { firstname: 'Émile', lastname: 'Durand', email: 'emile@durand.example', company: 'Durand & Fils' }],
  [9, { firstname: 'Priya', lastname: 'Sharma', email: 'priya@sharma.example', company: null }],
];

for (const searchIndex of ['fts', 'words'] as const) {
  test(`search matches word prefixes in name, email and company, whatever the script or accents (${searchIndex} index)`, async (t) => {
    const { cache } = openTemp(t, { searchIndex });
    await cache.upsertContacts(people.map(([id, props]) => contact(id, props)));
    const found = async (search: string) => ids(await page(cache, { search }));
    assert.deepEqual(await found('jose'), [1]);
    assert.deepEqual(await found('ALVAR'), [1]);
    assert.deepEqual(await found('emil'), [8], 'accents ignored');
    assert.deepEqual(await found('émile'), [8]);
    assert.deepEqual(await found('jose.alv'), [1], 'email prefix');
    assert.deepEqual(await found('acme inc'), [1], 'every word must match');
    assert.deepEqual(await found('王'), [2]);
    assert.deepEqual(await found('王芳'), [2], 'Chinese name written family name first');
    assert.deepEqual(await found('佐藤'), [3]);
    assert.deepEqual(await found('藤'), [3], 'inside a Japanese name');
    assert.deepEqual(await found('さくら'), [3]);
    assert.deepEqual(await found('김'), [5]);
    assert.deepEqual(await found('한빛'), [5]);
    assert.deepEqual(await found('ศรี'), [7]);
    assert.deepEqual(await found('смир'), [6]);
    assert.deepEqual(await found("o'bri"), [4]);
    assert.deepEqual(await found('"best"'), [4]);
    assert.deepEqual(await found('durand'), [8]);
    assert.deepEqual(await found('sharma'), [9]);
    assert.deepEqual(await found('nobody'), []);
    assert.equal(await cache.count('jose'), 1);
    assert.equal(await cache.count(), people.length);
    assert.equal(await cache.count(''), people.length, 'nothing typed: everything');
    assert.equal(await cache.count('" * -'), 0, 'only punctuation typed: nothing');
  });

  test(`search input cannot break out into FTS5 syntax (${searchIndex} index)`, async (t) => {
    const { cache } = openTemp(t, { searchIndex });
    await cache.upsertContacts(people.map(([id, props]) => contact(id, props)));
    for (const search of ['"', 'a"b', 'NEAR(jose', 'jose OR 1', 'email:jose', '*', '^jose', 'jose AND', '(', ')', '{name}: x', '-jose', "'; DROP TABLE contacts; --"]) {
      await assert.doesNotReject(page(cache, { search }), search);
    }
    assert.equal(await cache.count(), people.length);
  });

  test(`what the user types never fails: punctuation alone matches nothing, control characters are dropped, long input copes (${searchIndex} index)`, async (t) => {
    const { cache } = openTemp(t, { searchIndex });
    await cache.upsertContacts(people.map(([id, props]) => contact(id, props)));
    for (const punctuation of ['"', '*', '(', '%', '\\', '" * ( % \\']) {
      assert.equal((await page(cache, { search: punctuation })).total, 0, punctuation);
    }
    assert.deepEqual(ids(await page(cache, { search: 'jo\u0000se' })), [1], 'NUL');
    assert.deepEqual(ids(await page(cache, { search: '\u0000\u0007jose\u200B' })), [1], 'control and format characters');
    assert.deepEqual(ids(await page(cache, { search: 'jose '.repeat(400) })), [1], '2,000 characters of the same word');
    const longAndVaried = Array.from({ length: 300 }, (_, i) => `w${i.toString(36)}`).join(' ');
    assert.equal((await page(cache, { search: longAndVaried })).total, 0, '300 different words');
    assert.equal(await cache.count('x'.repeat(5000)), 0);
  });

  test(`emoji and symbols are searchable (${searchIndex} index)`, async (t) => {
    const { cache } = openTemp(t, { searchIndex });
    await cache.upsertContacts([
      contact(1, { company: 'Pizza 🍕 Palace' }),
      contact(2, { company: 'Pizza🍕Express' }),
      contact(3, { company: 'Café ☕ Corner' }),
      contact(4, { company: 'Dollar$ Store', firstname: '👨‍👩‍👧 Family' }),
      contact(5, { company: 'Plain Pizza' }),
    ]);
    assert.deepEqual(ids(await page(cache, { search: '🍕' })), [1, 2]);
    assert.deepEqual(ids(await page(cache, { search: 'pizza 🍕' })), [1, 2]);
    assert.deepEqual(ids(await page(cache, { search: '☕' })), [3]);
    assert.deepEqual(ids(await page(cache, { search: '$' })), [4]);
    assert.deepEqual(ids(await page(cache, { search: '👨‍👩‍👧' })), [4]);
  });

  test(`large search results come back in the same order as small ones (${searchIndex} index)`, async (t) => {
    const { cache, path } = openTemp(t, { searchIndex });
    await cache.updateSyncState({ syncedProperties: ['lastname', 'company', 'hs_object_id'] });
    const names = ['delta', 'Alpha', null, 'charlie', 'bravo', ''];
    await cache.upsertContacts(Array.from({ length: 4000 }, (_, i) => contact(i + 1, { lastname: names[i % names.length] ?? null, company: i % 2 ? 'Acme' : 'Other' })));
    // 2,000 matches: above the size where the sort index is walked instead of sorting the matches
    const expected = Array.from({ length: 4000 }, (_, i) => i + 1)
      .filter((id) => (id - 1) % 2 === 1)
      .sort((a, b) => {
        const key = (id: number) => (names[(id - 1) % names.length] || null)?.toLowerCase() ?? null;
        const [ka, kb] = [key(a), key(b)];
        if (ka === kb) return b - a;
        if (ka === null) return 1;
        if (kb === null) return -1;
        return ka < kb ? 1 : -1;
      });
    const all: number[] = [];
    for (let offset = 0; offset < 2000; offset += 500) all.push(...ids(await page(cache, { search: 'acme', sort: { column: 'lastname', direction: 'desc' }, offset, limit: 500 })));
    assert.deepEqual(all, expected);
    const reader = openReader(path);
    t.after(() => reader.close());
    const streamed = [...rows(reader, { columns: ['hs_object_id'], search: 'acme', sort: { column: 'lastname', direction: 'desc' } })].map((row) => Number(row[0]));
    assert.deepEqual(streamed, expected);
  });

  test(`an archived contact leaves the cache and the search (${searchIndex} index)`, async (t) => {
    const { cache } = openTemp(t, { searchIndex });
    await cache.upsertContacts([contact(1, { firstname: 'Keep' }), contact(2, { firstname: 'Gone' })]);
    const outcome = await cache.upsertContacts([{ ...contact(2, { firstname: 'Gone' }), archived: true }]);
    assert.equal(outcome.removed, 1);
    assert.deepEqual(ids(await page(cache, {})), [1]);
    assert.equal(await cache.count('gone'), 0);
    assert.equal(await cache.removeContacts(['1', '99']), 1);
    assert.equal(await cache.count(), 0);
    assert.equal(await cache.count('keep'), 0);
  });

  test(`an older version never replaces a newer one, and search follows the values (${searchIndex} index)`, async (t) => {
    const { cache } = openTemp(t, { searchIndex });
    await cache.upsertContacts([contact(1, { firstname: 'Newer' }, '2026-02-01T00:00:00.000Z')]);
    const stale = await cache.upsertContacts([contact(1, { firstname: 'Older' }, '2026-01-01T00:00:00.000Z')]);
    assert.equal(stale.written, 0);
    assert.deepEqual((await page(cache, {})).rows[0]?.cells, ['Newer']);
    await cache.upsertContacts([contact(1, { firstname: 'Newest' }, '2026-03-01T00:00:00Z')]);
    assert.deepEqual((await page(cache, {})).rows[0]?.cells, ['Newest']);
    assert.equal(await cache.count('newer'), 0);
    assert.equal(await cache.count('newest'), 1);
  });

  test(`a full sync generation marks what it saw and sweeps the rest, search rows included (${searchIndex} index)`, async (t) => {
    const { cache } = openTemp(t, { searchIndex });
    await cache.upsertContacts([1, 2, 3].map((id) => contact(id, { firstname: `Old${id}` })), { generation: 1 });
    const first = await cache.upsertContacts([contact(1, { firstname: 'Old1' }), contact(4, { firstname: 'New4' })], { generation: 2 });
    assert.equal(first.marked, 2);
    assert.equal((await cache.upsertContacts([contact(1, { firstname: 'Old1' })])).marked, 0, 'already marked');
    assert.equal(await cache.countIds({ from: 0, end: null }, { marked: true }), 2);
    assert.equal(await cache.removeUnmarked({ lastFullSyncAt: 123 }), 2);
    assert.deepEqual(ids(await page(cache, {})), [1, 4]);
    assert.equal(await cache.count('old2'), 0);
    assert.equal((await cache.syncState()).lastFullSyncAt, 123);
  });
}

test('an update that leaves the searchable text alone leaves the search index alone (a full sync that adds a column rewrites every contact)', async (t) => {
  const { cache, path } = openTemp(t, { searchIndex: 'fts' });
  await cache.upsertContacts([contact(1, { firstname: 'Ada', lastname: 'Lovelace', jobtitle: 'Analyst' })]);
  const searchData = () => {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      return JSON.stringify(db.prepare('SELECT CAST(id AS TEXT) AS id, hex(block) AS block FROM contacts_search_data ORDER BY id').all());
    } finally {
      db.close();
    }
  };
  const before = searchData();
  const outcome = await cache.upsertContacts([contact(1, { firstname: 'Ada', lastname: 'Lovelace', jobtitle: 'Engineer', city: 'London' }, '2026-02-01T00:00:00.000Z')]);
  assert.equal(outcome.written, 1);
  assert.deepEqual((await page(cache, { columns: ['jobtitle'] })).rows[0]?.cells, ['Engineer']);
  assert.equal(searchData(), before);
  await cache.upsertContacts([contact(1, { firstname: 'Ada', lastname: 'King', jobtitle: 'Engineer', city: 'London' }, '2026-03-01T00:00:00.000Z')]);
  assert.notEqual(searchData(), before);
  assert.equal(await cache.count('king'), 1);
  assert.equal(await cache.count('lovelace'), 0);
});

test('contacts and the sync state are written together or not at all', async (t) => {
  const { cache, path } = openTemp(t);
  await cache.upsertContacts([contact(1, { firstname: 'A' })], { watermark: 1000 });
  await assert.rejects(
    cache.upsertContacts([contact(2, { firstname: 'B' }), { ...contact(3, {}), id: 'not-a-number' }], { watermark: 2000 }),
    (error) => isAppError(error),
  );
  assert.equal(await cache.count(), 1);
  assert.equal((await cache.syncState()).watermark, 1000);
  await cache.close();
  const reopened = openContactsCache(path);
  t.after(() => reopened.close());
  assert.equal((await reopened.syncState()).watermark, 1000);
  assert.equal(await reopened.count(), 1);
});

test('id spans count, list and split the cached ids', async (t) => {
  const { cache } = openTemp(t);
  await cache.upsertContacts([5, 10, 15, 20, 1_000_000_000_001].map((id) => contact(id, {})));
  assert.equal(await cache.countIds({ from: 10, end: 20 }), 2);
  assert.equal(await cache.countIds({ from: 10, end: null }), 4);
  assert.deepEqual(await cache.idsIn({ from: 0, end: 16 }), [5, 10, 15]);
  assert.equal(await cache.nthId({ from: 6, end: null }, 2), 20);
  assert.equal(await cache.nthId({ from: 6, end: 12 }, 1), null);
  assert.deepEqual(ids(await page(cache, { sort: { column: 'hs_object_id', direction: 'desc' }, limit: 1 })), [1_000_000_000_001]);
});

test('a read connection (the export\'s) streams rows while the writer keeps writing, and cannot write', async (t) => {
  const { cache, path } = openTemp(t);
  await cache.replaceProperties([property('firstname', 'string', 'First Name')]);
  await cache.upsertContacts(Array.from({ length: 300 }, (_, i) => contact(i + 1, { firstname: `Name${String(i + 1).padStart(3, '0')}`, email: i === 7 ? 'special@x.example' : null })));
  const reader = openReader(path);
  t.after(() => reader.close());
  assert.equal(propertyLabels(reader).get('firstname'), 'First Name');
  const streaming = rows(reader, { columns: ['hs_object_id', 'firstname'], search: '', sort: { column: 'firstname', direction: 'desc' } });
  const first = streaming.next();
  assert.deepEqual(first.value, ['300', 'Name300']);
  await cache.upsertContacts([contact(301, { firstname: 'Name999' })]);
  const rest = [...streaming];
  assert.equal(rest.length, 299, 'the reader keeps the snapshot it started with');
  assert.deepEqual([...rows(reader, { columns: ['email'], search: 'special' })], [['special@x.example']]);
  assert.equal(count(reader), 301, 'a new read sees the new row');
  assert.equal(await cache.count(), 301, 'and so does the table\'s reader');
  assert.throws(() => reader.conn.db.exec('DELETE FROM contacts'), /readonly/i);
});

test('clear() forgets everything and leaves no contact data in the files', async (t) => {
  const { cache, dir } = openTemp(t);
  await cache.replaceProperties([property('firstname', 'string', 'First Name')]);
  await cache.upsertContacts(Array.from({ length: 500 }, (_, i) => contact(i + 1, { firstname: `Unforgettable${i}`, email: `secret${i}@leak.example` })), { watermark: 5, lastFullSyncAt: 6 });
  await cache.clear();
  assert.equal(await cache.count(), 0);
  assert.deepEqual(await cache.properties(), []);
  assert.equal((await cache.syncState()).lastFullSyncAt, null);
  for (const file of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, file));
    assert.equal(bytes.includes('Unforgettable'), false, `${file} still holds a name`);
    assert.equal(bytes.includes('leak.example'), false, `${file} still holds an email`);
  }
  await cache.upsertContacts([contact(1, { firstname: 'Again' })]);
  assert.equal(await cache.count('again'), 1);
});

test('a damaged cache file is set aside and a new one started', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'contacts.sqlite');
  writeFileSync(path, 'this is not a database '.repeat(200));
  const cache = openContactsCache(path);
  t.after(() => cache.close());
  assert.equal(await cache.count(), 0);
  await cache.upsertContacts([contact(1, { firstname: 'Fresh' })]);
  assert.equal(await cache.count('fresh'), 1);
  assert.ok(readdirSync(dir).some((name) => name.startsWith('contacts.sqlite.damaged-')));
});

test('a cache from another version of the app starts over, so the next sync is a full one', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'contacts.sqlite');
  const old = new DatabaseSync(path);
  old.exec("CREATE TABLE contacts (id TEXT, data TEXT); INSERT INTO contacts VALUES ('1', 'x'); PRAGMA user_version = 99;");
  old.close();
  const cache = openContactsCache(path);
  t.after(() => cache.close());
  assert.equal(await cache.count(), 0);
  assert.equal((await cache.syncState()).lastFullSyncAt, null);
});

test('property definitions are kept for the column chooser and the export header', async (t) => {
  const { cache } = openTemp(t);
  await cache.replaceProperties([property('lastname', 'string', 'Last Name'), property('firstname', 'string', 'First Name'), property('bad name!', 'string')]);
  assert.deepEqual((await cache.properties()).map((p) => p.name), ['firstname', 'lastname']);
  assert.equal((await cache.propertyLabels()).get('lastname'), 'Last Name');
  await cache.replaceProperties([property('email', 'string', 'Email')]);
  assert.deepEqual((await cache.properties()).map((p) => p.label), ['Email']);
});

test('the choices of an enumeration property are kept with their labels', async (t) => {
  const { cache } = openTemp(t);
  const stages = [{ value: 'marketingqualifiedlead', label: 'Marketing Qualified Lead' }, { value: 'lead', label: 'Lead' }];
  await cache.replaceProperties([property('lifecyclestage', 'enumeration', 'Lifecycle Stage', stages), property('firstname', 'string')]);
  assert.deepEqual((await cache.properties()).find((p) => p.name === 'lifecyclestage')?.options, stages);
  assert.deepEqual((await cache.properties()).find((p) => p.name === 'firstname')?.options, []);
});

test('a cache from the version before enumeration labels keeps its contacts and sync state', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'contacts.sqlite');
  const first = openContactsCache(path);
  await first.upsertContacts([contact(1, { firstname: 'Kept' })], { lastFullSyncAt: 1234 });
  await first.close();
  // what version 1 looked like: the same tables without properties.options or the value columns
  const old = new DatabaseSync(path);
  withoutValueColumns(old);
  old.exec('ALTER TABLE properties DROP COLUMN options; PRAGMA user_version = 1;');
  old.close();

  const cache = openContactsCache(path);
  t.after(() => cache.close());
  assert.equal(await cache.count('kept'), 1);
  assert.equal((await cache.syncState()).lastFullSyncAt, 1234);
  await cache.replaceProperties([property('lifecyclestage', 'enumeration', 'Lifecycle Stage', [{ value: 'lead', label: 'Lead' }])]);
  assert.deepEqual((await cache.properties())[0]?.options, [{ value: 'lead', label: 'Lead' }]);
});

/** Takes a current file back to the layout before version 3: no value columns, so no indexes on them. */
function withoutValueColumns(db: DatabaseSync): void {
  for (const { name } of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'contacts\\_sort\\_v%' ESCAPE '\\'").all() as { name: string }[]) db.exec(`DROP INDEX "${name}"`);
  for (const { name } of db.prepare("SELECT name FROM pragma_table_info('contacts') WHERE name LIKE 'v\\_%' ESCAPE '\\'").all() as { name: string }[]) db.exec(`ALTER TABLE contacts DROP COLUMN "${name}"`);
}

test('a cache from before the value columns keeps its contacts, and sorts on indexes of the new columns', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'contacts.sqlite');
  const first = openContactsCache(path);
  await first.upsertContacts([contact(1, { lastname: 'Zhou', lifecyclestage: 'lead' }), contact(2, { lastname: 'Álvarez', lifecyclestage: 'customer' }), contact(3, { lastname: 'Berg' })], { lastFullSyncAt: 1234 });
  await first.close();
  // version 2: the values in the JSON alone, with a sort index on it
  const old = new DatabaseSync(path);
  withoutValueColumns(old);
  old.exec(`CREATE INDEX contacts_sort_text_lifecyclestage ON contacts(NULLIF(json_extract(properties, '$."lifecyclestage"'), '') COLLATE NOCASE); PRAGMA user_version = 2;`);
  old.close();

  const cache = openContactsCache(path);
  t.after(() => cache.close());
  assert.equal((await cache.syncState()).lastFullSyncAt, 1234);
  assert.deepEqual(ids(await page(cache, { sort: { column: 'lastname', direction: 'asc' } })), [2, 3, 1]);
  await cache.close();

  const db = new DatabaseSync(path, { readOnly: true });
  t.after(() => db.close());
  const indexes = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'contacts_sort_%'").all() as { name: string }[]).map((row) => row.name);
  assert.ok(indexes.some((name) => /^contacts_sort_v\w+_lifecyclestage$/.test(name)), indexes.join(', '));
  assert.ok(!indexes.includes('contacts_sort_text_lifecyclestage'), 'the index on the JSON is dropped');
  registerSqlFunctions(db);
  const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM contacts ${orderBy({ column: 'lastname', direction: 'asc' }, () => 'string')} LIMIT 10`).all() as { detail: string }[];
  assert.match(plan.map((step) => step.detail).join('; '), /USING (COVERING )?INDEX contacts_sort_v\w+_lastname/);
  assert.deepEqual(db.prepare('SELECT id, v_lastname, v_lifecyclestage FROM contacts ORDER BY id').all().map((row) => ({ ...row })), [
    { id: 1, v_lastname: 'Zhou', v_lifecyclestage: 'lead' },
    { id: 2, v_lastname: 'Álvarez', v_lifecyclestage: 'customer' },
    { id: 3, v_lastname: 'Berg', v_lifecyclestage: null },
  ]);
});

test('a column that is not a property name is refused in plain words', async (t) => {
  const { cache, path } = openTemp(t);
  await assert.rejects(page(cache, { columns: ["firstname') --"] }), (error) => isAppError(error) && error.kind === 'bad-input');
  await assert.rejects(page(cache, { sort: { column: 'x y', direction: 'asc' } }), (error) => isAppError(error) && error.kind === 'bad-input');
  const reader = openReader(path);
  t.after(() => reader.close());
  assert.throws(() => rows(reader, { columns: ['a"b'], search: '' }), (error) => isAppError(error) && error.kind === 'bad-input');
});

test('a cache from before symbols were searchable is re-indexed when it opens, keeping its contacts', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'contacts.sqlite');
  // the layout version 2 had, with the tokenizer that left symbols out
  const old = new DatabaseSync(path);
  old.exec(`
    CREATE TABLE contacts (id INTEGER PRIMARY KEY, properties TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_ms INTEGER, generation INTEGER NOT NULL) STRICT;
    CREATE VIRTUAL TABLE contacts_search USING fts5(name, email, company, content = '', contentless_delete = 1, tokenize = "unicode61 remove_diacritics 2", prefix = '1 2');
    CREATE TABLE properties (name TEXT PRIMARY KEY, label TEXT NOT NULL, type TEXT NOT NULL, field_type TEXT NOT NULL, group_name TEXT NOT NULL, description TEXT NOT NULL, hidden INTEGER NOT NULL, display_order INTEGER NOT NULL, options TEXT NOT NULL DEFAULT '[]') STRICT;
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    INSERT INTO contacts VALUES (7, '{"firstname":"Luigi","company":"Pizza 🍕 Palace"}', 'c', 'u', NULL, 1);
    INSERT INTO contacts_search (rowid, name, email, company) VALUES (7, 'Luigi ', '', 'Pizza 🍕 Palace');
    INSERT INTO sync_state VALUES ('lastFullSyncAt', '1234');
    PRAGMA user_version = 2;
  `);
  old.close();
  const cache = openContactsCache(path);
  t.after(() => cache.close());
  assert.equal(await cache.count('🍕'), 1);
  assert.equal(await cache.count('luigi'), 1);
  assert.equal((await cache.syncState()).lastFullSyncAt, 1234);
});

test('switching between the full-text index and the word index rebuilds it from the contacts; the word index is logged once', async (t) => {
  const path = join(tempDir(t), 'contacts.sqlite');
  const lines: string[] = [];
  const log = { info: (message: string) => void lines.push(message), warn: (message: string) => void lines.push(message), error: (message: string) => void lines.push(message) };
  const cafe = (id: number) => contact(id, { firstname: `Person${id}`, company: 'Café ☕' });
  const round = async (options: ContactsCacheOptions, added: number, expected: number) => {
    const cache = openContactsCache(path, { log, ...options });
    await cache.upsertContacts([cafe(added)]);
    assert.equal(await cache.count('☕'), expected, `${options.searchIndex ?? 'fts'}`);
    assert.equal(await cache.count('person'), expected);
    await cache.close();
  };
  await round({}, 1, 1);
  await round({ searchIndex: 'words' }, 2, 2);
  await round({}, 3, 3);
  assert.deepEqual(lines, ['Search uses the word index (chosen by an option)']);
});
