/** A feature's own tables (a schema part): created, migrated keeping their rows, emptied by clear, started over when unknown. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { clearSql, prepareSchema } from '../../../../electron/core/contacts/cache-schema.ts';
import type { SchemaPart } from '../../../../electron/core/contacts/cache-schema.ts';

function database(t: TestContext): DatabaseSync {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-schema-'));
  const db = new DatabaseSync(join(dir, 'contacts.sqlite'));
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

const listsV1: SchemaPart = { name: 'lists', version: 1, create: 'CREATE TABLE lists (id INTEGER PRIMARY KEY, name TEXT NOT NULL)', migrations: [], clear: 'DELETE FROM lists' };
const listsV2: SchemaPart = {
  ...listsV1,
  version: 2,
  create: 'CREATE TABLE lists (id INTEGER PRIMARY KEY, name TEXT NOT NULL, size INTEGER)',
  migrations: [{ from: 1, sql: 'ALTER TABLE lists ADD COLUMN size INTEGER' }],
};
const names = (db: DatabaseSync) => (db.prepare('SELECT name FROM lists ORDER BY id').all() as { name: string }[]).map((row) => row.name);

test('a part is created with the core, migrated keeping its rows, and emptied with the contacts', (t) => {
  const db = database(t);
  prepareSchema(db, [listsV1]);
  db.exec(`INSERT INTO lists (id, name) VALUES (1, 'Newsletter'); INSERT INTO contacts (id, properties, created_at, updated_at, generation) VALUES (5, '{}', 'c', 'u', 1)`);
  prepareSchema(db, [listsV2]);
  assert.deepEqual(names(db), ['Newsletter'], 'migrated, rows kept');
  db.exec('UPDATE lists SET size = 3');
  assert.equal((db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n, 1, 'the contacts are untouched');

  db.exec(clearSql([listsV2]));
  assert.deepEqual(names(db), []);
  assert.equal((db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n, 0);
});

test('a part at a version this app cannot migrate from starts the whole cache over', (t) => {
  const db = database(t);
  prepareSchema(db, [listsV2]);
  db.exec(`INSERT INTO lists (id, name, size) VALUES (1, 'From a newer app', 1); INSERT INTO contacts (id, properties, created_at, updated_at, generation) VALUES (5, '{}', 'c', 'u', 1)`);
  prepareSchema(db, [listsV1]);
  assert.deepEqual(names(db), []);
  assert.equal((db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n, 0, 'the next sync is a full one');
  assert.equal((db.prepare(`SELECT version FROM schema_parts WHERE name = 'lists'`).get() as { version: number }).version, 1);
});
