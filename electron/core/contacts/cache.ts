/**
 * The local contact cache (node:sqlite, WAL), for the rest of the app: `openContactsCache` gives the
 * async client; the shapes it stores are in cache-types.ts.
 *
 * How it is built (each file one concern):
 * - cache-protocol.ts  the message table: request → worker function → which connection runs it
 * - cache-client.ts    the main-side client derived from it; starts and routes to the workers
 * - cache-worker.ts    a worker: one connection, answers requests in order
 * - cache-connection.ts opens every connection (settings, SQL functions: sql-functions.ts)
 * - cache-schema.ts    tables and migrations
 * - cache-writer.ts, cache-writes.ts, cache-sync-reads.ts   the write connection and what runs on it
 * - cache-reader.ts, cache-queries.ts, cache-search.ts, cache-sorting.ts   reads: table, search, sort
 */
export { openContactsCache } from './cache-client.ts';
export type { CacheStatus, ContactsCache, ContactsCacheOptions } from './cache-client.ts';
export type * from './cache-types.ts';
