/**
 * HubSpot's contact lists in the cache (worker side): the catalogue (names, sizes) and the members
 * of the lists someone chose, so a List filter works offline. A list's members are replaced in one
 * transaction, and only after every page was fetched (views/list-sync.ts): a refresh that fails
 * half-way leaves the previous members in place.
 */
import type { ListInfo } from '../../ipc/types.ts';
import type { Reader } from './cache-reader.ts';
import type { SchemaPart } from './cache-schema.ts';
import type { Writer } from './cache-writer.ts';

export interface ListRecord {
  listId: string;
  name: string;
  processingType: string;
  size: number | null;
}

/** The lists' tables, a part of the cache's schema (cache-schema.ts). */
export const listsSchemaPart: SchemaPart = {
  name: 'lists',
  version: 1,
  create: `
  CREATE TABLE hubspot_lists (
    list_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    processing_type TEXT NOT NULL,
    size INTEGER,
    members_fetched_at INTEGER,
    chosen_at INTEGER,
    problem TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE list_members (
    list_id TEXT NOT NULL,
    contact_id INTEGER NOT NULL,
    PRIMARY KEY (list_id, contact_id)
  ) STRICT, WITHOUT ROWID;
`,
  migrations: [],
  // with the contacts: sign-out with "delete saved contacts", or another HubSpot account
  clear: 'DELETE FROM list_members; DELETE FROM hubspot_lists;',
};

/** The catalogue as HubSpot has it now: new lists added, names and sizes updated, missing ones marked deleted. */
export function replaceListCatalogue(w: Writer, lists: readonly ListRecord[]): void {
  w.transaction(() => {
    const upsert = w.conn.statement(`
      INSERT INTO hubspot_lists (list_id, name, processing_type, size, deleted) VALUES (?, ?, ?, ?, 0)
      ON CONFLICT (list_id) DO UPDATE SET name = excluded.name, processing_type = excluded.processing_type, size = excluded.size, deleted = 0`);
    for (const list of lists) upsert.run(list.listId, list.name, list.processingType, list.size);
    const present = JSON.stringify(lists.map((list) => list.listId));
    w.conn.statement('UPDATE hubspot_lists SET deleted = 1 WHERE list_id NOT IN (SELECT value FROM json_each(?))').run(present);
    w.conn.statement('DELETE FROM list_members WHERE list_id IN (SELECT list_id FROM hubspot_lists WHERE deleted = 1)').run();
  });
}

/** Every member of one list, replacing what was cached, in one transaction; clears the list's problem. */
export function replaceListMembers(w: Writer, listId: string, contactIds: readonly number[], fetchedAt: number): void {
  w.transaction(() => {
    w.conn.statement('DELETE FROM list_members WHERE list_id = ?').run(listId);
    const insert = w.conn.statement('INSERT OR IGNORE INTO list_members (list_id, contact_id) VALUES (?, ?)');
    for (const id of contactIds) insert.run(listId, id);
    // a list fetched before the catalogue knew it still gets a row, so its members are found
    w.conn.statement(`INSERT INTO hubspot_lists (list_id, name, processing_type) VALUES (?, ?, '') ON CONFLICT (list_id) DO NOTHING`).run(listId, `List ${listId}`);
    w.conn.statement('UPDATE hubspot_lists SET members_fetched_at = ?, problem = NULL, deleted = 0 WHERE list_id = ?').run(fetchedAt, listId);
  });
}

/** The last refresh failed: the previous members stay, and the list says why. */
export function recordListProblem(w: Writer, listId: string, problem: string): void {
  w.transaction(() => w.conn.statement('UPDATE hubspot_lists SET problem = ? WHERE list_id = ?').run(problem, listId));
}

export function markListDeleted(w: Writer, listId: string): void {
  w.transaction(() => {
    w.conn.statement('UPDATE hubspot_lists SET deleted = 1 WHERE list_id = ?').run(listId);
    w.conn.statement('DELETE FROM list_members WHERE list_id = ?').run(listId);
  });
}

/** Someone chose the list: its members are refreshed with each sync for a while (see list-sync.ts). */
export function markListChosen(w: Writer, listId: string, at: number): void {
  w.transaction(() => w.conn.statement('UPDATE hubspot_lists SET chosen_at = ? WHERE list_id = ?').run(at, listId));
}

/** Lists whose members are kept fresh: chosen since `since`, or in `alsoIds` (used by saved views). */
export function listsToRefresh(r: Reader, since: number, alsoIds: readonly string[]): string[] {
  const rows = r.conn
    .statement('SELECT list_id FROM hubspot_lists WHERE deleted = 0 AND (chosen_at >= ? OR list_id IN (SELECT value FROM json_each(?))) ORDER BY list_id')
    .all(since, JSON.stringify(alsoIds)) as { list_id: string }[];
  return rows.map((row) => row.list_id);
}

interface ListRow {
  list_id: string;
  name: string;
  processing_type: string;
  size: number | null;
  members_fetched_at: number | null;
  problem: string | null;
  deleted: number;
  cached_members: number;
}

const toInfo = (row: ListRow): ListInfo => ({
  listId: row.list_id,
  name: row.name,
  processingType: row.processing_type,
  size: row.size,
  membersFetchedAt: row.members_fetched_at,
  cachedMembers: row.cached_members,
  problem: row.problem,
  deleted: row.deleted === 1,
});

const listSelect = `
  SELECT l.*, (SELECT count(*) FROM list_members m WHERE m.list_id = l.list_id) AS cached_members
  FROM hubspot_lists l`;

/** The catalogue by name (deleted lists last), for the List filter. */
export function readLists(r: Reader): ListInfo[] {
  return (r.conn.statement(`${listSelect} ORDER BY l.deleted, l.name COLLATE NOCASE, l.list_id`).all() as unknown as ListRow[]).map(toInfo);
}

export function readList(r: Reader, listId: string): ListInfo | null {
  const row = r.conn.statement(`${listSelect} WHERE l.list_id = ?`).get(listId) as unknown as ListRow | undefined;
  return row ? toInfo(row) : null;
}
