/**
 * The cache's tables, and how a file from an earlier version is brought up to date.
 *
 * Storage: one row per contact with its properties as a JSON object, exactly as HubSpot sent them,
 * so adding a synced property needs no schema change and the export writes back the very values
 * HubSpot gave. Sorting stays fast through one expression index per synced property (see
 * cache-sorting.ts). Search is FTS5 over name, email and company (see search-text.ts). The contact
 * id is HubSpot's numeric hs_object_id and the table's INTEGER PRIMARY KEY, which the FTS rowid
 * and id-range counts reuse.
 *
 * To add a table or column: add it to `createSchema`, raise SCHEMA_VERSION, and add a migration
 * from the previous version (a file that cannot be migrated starts over: the cache can always be
 * fetched again from HubSpot).
 */
import type { DatabaseSync } from 'node:sqlite';

export const SCHEMA_VERSION = 2;

/** Steps that bring a file of version `from` to `from + 1`, keeping its contacts. */
const migrations: { from: number; sql: string }[] = [
  // version 2 added the choices of enumeration properties
  { from: 1, sql: `ALTER TABLE properties ADD COLUMN options TEXT NOT NULL DEFAULT '[]'` },
];

function createSchema(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE contacts (
      id INTEGER PRIMARY KEY,
      properties TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_ms INTEGER,
      generation INTEGER NOT NULL
    ) STRICT;
    CREATE VIRTUAL TABLE contacts_search USING fts5(
      name, email, company,
      content = '', contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 2",
      prefix = '1 2'
    );
    CREATE TABLE properties (
      name TEXT PRIMARY KEY,
      label TEXT NOT NULL,
      type TEXT NOT NULL,
      field_type TEXT NOT NULL,
      group_name TEXT NOT NULL,
      description TEXT NOT NULL,
      hidden INTEGER NOT NULL,
      display_order INTEGER NOT NULL,
      options TEXT NOT NULL DEFAULT '[]'
    ) STRICT;
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `);
}

function dropEverything(db: DatabaseSync): void {
  const tables = (virtual: boolean) =>
    (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND (sql LIKE 'CREATE VIRTUAL%') = ?`).all(virtual ? 1 : 0) as { name: string }[]).map((row) => row.name);
  // virtual tables first: dropping one drops its shadow tables
  for (const name of [...tables(true), ...tables(false)]) db.exec(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
}

/** The steps from `version` to SCHEMA_VERSION, or null when one is missing. */
function migrationsFrom(version: number): { from: number; sql: string }[] | null {
  const steps = [];
  for (let from = version; from < SCHEMA_VERSION; from++) {
    const step = migrations.find((candidate) => candidate.from === from);
    if (!step) return null;
    steps.push(step);
  }
  return steps;
}

/** Brings the file to SCHEMA_VERSION in one transaction: migrated when it can be, else started over. */
export function prepareSchema(db: DatabaseSync): void {
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version === SCHEMA_VERSION) return;
  const steps = version > 0 && version < SCHEMA_VERSION ? migrationsFrom(version) : null;
  db.exec('BEGIN IMMEDIATE');
  try {
    if (steps) {
      for (const step of steps) db.exec(step.sql);
    } else {
      dropEverything(db);
      createSchema(db);
    }
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
