/**
 * The writer: the one connection that changes the cache, in the writer worker. It keeps the sync
 * state in memory (read once, then changed only here) and wraps every change in a transaction
 * that carries the sync-state change with it, so a sync killed at any moment resumes from exactly
 * what was saved.
 */
import { AppError } from '../errors.ts';
import { openCacheConnection } from './cache-connection.ts';
import type { CacheConnection } from './cache-connection.ts';
import { cacheError } from './cache-errors.ts';
import { loadPropertyTypes, reconcileSortIndexes } from './cache-sorting.ts';
import { parseSyncState } from './sync-state.ts';
import type { SyncState } from './sync-state.ts';

export interface Writer {
  readonly conn: CacheConnection;
  /** The saved sync state, as of the last write (including one in progress). */
  state(): SyncState;
  typeOf(column: string): string;
  /** Runs `work` in one transaction; on failure nothing of it is kept, in the file or in memory. */
  transaction<T>(work: () => T): T;
  /** Saves these sync-state fields, in the transaction that is running. */
  writeSyncState(partial: Partial<SyncState> | undefined): void;
  /** Reads what the properties table says again (after it changed). */
  reloadPropertyTypes(): void;
  /** Forgets the sync state (the tables were emptied). */
  resetState(): void;
  close(): void;
}

function readSyncState(conn: CacheConnection): SyncState {
  const raw: Record<string, unknown> = {};
  for (const row of conn.statement('SELECT key, value FROM sync_state').all() as { key: string; value: string }[]) {
    try {
      raw[row.key] = JSON.parse(row.value);
    } catch {
      // a value that does not parse is left out; parseSyncState falls back to the initial state
    }
  }
  return parseSyncState(raw);
}

export function openWriter(path: string): Writer {
  const conn = openCacheConnection(path, 'writer');
  const { db } = conn;
  let state = readSyncState(conn);
  let typeOf = loadPropertyTypes(db);

  const writer: Writer = {
    conn,
    state: () => state,
    typeOf: (column) => typeOf(column),
    transaction(work) {
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        throw cacheError(error);
      }
      const stateBefore = state;
      try {
        const result = work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        // what this connection remembers must match what the database kept
        state = stateBefore;
        typeOf = loadPropertyTypes(db);
        throw cacheError(error);
      }
    },
    writeSyncState(partial) {
      if (!partial) return;
      if (!db.isTransaction) throw new AppError('internal', 'The sync state is only saved together with what it describes.');
      const next = parseSyncState({ ...state, ...partial });
      const upsert = conn.statement('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      for (const key of Object.keys(partial) as (keyof SyncState)[]) upsert.run(key, JSON.stringify(next[key]));
      const propertiesChanged = partial.syncedProperties !== undefined && JSON.stringify(partial.syncedProperties) !== JSON.stringify(state.syncedProperties);
      state = next;
      if (propertiesChanged) reconcileSortIndexes(db, state.syncedProperties, typeOf);
    },
    reloadPropertyTypes() {
      typeOf = loadPropertyTypes(db);
      reconcileSortIndexes(db, state.syncedProperties, typeOf);
    },
    resetState() {
      state = parseSyncState({});
    },
    close: () => conn.close(),
  };

  try {
    writer.transaction(() => reconcileSortIndexes(db, state.syncedProperties, typeOf));
    // SQLite's advice for long-lived connections; the limit keeps it quick on a million rows
    db.exec('PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002;');
  } catch (error) {
    conn.close();
    throw cacheError(error);
  }
  return writer;
}
