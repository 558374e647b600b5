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
import { registerSqlFunctions } from './sql-functions.ts';
import { ensurePrivateFile } from '../private-files.ts';

/** 'writer' creates and migrates the file and is the only one that changes it; 'reader' only reads. */
export type ConnectionRole = 'writer' | 'reader';

export interface CacheConnection {
  readonly db: DatabaseSync;
  readonly role: ConnectionRole;
  /** Prepared once per distinct SQL text; the set of texts is small (columns × sort × search mode). */
  statement(sql: string): StatementSync;
  close(): void;
}

/** Waits this long for another connection's lock before giving up. */
const BUSY_TIMEOUT_MS = 5000;

function openDatabase(path: string, role: ConnectionRole): DatabaseSync {
  // (issue 13.4) Readable by this user only, before SQLite first creates it; SQLite gives -wal and -shm the same mode.
  if (role === 'writer') ensurePrivateFile(path, [`${path}-wal`, `${path}-shm`]);
  const db = new DatabaseSync(path, { readOnly: role === 'reader', timeout: BUSY_TIMEOUT_MS });
  try {
    // before the schema: a migration that changes contacts updates indexes that call these functions
    registerSqlFunctions(db);
    if (role === 'writer') {
      // a larger page cache than the 2 MB default: a sync writes to ten indexes at scattered places
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;');
      prepareSchema(db);
    } else {
      db.exec('PRAGMA cache_size = -16384;');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The writer sets a damaged file aside (not deleted, in case someone wants to look at it) and starts a new one. */
function openWriter(path: string): DatabaseSync {
  try {
    return openDatabase(path, 'writer');
  } catch (error) {
    const code = sqliteCode(error);
    if (code !== SQLITE_CORRUPT && code !== SQLITE_NOTADB) throw error;
    renameSync(path, `${path}.damaged-${Date.now()}`);
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    return openDatabase(path, 'writer');
  }
}

export function openCacheConnection(path: string, role: ConnectionRole): CacheConnection {
  let db: DatabaseSync;
  try {
    db = role === 'writer' ? openWriter(path) : openDatabase(path, role);
  } catch (error) {
    throw cacheError(error);
  }
  const statements = new Map<string, StatementSync>();
  return {
    db,
    role,
    statement(sql) {
      let prepared = statements.get(sql);
      if (!prepared) {
        if (statements.size >= 200) statements.clear();
        prepared = db.prepare(sql);
        statements.set(sql, prepared);
      }
      return prepared;
    },
    close() {
      statements.clear();
      if (db.isOpen) db.close();
    },
  };
}
