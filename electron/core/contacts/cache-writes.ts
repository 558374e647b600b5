/** What the sync writes into the cache (writer worker only): contacts, their search text, property definitions, the sync state. */
import { AppError } from '../errors.ts';
import type { CachedContact, PropertyDefinition, UpsertOutcome } from './cache-types.ts';
import { clearSql } from './cache-schema.ts';
import type { Writer } from './cache-writer.ts';
import { clearSearchIndex, indexContact, reindexContact, unindexContact } from './cache-search.ts';
import { isPropertyName } from './synced-properties.ts';
import { changedValueProperties, valueAssignments, valueColumnValues } from './value-columns.ts';
import type { SyncState } from './sync-state.ts';

function contactId(id: string): number {
  if (!/^\d{1,15}$/.test(id)) throw new AppError('internal', `A contact id from HubSpot is not a number (${JSON.stringify(id.slice(0, 20))}).`);
  return Number(id);
}

function deleteContact(w: Writer, id: number): boolean {
  const removed = w.conn.statement('DELETE FROM contacts WHERE id = ?').run(id).changes > 0;
  if (removed) unindexContact(w.conn, w.conn.searchIndex, id);
  return removed;
}

const INSERT_SQL = (() => {
  const values = valueColumnValues('?2');
  return `INSERT INTO contacts (id, properties, created_at, updated_at, updated_ms, generation, ${[...values.keys()].join(', ')}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ${[...values.values()].join(', ')})`;
})();

/** Only the value columns that changed are set: an index on a column left out is not rewritten (value-columns.ts). */
const updateSql = (changed: readonly string[]) =>
  `UPDATE contacts SET ${['properties = ?1', 'created_at = ?2', 'updated_at = ?3', 'updated_ms = ?4', 'generation = ?5', ...valueAssignments('?1', changed)].join(', ')} WHERE id = ?6`;

/** One contact into the cache: inserted, updated when newer and different, or only marked with the generation. */
function upsertOne(w: Writer, id: number, contact: CachedContact, generation: number, outcome: UpsertOutcome): void {
  const { statement } = w.conn;
  if (contact.archived) {
    if (deleteContact(w, id)) outcome.removed++;
    return;
  }
  const parsedMs = Date.parse(contact.updatedAt);
  const updatedMs = Number.isFinite(parsedMs) ? parsedMs : null;
  const json = JSON.stringify(contact.properties);
  const cached = statement('SELECT generation, updated_ms, properties FROM contacts WHERE id = ?').get(id) as { generation: number; updated_ms: number | null; properties: string } | undefined;
  if (!cached) {
    statement(INSERT_SQL).run(id, json, contact.createdAt, contact.updatedAt, updatedMs, generation);
    indexContact(w.conn, w.conn.searchIndex, id, contact.properties);
    outcome.written++;
    outcome.marked++;
    return;
  }
  if (cached.generation !== generation) outcome.marked++;
  // Search can lag behind: never replace a newer cached version with an older one. Unchanged
  // values only get the new generation, which leaves the sort and search indexes alone.
  const newer = updatedMs === null || cached.updated_ms === null || updatedMs >= cached.updated_ms;
  if (newer && (json !== cached.properties || updatedMs !== cached.updated_ms)) {
    const before = JSON.parse(cached.properties) as Record<string, string | null>;
    statement(updateSql(changedValueProperties(before, contact.properties))).run(json, contact.createdAt, contact.updatedAt, updatedMs, generation, id);
    reindexContact(w.conn, w.conn.searchIndex, id, before, contact.properties);
    outcome.written++;
  } else if (cached.generation !== generation) {
    statement('UPDATE contacts SET generation = ? WHERE id = ?').run(generation, id);
  }
}

/** The contacts and the sync-state change together, in the open batch (see cache-writer.ts). */
export function upsertContacts(w: Writer, contacts: readonly CachedContact[], syncState?: Partial<SyncState>): UpsertOutcome {
  return w.batched(() => {
    // a new generation in this same call applies to these contacts
    w.writeSyncState(syncState);
    const generation = w.state().generation;
    const outcome: UpsertOutcome = { written: 0, marked: 0, removed: 0 };
    // in id order: a page that came newest first would otherwise split half-empty B-tree pages (3× slower)
    const inIdOrder = contacts.map((contact) => ({ id: contactId(contact.id), contact })).sort((a, b) => a.id - b.id);
    for (const { id, contact } of inIdOrder) upsertOne(w, id, contact, generation, outcome);
    return outcome;
  });
}

export function removeContacts(w: Writer, ids: readonly string[], syncState?: Partial<SyncState>): number {
  return w.transaction(() => {
    let removed = 0;
    for (const id of ids) if (deleteContact(w, contactId(id))) removed++;
    w.writeSyncState(syncState);
    return removed;
  });
}

/** End of a full sync: removes every contact that does not carry the current generation. */
export function removeUnmarked(w: Writer, syncState?: Partial<SyncState>): number {
  return w.transaction(() => {
    const ids = (w.conn.statement('DELETE FROM contacts WHERE generation <> ? RETURNING id').all(w.state().generation) as { id: number }[]).map((row) => row.id);
    for (const id of ids) unindexContact(w.conn, w.conn.searchIndex, id);
    w.writeSyncState(syncState);
    return ids.length;
  });
}

/** A sync begins: writes refused after an earlier failure are taken again (see cache-writer.ts). */
export function resumeWrites(w: Writer): void {
  w.resumeWrites();
}

export function updateSyncState(w: Writer, syncState: Partial<SyncState>): void {
  w.transaction(() => w.writeSyncState(syncState));
}

export function replaceProperties(w: Writer, properties: readonly PropertyDefinition[]): void {
  w.transaction(() => {
    w.conn.statement('DELETE FROM properties').run();
    const insert = w.conn.statement(
      'INSERT OR REPLACE INTO properties (name, label, type, field_type, group_name, description, hidden, display_order, options) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const p of properties) {
      if (!isPropertyName(p.name)) continue;
      const options = JSON.stringify(p.options.map(({ value, label }) => ({ value, label })));
      insert.run(p.name, p.label, p.type, p.fieldType, p.groupName, p.description, p.hidden ? 1 : 0, p.displayOrder, options);
    }
    w.reloadPropertyTypes();
  });
}

/** Forgets every contact, property and sync state, and compacts the file so nothing is left on disk. */
export function clear(w: Writer): void {
  w.transaction(() => {
    w.conn.db.exec(clearSql());
    clearSearchIndex(w.conn.db, w.conn.searchIndex);
    w.resetState();
    w.reloadPropertyTypes();
  });
  w.withoutBackgroundCheckpoints(() => {
    w.conn.db.exec('VACUUM');
    w.conn.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  });
}
