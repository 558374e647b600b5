/**
 * The local contact cache (node:sqlite, WAL). This module owns all of its SQL.
 *
 * Storage: one row per contact with its properties as a JSON object, exactly as HubSpot sent them,
 * so adding a synced property needs no schema change and the export writes back the very values
 * HubSpot gave. Sorting stays fast through one expression index per synced property on the same
 * expression the queries sort by (measured: 100 rows at offset 99,000 of 100,000 in ~4 ms); the
 * expression indexes cost no more to maintain than real columns with indexes did. Search is FTS5
 * over name, email and company (see search-text.ts). The contact id is HubSpot's numeric
 * hs_object_id and the table's INTEGER PRIMARY KEY, which the FTS rowid and id-range counts reuse.
 */
import { renameSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { StatementSync } from 'node:sqlite';
import { AppError } from '../errors.ts';
import type { ContactsPage, ContactsQuery, SortDirection } from '../../ipc/types.ts';
import { ftsQuery, searchableName, searchableText } from './search-text.ts';
import { isPropertyName, syncedPropertyList } from './synced-properties.ts';
import { initialSyncState, parseSyncState } from './sync-state.ts';
import type { SyncState } from './sync-state.ts';

export type { SyncState } from './sync-state.ts';

const SCHEMA_VERSION = 2;
/** Up to this many search matches are sorted directly; above, walking the sort index is cheaper. */
const SORT_MATCHES_DIRECTLY_UP_TO = 3000;
/** Each index slows every write (the default nine are most of a page's write time); beyond this many synced properties, sorting scans. */
const MAX_SORT_INDEXES = 20;
const SORT_INDEX_PREFIX = 'contacts_sort_';

export interface CachedContact {
  /** HubSpot's numeric contact id (hs_object_id). */
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  /** Archived contacts leave the cache. */
  archived?: boolean;
}

export interface PropertyOption {
  value: string;
  label: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  hidden: boolean;
  displayOrder: number;
  /** An enumeration's choices (empty for other types). */
  options: readonly PropertyOption[];
}

export interface RowsOptions {
  columns: string[];
  search: string;
  sort?: { column: string; direction: SortDirection };
}

export interface UpsertOutcome {
  /** Contacts whose values were written (unchanged ones and older versions than the cached one are not). */
  written: number;
  /** Contacts that did not carry the current sync generation before. */
  marked: number;
  /** Archived contacts removed. */
  removed: number;
}

export interface IdSpan {
  from: number;
  /** exclusive; null for no upper bound */
  end: number | null;
}

export interface ContactsCache {
  /** One transaction: the contacts and the sync-state change together. */
  upsertContacts(contacts: readonly CachedContact[], syncState?: Partial<SyncState>): UpsertOutcome;
  removeContacts(ids: readonly string[], syncState?: Partial<SyncState>): number;
  /** End of a full sync: removes every contact that does not carry the current generation. */
  removeUnmarked(syncState?: Partial<SyncState>): number;
  updateSyncState(syncState: Partial<SyncState>): void;
  replaceProperties(properties: readonly PropertyDefinition[]): void;
  properties(): PropertyDefinition[];
  propertyLabels(): Map<string, string>;
  query(query: ContactsQuery): ContactsPage;
  count(search?: string): number;
  /** Contacts with ids in the span; only those carrying the current generation when `marked`. */
  countIds(span: IdSpan, options?: { marked?: boolean }): number;
  idsIn(span: IdSpan): number[];
  /** The id at position `n` (from 0) among cached ids in the span, or null past the end. */
  nthId(span: IdSpan, n: number): number | null;
  /** Streams the cells of every matching row; for the export, on its own read-only connection. */
  rows(options: RowsOptions): IterableIterator<(string | null)[]>;
  syncState(): SyncState;
  lastSyncedAt(): number | null;
  /** Forgets every contact, property and sync state, and compacts the file so nothing is left on disk. */
  clear(): void;
  close(): void;
}

const sqliteCode = (error: unknown): number | undefined => {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code & 0xff : undefined;
};
const SQLITE_PERM = 3;
const SQLITE_READONLY = 8;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

function cacheError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  switch (sqliteCode(error)) {
    case SQLITE_FULL:
      return new AppError('disk-full', "The disk is full, so Contact Desk can't save contacts. Free up some space, then sync again.", { cause: error });
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
      return new AppError('permission-denied', "Contact Desk can't write to its data folder. Check that the folder exists and that you may change it, then restart Contact Desk.", { cause: error });
    default:
      return new AppError('internal', 'Contact Desk had a problem with its saved contacts. Restart it; if that does not help, sync again.', { cause: error });
  }
}

