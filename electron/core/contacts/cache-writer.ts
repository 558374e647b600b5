/**
 * The writer: the one connection that changes the cache, in the writer worker. It keeps the sync
 * state in memory (read once, then changed only here) and writes every change in the same
 * transaction as the sync-state change that describes it, so a sync killed at any moment resumes
 * from exactly what was saved.
 *
 * Pages of contacts are batched: while more are waiting to be written, they join the open
 * transaction, and it commits when none are waiting, after MAX_BATCH_PAGES, or before any other
 * change. Answers to calls made while a batch is open wait for its commit (onBatchEnd), so an
 * answered write is on disk. A page that fails, or a commit that fails (a full disk), undoes the
 * whole batch — rows and sync state together — and every call in it fails with that error, so the
 * sync stops and later resumes from what was committed.
 *
 * After such a failure, and in a writer that replaced one that crashed, batched writes are refused
 * until the next sync begins (resumeWrites): pages the stopping sync still sends carry resume
 * points that count the lost pages as written, and must not be kept.
 */
import { startCheckpointer } from './cache-checkpointer.ts';
import type { CheckpointerOptions } from './cache-checkpointer.ts';
import { openCacheConnection } from './cache-connection.ts';
import type { CacheConnection, WriterOptions } from './cache-connection.ts';
import { cacheError } from './cache-errors.ts';
import { loadPropertyTypes, reconcileSortIndexes } from './cache-sorting.ts';
import { parseSyncState } from './sync-state.ts';
import type { SyncState } from './sync-state.ts';
import { AppError } from '../errors.ts';

/** Pages per transaction at most, so a kill loses little and readers see progress. */
const MAX_BATCH_PAGES = 20;

export interface Writer {
  readonly conn: CacheConnection;
  /** The saved sync state, as of the last write (including writes not committed yet). */
  state(): SyncState;
  typeOf(column: string): string;
  /** Runs `work` in a transaction of its own (after committing the open batch); on failure nothing of it is kept. */
  transaction<T>(work: () => T): T;
  /** Runs `work` in the open batch (opening one); it commits later (see above). */
  batched<T>(work: () => T): T;
  batchOpen(): boolean;
  /** Called once the open batch has committed (null) or failed to. */
  onBatchEnd(listener: (failure: AppError | null) => void): void;
  /** Resolves once the background checkpointer has copied what was committed into the file (for tests). */
  checkpointsDone(): Promise<void>;
  /** Runs `work` with the background checkpointer stopped (a checkpoint that must empty the WAL needs it to be the only one). */
  withoutBackgroundCheckpoints<T>(work: () => T): T;
  /** A sync begins: batched writes are taken again after a failure. */
  resumeWrites(): void;
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

export interface OpenWriterOptions extends WriterOptions {
  /** Refuse batched writes until resumeWrites (this writer replaces one that stopped), with this error. */
  refuseWrites?: AppError;
  checkpointer?: CheckpointerOptions;
}

function beginImmediate(db: CacheConnection['db']): void {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    throw cacheError(error);
  }
}

/** Saves the changed keys of the sync state in the open transaction; returns the state as it now is. */
function saveSyncState(conn: CacheConnection, state: SyncState, partial: Partial<SyncState>): SyncState {
  if (!conn.db.isTransaction) throw new AppError('internal', 'The sync state is only saved together with what it describes.');
  const next = parseSyncState({ ...state, ...partial });
  const upsert = conn.statement('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const key of Object.keys(partial) as (keyof SyncState)[]) upsert.run(key, JSON.stringify(next[key]));
  return next;
}

export function openWriter(path: string, options: OpenWriterOptions = {}): Writer {
  const conn = openCacheConnection(path, 'writer', options);
  const { db } = conn;
  let state = readSyncState(conn);
  let typeOf = loadPropertyTypes(db);
  /** The open batch: what memory held when it began, and how many pages it has. */
  let batch: { stateBefore: SyncState; pages: number; listeners: ((failure: AppError | null) => void)[] } | null = null;
  let commitScheduled = false;
  let checkpointer = startCheckpointer(path, db, options.checkpointer);
  /** Why batched writes are refused until the next sync begins. */
  let refusing: AppError | null = options.refuseWrites ?? null;

  const forgetSince = (before: SyncState) => {
    state = before;
    typeOf = loadPropertyTypes(db);
  };

  /** Ends the open batch: committed, or undone (rows and remembered state) with `failure` for its calls. */
  function endBatch(failure: AppError | null): void {
    if (!batch) return;
    const open = batch;
    batch = null;
    let outcome = failure;
    if (outcome === null && !db.isTransaction) outcome = new AppError('internal', 'Contact Desk had a problem saving contacts. Sync again to carry on.');
    if (outcome === null) {
      try {
        db.exec('COMMIT');
        checkpointer.committed();
      } catch (error) {
        outcome = cacheError(error);
      }
    }
    if (outcome !== null) {
      if (db.isTransaction) db.exec('ROLLBACK');
      forgetSince(open.stateBefore);
      refusing = outcome;
    }
    for (const listener of open.listeners) listener(outcome);
  }
  const commitBatch = () => endBatch(null);

  /** After the messages already waiting (they join this batch), before the next ones arrive. */
  function commitSoon(): void {
    if (commitScheduled) return;
    commitScheduled = true;
    setImmediate(() => {
      commitScheduled = false;
      commitBatch();
    });
  }

  const writer: Writer = {
    conn,
    state: () => state,
    typeOf: (column) => typeOf(column),
    transaction(work) {
      commitBatch();
      beginImmediate(db);
      const stateBefore = state;
      try {
        const result = work();
        db.exec('COMMIT');
        checkpointer.committed();
        return result;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        // what this connection remembers must match what the database kept
        forgetSince(stateBefore);
        throw cacheError(error);
      }
    },
    batched(work) {
      if (refusing) throw refusing;
      if (!batch) {
        beginImmediate(db);
        batch = { stateBefore: state, pages: 0, listeners: [] };
      }
      try {
        const result = work();
        batch.pages++;
        return result;
      } catch (error) {
        // (on a full disk SQLite may already have undone the transaction itself)
        endBatch(cacheError(error));
        throw cacheError(error);
      } finally {
        if (batch && batch.pages >= MAX_BATCH_PAGES) commitBatch();
        else if (batch) commitSoon();
      }
    },
    batchOpen: () => batch !== null,
    checkpointsDone: () => checkpointer.idle(),
    withoutBackgroundCheckpoints(work) {
      commitBatch();
      checkpointer.close();
      try {
        return work();
      } finally {
        checkpointer = startCheckpointer(path, db, options.checkpointer);
      }
    },
    resumeWrites() {
      refusing = null;
    },
    onBatchEnd(listener) {
      if (batch) batch.listeners.push(listener);
      else listener(null);
    },
    writeSyncState(partial) {
      if (!partial) return;
      const next = saveSyncState(conn, state, partial);
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
    close() {
      commitBatch();
      checkpointer.close();
      conn.close();
    },
  };

  try {
    writer.transaction(() => reconcileSortIndexes(db, state.syncedProperties, typeOf));
    // SQLite's advice for long-lived connections; the limit keeps it quick on a million rows
    db.exec('PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002;');
  } catch (error) {
    checkpointer.close();
    conn.close();
    throw cacheError(error);
  }
  return writer;
}
