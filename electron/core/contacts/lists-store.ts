/**
 * HubSpot's contact lists in the cache: the catalogue (names, sizes) and the members of the lists
 * someone chose, so a list filter works offline. A list's members are replaced in one statement
 * batch that the caller runs in one transaction, only after every page was fetched: a refresh that
 * fails half-way leaves the previous members in place.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ListInfo } from '../../ipc/types.ts';

export interface ListRecord {
  listId: string;
  name: string;
  processingType: string;
  size: number | null;
}

export const LISTS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS hubspot_lists (
    list_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    processing_type TEXT NOT NULL,
    size INTEGER,
    members_fetched_at INTEGER,
    chosen_at INTEGER,
    problem TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE IF NOT EXISTS list_members (
    list_id TEXT NOT NULL,
    contact_id INTEGER NOT NULL,
    PRIMARY KEY (list_id, contact_id)
  ) STRICT, WITHOUT ROWID;
`;

export function createListsSchema(db: DatabaseSync): void {
  db.exec(LISTS_SCHEMA);
}

/** The catalogue as HubSpot has it now: new lists added, names and sizes updated, missing ones marked deleted. */
export function replaceListCatalogue(db: DatabaseSync, lists: readonly ListRecord[]): void {
  const upsert = db.prepare(`
    INSERT INTO hubspot_lists (list_id, name, processing_type, size, deleted) VALUES (?, ?, ?, ?, 0)
    ON CONFLICT (list_id) DO UPDATE SET name = excluded.name, processing_type = excluded.processing_type, size = excluded.size, deleted = 0`);
  for (const list of lists) upsert.run(list.listId, list.name, list.processingType, list.size);
  const present = JSON.stringify(lists.map((list) => list.listId));
  db.prepare('UPDATE hubspot_lists SET deleted = 1 WHERE list_id NOT IN (SELECT value FROM json_each(?))').run(present);
  db.prepare('DELETE FROM list_members WHERE list_id IN (SELECT list_id FROM hubspot_lists WHERE deleted = 1)').run();
}

/** Every member of one list, replacing what was cached; clears the list's problem. */
export function replaceListMembers(db: DatabaseSync, listId: string, contactIds: readonly number[], fetchedAt: number): void {
  db.prepare('DELETE FROM list_members WHERE list_id = ?').run(listId);
  const insert = db.prepare('INSERT OR IGNORE INTO list_members (list_id, contact_id) VALUES (?, ?)');
  for (const id of contactIds) insert.run(listId, id);
  db.prepare('UPDATE hubspot_lists SET members_fetched_at = ?, problem = NULL WHERE list_id = ?').run(fetchedAt, listId);
}

/** The last refresh failed: the previous members stay, and the list says why. */
export function recordListProblem(db: DatabaseSync, listId: string, problem: string): void {
  db.prepare('UPDATE hubspot_lists SET problem = ? WHERE list_id = ?').run(problem, listId);
}

export function markListDeleted(db: DatabaseSync, listId: string): void {
  db.prepare('UPDATE hubspot_lists SET deleted = 1 WHERE list_id = ?').run(listId);
  db.prepare('DELETE FROM list_members WHERE list_id = ?').run(listId);
}

/** Someone chose the list: its members are refreshed with each sync for a while (see list-sync.ts). */
export function markListChosen(db: DatabaseSync, listId: string, at: number): void {
  db.prepare('UPDATE hubspot_lists SET chosen_at = ? WHERE list_id = ?').run(at, listId);
}

/** Lists whose members are kept fresh: chosen since `since`, or in `alsoIds` (used by saved views). */
export function listsToRefresh(db: DatabaseSync, since: number, alsoIds: readonly string[]): string[] {
  const rows = db
    .prepare('SELECT list_id FROM hubspot_lists WHERE deleted = 0 AND (chosen_at >= ? OR list_id IN (SELECT value FROM json_each(?))) ORDER BY list_id')
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
export function readLists(db: DatabaseSync): ListInfo[] {
  return (db.prepare(`${listSelect} ORDER BY l.deleted, l.name COLLATE NOCASE, l.list_id`).all() as unknown as ListRow[]).map(toInfo);
}

export function readList(db: DatabaseSync, listId: string): ListInfo | null {
  const row = db.prepare(`${listSelect} WHERE l.list_id = ?`).get(listId) as unknown as ListRow | undefined;
  return row ? toInfo(row) : null;
}

/** Forgets every list (sign-out with "delete cached contacts", or another HubSpot account). */
export function clearLists(db: DatabaseSync): void {
  db.exec('DELETE FROM list_members; DELETE FROM hubspot_lists;');
}