function parseOptions(json: string): PropertyOption[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((o): o is PropertyOption => typeof o?.value === 'string' && typeof o?.label === 'string') : [];
  } catch {
    return [];
  }
}

function checkColumn(name: string): string {
  if (!isPropertyName(name)) throw new AppError('bad-input', `"${name}" is not a contact property name.`);
  return name;
}

const valueOf = (column: string) => `json_extract(properties, '$."${column}"')`;

/** What rows sort by; indexes are created on exactly these expressions so the planner uses them. */
function sortKey(column: string, type: string): string {
  if (column === 'hs_object_id') return 'id';
  const value = `NULLIF(${valueOf(column)}, '')`;
  return type === 'number' ? `CAST(${value} AS REAL)` : `${value} COLLATE NOCASE`;
}

const defaultTypes: Record<string, string> = { hs_object_id: 'number', createdate: 'datetime', lastmodifieddate: 'datetime' };

function contactId(id: string): number {
  if (!/^\d{1,15}$/.test(id)) throw new AppError('internal', `A contact id from HubSpot is not a number (${JSON.stringify(id.slice(0, 20))}).`);
  return Number(id);
}

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
    PRAGMA user_version = ${SCHEMA_VERSION};
  `);
}

function dropEverything(db: DatabaseSync): void {
  const tables = (virtual: boolean) =>
    (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND (sql LIKE 'CREATE VIRTUAL%') = ?`).all(virtual ? 1 : 0) as { name: string }[]).map((row) => row.name);
  // virtual tables first: dropping one drops its shadow tables
  for (const name of [...tables(true), ...tables(false)]) db.exec(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
}

