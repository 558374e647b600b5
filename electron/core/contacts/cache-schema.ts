/**
 * The cache's tables, and how a file from an earlier version is brought up to date.
 *
 * Storage: one row per contact with its properties as a JSON object, exactly as HubSpot sent them,
 * so adding a synced property needs no schema change and the export writes back the very values
 * HubSpot gave. The default properties' values are also in columns of their own, so a change to
 * one of them rewrites only its own index (value-columns.ts). Sorting stays fast through one index
 * per synced property (see cache-sorting.ts). Search is FTS5 over name, email and company (see
 * search-text.ts). The contact id is HubSpot's numeric hs_object_id and the table's INTEGER
 * PRIMARY KEY, which the search index and id-range counts reuse. The search index is kept by
 * cache-search.ts.
 *
 * Two kinds of tables:
 * - the core (contacts, properties, sync state): versioned by PRAGMA user_version. To change
 *   it, change `createCore`, raise CORE_VERSION and add a migration from the previous version.
 * - a feature's own tables (lists, owners…): a `SchemaPart` in the feature's module, listed in
 *   `schemaParts` below. Each part has its own version (kept in the schema_parts table) and
 *   migrations, and says how clear() empties it.
 * A file that cannot be migrated starts over: the cache can always be fetched again from HubSpot.
 */
import type { DatabaseSync } from 'node:sqlite';
import { OWNERS_SCHEMA } from './owners-store.ts';
import { listsSchemaPart } from './lists-store.ts';
import { addValueColumnsSql, valueColumnDefinitions } from './value-columns.ts';

export const CORE_VERSION = 3;

export interface Migration {
  /** Brings version `from` to `from + 1`. */
  from: number;
  sql: string;
}

export interface SchemaPart {
  /** Unique; names the part in schema_parts. */
  name: string;
  version: number;
  /** Creates the part's tables (at `version`) in a file that has none of them. */
  create: string;
  migrations: Migration[];
  /** Empties the part's tables (sign-out with "delete saved contacts", another portal). */
  clear: string;
}

/** Steps that bring the core of version `from` to `from + 1`, keeping its contacts. */
const coreMigrations: Migration[] = [
  // version 2 added the choices of enumeration properties
  { from: 1, sql: `ALTER TABLE properties ADD COLUMN options TEXT NOT NULL DEFAULT '[]'` },
  // version 3 gave the default properties columns of their own (value-columns.ts)
  { from: 2, sql: addValueColumnsSql() },
];

/** Features' tables: add `yourPart` (exported from your feature's module) here. */
export const schemaParts: readonly SchemaPart[] = [OWNERS_SCHEMA, listsSchemaPart];

/** Empties the core's tables (the search index is emptied with them by its own module). */
const CLEAR_CORE = 'DELETE FROM contacts; DELETE FROM properties; DELETE FROM sync_state';

function createCore(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE contacts (
      id INTEGER PRIMARY KEY,
      properties TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_ms INTEGER,
      generation INTEGER NOT NULL,
      ${valueColumnDefinitions().join(',\n      ')}
    ) STRICT;
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

/** The steps from `version` to `target`, or null when one is missing. */
function migrationsBetween(migrations: Migration[], version: number, target: number): Migration[] | null {
  const steps = [];
  for (let from = version; from < target; from++) {
    const step = migrations.find((candidate) => candidate.from === from);
    if (!step) return null;
    steps.push(step);
  }
  return steps;
}

function prepareCore(db: DatabaseSync): void {
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version === CORE_VERSION) return;
  const steps = version > 0 && version < CORE_VERSION ? migrationsBetween(coreMigrations, version, CORE_VERSION) : null;
  if (steps) {
    for (const step of steps) db.exec(step.sql);
  } else {
    dropEverything(db);
    createCore(db);
  }
  db.exec(`PRAGMA user_version = ${CORE_VERSION}`);
}

function preparePart(db: DatabaseSync, part: SchemaPart): void {
  const row = db.prepare('SELECT version FROM schema_parts WHERE name = ?').get(part.name) as { version: number } | undefined;
  if (row?.version === part.version) return;
  const steps = row && row.version < part.version ? migrationsBetween(part.migrations, row.version, part.version) : null;
  if (row && !steps) throw new Error(`The cache's "${part.name}" tables are at version ${row.version}, which cannot be brought to ${part.version}.`);
  db.exec(steps ? steps.map((step) => step.sql).join(';\n') : part.create);
  db.prepare('INSERT INTO schema_parts (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version').run(part.name, part.version);
}

/** Brings the file to the current core and parts in one transaction: migrated when it can be, else started over. */
export function prepareSchema(db: DatabaseSync, parts: readonly SchemaPart[] = schemaParts): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    prepareCore(db);
    db.exec('CREATE TABLE IF NOT EXISTS schema_parts (name TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
    try {
      for (const part of parts) preparePart(db, part);
    } catch {
      // a part that cannot be migrated (a newer app wrote it, or a step is missing): everything starts over
      dropEverything(db);
      db.exec('PRAGMA user_version = 0');
      prepareCore(db);
      db.exec('CREATE TABLE schema_parts (name TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
      for (const part of parts) preparePart(db, part);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** What clear() runs: the core's tables and every part's. */
export function clearSql(parts: readonly SchemaPart[] = schemaParts): string {
  return [CLEAR_CORE, ...parts.map((part) => part.clear)].join(';\n');
}
