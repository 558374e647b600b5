/**
 * A read connection: the reader workers' (table pages, counts, search, property lists) and the
 * export worker's. It notices when another connection has committed (PRAGMA data_version) and only
 * then forgets what it remembered: property types and counts.
 */
import { openCacheConnection } from './cache-connection.ts';
import type { CacheConnection } from './cache-connection.ts';
import { loadPropertyTypes } from './cache-sorting.ts';

export interface Reader {
  readonly conn: CacheConnection;
  /** Changes whenever another connection has committed (PRAGMA data_version): what a reader remembers is forgotten then. */
  dataVersion(): number;
  typeOf(column: string): string;
  /** A count remembered until the cache changes. */
  rememberedCount(key: string, count: () => number): number;
  close(): void;
}

export function openReader(path: string): Reader {
  const conn = openCacheConnection(path, 'reader');
  const dataVersion = () => (conn.statement('PRAGMA data_version').get() as { data_version: number }).data_version;
  let seenVersion = dataVersion();
  let typeOf = loadPropertyTypes(conn.db);
  const counts = new Map<string, number>();
  const catchUp = () => {
    const version = dataVersion();
    if (version === seenVersion) return;
    seenVersion = version;
    typeOf = loadPropertyTypes(conn.db);
    counts.clear();
  };
  return {
    conn,
    dataVersion,
    typeOf(column) {
      catchUp();
      return typeOf(column);
    },
    rememberedCount(key, count) {
      catchUp();
      const known = counts.get(key);
      if (known !== undefined) return known;
      const n = count();
      if (counts.size >= 50) counts.clear();
      counts.set(key, n);
      return n;
    },
    close: () => conn.close(),
  };
}
