/**
 * Opens a connection to the contact cache: the one place every connection comes from (the cache
 * workers' writer and readers, and the export worker's reader), so each gets the same settings and
 * the same SQL functions. The only module that imports node:sqlite at run time; it runs in worker
 * threads, never on the main thread.
 */
import { renameSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { StatementSync } from 'node:sqlite';
import { cacheError, sqliteCode, SQLITE_CORRUPT, SQLITE_NOTADB } from './cache-errors.ts';
import { prepareSchema } from './cache-schema.ts';
import { ftsAvailable, prepareSearchIndex, searchIndexOf, SearchIndexUnreadable } from './cache-search.ts';
import type { SearchIndex } from './cache-search.ts';
import { registerSqlFunctions } from './sql-functions.ts';
import { ensurePrivateFile } from '../private-files.ts';

/** 'writer' creates and migrates the file and is the only one that changes it; 'reader' only reads. */
export type ConnectionRole = 'writer' | 'reader';

export interface CacheConnection {
  readonly db: DatabaseSync;
  readonly role: ConnectionRole;
  /** The search index the file has (the writer chose it when it opened the file). */
  readonly searchIndex: SearchIndex;
  /** Prepared once per distinct SQL text; the set of texts is small (columns × sort × search mode). */
  statement(sql: string): StatementSync;
  /**
   * Runs a read that walks many pages with a small page cache, then gives the connection its own size
   * back: the pages it read are freed at once instead of filling the cache (the writer's 32 MB) and
   * staying resident in the process until writes push them out. The pages the writer had are re-read
   * as it needs them, from the operating system's file cache.
   */
  withScanCache<T>(read: () => T): T;
  close(): void;
}

export interface WriterOptions {
  /** Which search index to keep; by default FTS5 where this SQLite has it, else the word index. Tests force 'words'. */
  searchIndex?: SearchIndex;
  /** Fault injection for tests: SQLite answers "disk full" once the file would grow past this many pages. */
  maxPageCount?: number;
}

/** Waits this long for another connection's lock before giving up. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Each connection's page cache, in KiB. The writer's is larger than the 2 MB default: a sync writes
 * to ten indexes at scattered places. A reader's 4 MB: measured at 1,000,000 contacts, table pages,
 * sorts and searches are as fast as with 16 MB (index walks touch few pages).
 */
const CACHE_KIB: Record<ConnectionRole, number> = { writer: 32768, reader: 4096 };
/** While a read walks a whole index (CacheConnection.withScanCache). */
const SCAN_CACHE_KIB = 2048;

const setCacheKib = (db: DatabaseSync, kib: number) => db.exec(`PRAGMA cache_size = -${kib}`);

function connection(db: DatabaseSync, role: ConnectionRole, searchIndex: SearchIndex): CacheConnection {
  const statements = new Map<string, StatementSync>();
  return {
    db,
    role,
    searchIndex,
    statement(sql) {
      let prepared = statements.get(sql);
      if (!prepared) {
        if (statements.size >= 200) statements.clear();
        prepared = db.prepare(sql);
        statements.set(sql, prepared);
      }
      return prepared;
    },
    withScanCache(read) {
      setCacheKib(db, SCAN_CACHE_KIB);
      try {
        return read();
      } finally {
        setCacheKib(db, CACHE_KIB[role]);
      }
    },
    close() {
      statements.clear();
      if (db.isOpen) db.close();
    },
  };
}

function prepareWriter(db: DatabaseSync, options: WriterOptions): CacheConnection {
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  setCacheKib(db, CACHE_KIB.writer);
  prepareSchema(db);
  const conn = connection(db, 'writer', options.searchIndex ?? (ftsAvailable(db) ? 'fts' : 'words'));
  db.exec('BEGIN IMMEDIATE');
  try {
    prepareSearchIndex(conn, conn.searchIndex);
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
  if (options.maxPageCount !== undefined) db.exec(`PRAGMA max_page_count = ${Math.floor(options.maxPageCount)}`);
  return conn;
}

function openDatabase(path: string, role: ConnectionRole, options: WriterOptions): CacheConnection {
  // (issue 13.4) Readable by this user only, before SQLite first creates it; SQLite gives -wal and -shm the same mode.
  if (role === 'writer') ensurePrivateFile(path, [`${path}-wal`, `${path}-shm`]);
  const db = new DatabaseSync(path, { readOnly: role === 'reader', timeout: BUSY_TIMEOUT_MS });
  try {
    registerSqlFunctions(db);
    if (role === 'writer') return prepareWriter(db, options);
    setCacheKib(db, CACHE_KIB.reader);
    return connection(db, role, searchIndexOf(db));
  } catch (error) {
    db.close();
    throw error;
  }
}

/** What the checkpointer thread reports after each checkpoint: pages in the WAL (-1 when it failed). */
export interface CheckpointReport {
  log: number;
  checkpointed: number;
}

/**
 * The background checkpointer's thread (cache-checkpointer.ts), opened here with every other
 * connection. Its connection only copies the WAL into the database file (PASSIVE: it never waits
 * for the writer or readers), so it needs none of the settings or SQL functions above. Plain
 * JavaScript run with `eval`, so the same code runs under Node and in the desktop bundle without a
 * file of its own. When told to close, it closes its connection and then raises the shared flag.
 */
export const checkpointerThread = {
  source: `
    const { parentPort, workerData } = require('node:worker_threads');
    const { DatabaseSync } = require('node:sqlite');
    let db = null;
    parentPort.on('message', (message) => {
      if (message === 'close') {
        try { if (db && db.isOpen) db.close(); } finally {
          Atomics.store(workerData.closed, 0, 1);
          Atomics.notify(workerData.closed, 0);
          parentPort.close();
        }
        return;
      }
      let report = { log: -1, checkpointed: -1 };
      try {
        db ??= new DatabaseSync(workerData.path, { timeout: workerData.busyTimeoutMs });
        report = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get();
      } catch {
        // (busy, a full disk) nothing is lost: the frames stay in the WAL until a later checkpoint
      }
      parentPort.postMessage({ log: report.log, checkpointed: report.checkpointed });
    });
  `,
  workerData: (path: string, closed: Int32Array) => ({ path, closed, busyTimeoutMs: BUSY_TIMEOUT_MS }),
};

/** A file SQLite cannot read is set aside (not deleted, in case someone wants to look at it) and a new one started. */
function unreadable(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB || error instanceof SearchIndexUnreadable;
}

export function openCacheConnection(path: string, role: ConnectionRole, options: WriterOptions = {}): CacheConnection {
  try {
    try {
      return openDatabase(path, role, options);
    } catch (error) {
      if (role !== 'writer' || !unreadable(error)) throw error;
      renameSync(path, `${path}.damaged-${Date.now()}`);
      for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
      return openDatabase(path, role, options);
    }
  } catch (error) {
    throw cacheError(error);
  }
}