function openWritable(path: string): DatabaseSync {
  const open = () => {
    const db = new DatabaseSync(path, { timeout: 5000 });
    try {
      // a larger page cache than the 2 MB default: a sync writes to ten indexes at scattered places
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;');
      const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
      if (version === 1) {
        // Version 2 only added the options of enumeration properties: keep the contacts.
        db.exec(`BEGIN IMMEDIATE; ALTER TABLE properties ADD COLUMN options TEXT NOT NULL DEFAULT '[]'; PRAGMA user_version = ${SCHEMA_VERSION}; COMMIT;`);
      } else if (version !== SCHEMA_VERSION) {
        // The cache can always be refetched from HubSpot: a different layout starts over.
        db.exec('BEGIN IMMEDIATE');
        dropEverything(db);
        createSchema(db);
        db.exec('COMMIT');
      }
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  };
  try {
    return open();
  } catch (error) {
    const code = sqliteCode(error);
    if (code !== SQLITE_CORRUPT && code !== SQLITE_NOTADB) throw cacheError(error);
    // A damaged cache is set aside (not deleted, in case someone wants to look at it) and rebuilt.
    const aside = `${path}.damaged-${Date.now()}`;
    renameSync(path, aside);
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    try {
      return open();
    } catch (again) {
      throw cacheError(again);
    }
  }
}

export function openContactsCache(dbPath: string, options: { readOnly?: boolean } = {}): ContactsCache {
  const readOnly = options.readOnly ?? false;
  let db: DatabaseSync;
  try {
    db = readOnly ? new DatabaseSync(dbPath, { readOnly: true, timeout: 5000 }) : openWritable(dbPath);
  } catch (error) {
    throw cacheError(error);
  }

  const statements = new Map<string, StatementSync>();
  /** transactions begun on this connection; cached counts are valid while it stays the same */
  let writes = 0;
  /** Prepared once per distinct SQL text; the set of texts is small (columns × sort × search mode). */
  function statement(sql: string): StatementSync {
    let prepared = statements.get(sql);
    if (!prepared) {
      if (statements.size >= 200) statements.clear();
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  }

  function transaction<T>(work: () => T): T {
    if (readOnly) throw new AppError('internal', 'The export connection to the contact cache cannot change it.');
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw cacheError(error);
    }
    writes++;
    const stateBefore = state;
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      // what this connection remembers must match what the database kept
      state = stateBefore;
      loadPropertyTypes();
      throw cacheError(error);
    }
  }

  function readSyncState(): SyncState {
    const raw: Record<string, unknown> = {};
    for (const row of statement('SELECT key, value FROM sync_state').all() as { key: string; value: string }[]) {
      try {
        raw[row.key] = JSON.parse(row.value);
      } catch {
        // a value that does not parse is left out; parseSyncState falls back to the initial state
      }
    }
    return parseSyncState(raw);
  }

  let state: SyncState = readSyncState();
  let propertyTypes = new Map<string, string>();
  const loadPropertyTypes = () => {
    propertyTypes = new Map((statement('SELECT name, type FROM properties').all() as { name: string; type: string }[]).map((row) => [row.name, row.type]));
  };
  loadPropertyTypes();
  const typeOf = (column: string) => propertyTypes.get(column) ?? defaultTypes[column] ?? 'string';

  function reconcileSortIndexes(): void {
    const wanted = new Map<string, string>();
    const names = (state.syncedProperties ?? syncedPropertyList()).filter((name) => name !== 'hs_object_id' && isPropertyName(name));
    for (const name of names.slice(0, MAX_SORT_INDEXES)) {
      const type = typeOf(name) === 'number' ? 'number' : 'text';
      wanted.set(`${SORT_INDEX_PREFIX}${type}_${name}`, sortKey(name, type === 'number' ? 'number' : 'string'));
    }
    const existing = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND substr(name, 1, ${SORT_INDEX_PREFIX.length}) = '${SORT_INDEX_PREFIX}'`).all() as { name: string }[]).map((row) => row.name);
    for (const name of existing) if (!wanted.has(name)) db.exec(`DROP INDEX "${name}"`);
    for (const [name, key] of wanted) if (!existing.includes(name)) db.exec(`CREATE INDEX "${name}" ON contacts(${key})`);
  }

  function writeSyncState(partial: Partial<SyncState> | undefined): void {
    if (!partial) return;
    const next = parseSyncState({ ...state, ...partial });
    const upsert = statement('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    for (const key of Object.keys(partial) as (keyof SyncState)[]) upsert.run(key, JSON.stringify(next[key]));
    const propertiesChanged = partial.syncedProperties !== undefined && JSON.stringify(partial.syncedProperties) !== JSON.stringify(state.syncedProperties);
    state = next;
    if (propertiesChanged) reconcileSortIndexes();
  }

  if (!readOnly) {
    transaction(() => reconcileSortIndexes());
    // SQLite's advice for long-lived connections; the limit keeps it quick on a million rows
    db.exec('PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002;');
  }

  function deleteContact(id: number): boolean {
    const removed = statement('DELETE FROM contacts WHERE id = ?').run(id).changes > 0;
    if (removed) statement('DELETE FROM contacts_search WHERE rowid = ?').run(id);
    return removed;
  }

  function writeSearchText(id: number, properties: Record<string, string | null>): void {
    statement('INSERT OR REPLACE INTO contacts_search (rowid, name, email, company) VALUES (?, ?, ?, ?)').run(
      id,
      searchableName(properties.firstname, properties.lastname),
      searchableText(properties.email),
      searchableText(properties.company),
    );
  }

  /** Scrolling asks for the same count page after page; it only changes when this connection writes. */
  const counts = new Map<string, { writes: number; n: number }>();
  function countMatches(match: string | null): number {
    const key = match ?? '';
    const known = counts.get(key);
    if (known && known.writes === writes && !readOnly) return known.n;
    const n =
      match === null
        ? (statement('SELECT count(*) AS n FROM contacts').get() as { n: number }).n
        : (statement('SELECT count(*) AS n FROM contacts_search WHERE contacts_search MATCH ?').get(match) as { n: number }).n;
    if (counts.size >= 50) counts.clear();
    counts.set(key, { writes, n });
    return n;
  }

  /** The SELECT for query() and rows(); `match` decides how the FTS matches are combined. */
  function selectSql(cells: string[], withId: boolean, sort: RowsOptions['sort'], matchMode: 'none' | 'sort-matches' | 'walk-index'): string {
    const list = [...(withId ? ['id'] : []), ...cells.map(valueOf)].join(', ');
    const where =
      matchMode === 'none'
        ? ''
        : // `+id` keeps SQLite from driving the query by the matches, so it walks the sort index instead
          `WHERE ${matchMode === 'walk-index' ? '+id' : 'id'} IN (SELECT rowid FROM contacts_search WHERE contacts_search MATCH ?)`;
    let order = 'ORDER BY id';
    if (sort) {
      const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
      const key = sortKey(sort.column, typeOf(sort.column));
      order = key === 'id' ? `ORDER BY id ${direction}` : `ORDER BY ${key} ${direction} NULLS LAST, id ${direction}`;
    }
    return `SELECT ${list} FROM contacts ${where} ${order}`;
  }

  return {
    upsertContacts(contacts, syncState) {
      return transaction(() => {
        // a new generation in this same call applies to these contacts
        writeSyncState(syncState);
        const generation = state.generation;
        const outcome: UpsertOutcome = { written: 0, marked: 0, removed: 0 };
        const existing = statement('SELECT generation, updated_ms, properties FROM contacts WHERE id = ?');
        const insert = statement('INSERT INTO contacts (id, properties, created_at, updated_at, updated_ms, generation) VALUES (?, ?, ?, ?, ?, ?)');
        const update = statement('UPDATE contacts SET properties = ?, created_at = ?, updated_at = ?, updated_ms = ?, generation = ? WHERE id = ?');
        const mark = statement('UPDATE contacts SET generation = ? WHERE id = ?');
        // in id order: a page that came newest first would otherwise split half-empty B-tree pages (3× slower)
        const inIdOrder = contacts.map((contact) => ({ id: contactId(contact.id), contact })).sort((a, b) => a.id - b.id);
        for (const { id, contact } of inIdOrder) {
          if (contact.archived) {
            if (deleteContact(id)) outcome.removed++;
            continue;
          }
          const parsedMs = Date.parse(contact.updatedAt);
          const updatedMs = Number.isFinite(parsedMs) ? parsedMs : null;
          const json = JSON.stringify(contact.properties);
          const cached = existing.get(id) as { generation: number; updated_ms: number | null; properties: string } | undefined;
          if (!cached) {
            insert.run(id, json, contact.createdAt, contact.updatedAt, updatedMs, generation);
            writeSearchText(id, contact.properties);
            outcome.written++;
            outcome.marked++;
            continue;
          }
          if (cached.generation !== generation) outcome.marked++;
          // Search can lag behind: never replace a newer cached version with an older one. Unchanged
          // values only get the new generation, which leaves the sort and search indexes alone.
          const newer = updatedMs === null || cached.updated_ms === null || updatedMs >= cached.updated_ms;
          if (newer && (json !== cached.properties || updatedMs !== cached.updated_ms)) {
            update.run(json, contact.createdAt, contact.updatedAt, updatedMs, generation, id);
            writeSearchText(id, contact.properties);
            outcome.written++;
          } else if (cached.generation !== generation) {
            mark.run(generation, id);
          }
        }
        return outcome;
      });
    },

    removeContacts(ids, syncState) {
      return transaction(() => {
        let removed = 0;
        for (const id of ids) if (deleteContact(contactId(id))) removed++;
        writeSyncState(syncState);
        return removed;
      });
    },

    removeUnmarked(syncState) {
      return transaction(() => {
        const ids = (statement('DELETE FROM contacts WHERE generation <> ? RETURNING id').all(state.generation) as { id: number }[]).map((row) => row.id);
        const forget = statement('DELETE FROM contacts_search WHERE rowid = ?');
        for (const id of ids) forget.run(id);
        writeSyncState(syncState);
        return ids.length;
      });
    },

    updateSyncState(syncState) {
      transaction(() => writeSyncState(syncState));
    },

    replaceProperties(properties) {
      transaction(() => {
        statement('DELETE FROM properties').run();
        const insert = statement(
          'INSERT OR REPLACE INTO properties (name, label, type, field_type, group_name, description, hidden, display_order, options) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        );
        for (const p of properties) {
          if (!isPropertyName(p.name)) continue;
          const options = JSON.stringify(p.options.map(({ value, label }) => ({ value, label })));
          insert.run(p.name, p.label, p.type, p.fieldType, p.groupName, p.description, p.hidden ? 1 : 0, p.displayOrder, options);
        }
        loadPropertyTypes();
        reconcileSortIndexes();
      });
    },

    properties() {
      const rows = statement('SELECT * FROM properties ORDER BY label COLLATE NOCASE, name').all() as {
        name: string; label: string; type: string; field_type: string; group_name: string; description: string; hidden: number; display_order: number; options: string;
      }[];
      return rows.map((row) => ({
        name: row.name,
        label: row.label,
        type: row.type,
        fieldType: row.field_type,
        groupName: row.group_name,
        description: row.description,
        hidden: row.hidden === 1,
        displayOrder: row.display_order,
        options: parseOptions(row.options),
      }));
    },

    propertyLabels() {
      return new Map((statement('SELECT name, label FROM properties').all() as { name: string; label: string }[]).map((row) => [row.name, row.label]));
    },

    query(query) {
      const columns = query.columns.map(checkColumn);
      const sort = { column: checkColumn(query.sort.column), direction: query.sort.direction };
      const offset = Math.max(0, Math.floor(query.offset));
      const limit = Math.max(0, Math.floor(query.limit));
      try {
        const match = ftsQuery(query.search);
        const total = countMatches(match);
        if (limit === 0 || offset >= total) return { rows: [], total, offset };
        const mode = match === null ? 'none' : total <= SORT_MATCHES_DIRECTLY_UP_TO ? 'sort-matches' : 'walk-index';
        const select = statement(`${selectSql(columns, true, sort, mode)} LIMIT ? OFFSET ?`);
        select.setReturnArrays(true);
        const params = match === null ? [limit, offset] : [match, limit, offset];
        const rows = (select.all(...params) as unknown as [number, ...(string | null)[]][]).map(([id, ...cells]) => ({ id: String(id), cells }));
        return { rows, total, offset };
      } catch (error) {
        throw cacheError(error);
      }
    },

    count(search = '') {
      try {
        return countMatches(ftsQuery(search));
      } catch (error) {
        throw cacheError(error);
      }
    },

    countIds(span, options = {}) {
      const marked = options.marked ? 'AND generation = ?' : '';
      const end = span.end === null ? '' : 'AND id < ?';
      const params = [span.from, ...(span.end === null ? [] : [span.end]), ...(options.marked ? [state.generation] : [])];
      return (statement(`SELECT count(*) AS n FROM contacts WHERE id >= ? ${end} ${marked}`).get(...params) as { n: number }).n;
    },

    idsIn(span) {
      const end = span.end === null ? '' : 'AND id < ?';
      const params = [span.from, ...(span.end === null ? [] : [span.end])];
      return (statement(`SELECT id FROM contacts WHERE id >= ? ${end} ORDER BY id`).all(...params) as { id: number }[]).map((row) => row.id);
    },

    nthId(span, n) {
      const end = span.end === null ? '' : 'AND id < ?';
      const params = [span.from, ...(span.end === null ? [] : [span.end]), n];
      const row = statement(`SELECT id FROM contacts WHERE id >= ? ${end} ORDER BY id LIMIT 1 OFFSET ?`).get(...params) as { id: number } | undefined;
      return row?.id ?? null;
    },

    rows(options) {
      const columns = options.columns.map(checkColumn);
      const sort = options.sort ? { column: checkColumn(options.sort.column), direction: options.sort.direction } : undefined;
      const match = ftsQuery(options.search);
      // a fresh statement: several exports may iterate at once
      const select = db.prepare(selectSql(columns, false, sort, match === null ? 'none' : 'walk-index'));
      select.setReturnArrays(true);
      return (match === null ? select.iterate() : select.iterate(match)) as unknown as IterableIterator<(string | null)[]>;
    },

    syncState() {
      if (readOnly) state = readSyncState();
      return structuredClone(state);
    },

    lastSyncedAt() {
      if (readOnly) state = readSyncState();
      return state.lastSyncedAt;
    },

    clear() {
      transaction(() => {
        statement('DELETE FROM contacts').run();
        statement(`INSERT INTO contacts_search (contacts_search) VALUES ('delete-all')`).run();
        statement('DELETE FROM properties').run();
        statement('DELETE FROM sync_state').run();
        state = { ...initialSyncState };
        loadPropertyTypes();
        reconcileSortIndexes();
      });
      try {
        db.exec('VACUUM');
        db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      } catch (error) {
        throw cacheError(error);
      }
    },

    close() {
      statements.clear();
      if (db.isOpen) db.close();
    },
  };
}
