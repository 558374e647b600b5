/**
 * The cache's one message table: every request the main thread may send to the cache workers, the
 * worker function that answers it, and which connection runs it. The main-side client
 * (cache-client.ts) is derived from this table, so adding a query is one entry here and one
 * function in a worker-side module; its arguments and result types follow from that function.
 *
 * - 'writer': the write connection (one worker). Everything that changes the cache, and the reads
 *   the sync makes that must see its own writes.
 * - 'reader': a read connection (reader workers). What the table, search and column chooser ask.
 *
 * Arguments and results cross threads by structured clone: plain data, Maps and arrays only.
 */
import type { WriterOptions } from './cache-connection.ts';
import type { CacheFailure } from './cache-errors.ts';
import type { ErrorView } from '../errors.ts';
import type { Reader } from './cache-reader.ts';
import type { SearchIndex } from './cache-search.ts';
import type { Writer } from './cache-writer.ts';
import * as queries from './cache-queries.ts';
import * as owners from './owners-store.ts';
import * as shown from './shown-queries.ts';
import * as syncReads from './cache-sync-reads.ts';
import * as writes from './cache-writes.ts';
import * as lists from './lists-store.ts';
import { prepareSortKeys } from './sort-keys.ts';

export type ConnectionKind = 'writer' | 'reader';

interface Entry<K extends ConnectionKind, C, A extends unknown[], R> {
  on: K;
  run: (connection: C, ...args: A) => R;
}

const onWriter = <A extends unknown[], R>(run: (w: Writer, ...args: A) => R): Entry<'writer', Writer, A, R> => ({ on: 'writer', run });
const onReader = <A extends unknown[], R>(run: (r: Reader, ...args: A) => R): Entry<'reader', Reader, A, R> => ({ on: 'reader', run });

export const cacheRequests = {
  // --- writes (the sync)
  upsertContacts: onWriter(writes.upsertContacts),
  removeContacts: onWriter(writes.removeContacts),
  removeUnmarked: onWriter(writes.removeUnmarked),
  updateSyncState: onWriter(writes.updateSyncState),
  replaceProperties: onWriter(writes.replaceProperties),
  clear: onWriter(writes.clear),
  resumeWrites: onWriter(writes.resumeWrites),
  // --- the sync's own reads
  syncState: onWriter(syncReads.syncState),
  lastSyncedAt: onWriter(syncReads.lastSyncedAt),
  countIds: onWriter(syncReads.countIds),
  idsIn: onWriter(syncReads.idsIn),
  nthId: onWriter(syncReads.nthId),
  // --- the table, search and the column chooser
  query: onReader(queries.query),
  count: onReader(queries.count),
  properties: onReader(queries.properties),
  propertyLabels: onReader(queries.propertyLabels),
  /** The client asks each reader once, while the table is idle (cache-client.ts). */
  prepareSortKeys: onReader(prepareSortKeys),
  // --- owners and cells as shown (issue 15)
  replaceOwners: onWriter(owners.replaceOwners),
  readOwners: onReader(owners.readOwners),
  queryShown: onReader(shown.queryShown),
  // --- HubSpot lists for the views' List filter (lists-store.ts)
  replaceListCatalogue: onWriter(lists.replaceListCatalogue),
  replaceListMembers: onWriter(lists.replaceListMembers),
  recordListProblem: onWriter(lists.recordListProblem),
  markListDeleted: onWriter(lists.markListDeleted),
  markListChosen: onWriter(lists.markListChosen),
  listsToRefresh: onReader(lists.listsToRefresh),
  readLists: onReader(lists.readLists),
  readList: onReader(lists.readList),
};

export type CacheRequests = typeof cacheRequests;
export type CacheRequestName = keyof CacheRequests;

type ArgsOf<E> = E extends { run: (connection: never, ...args: infer A) => unknown } ? A : never;
type ResultOf<E> = E extends { run: (...args: never[]) => infer R } ? R : never;

/** The main side's view of the table: each request as an async function. */
export type CacheCalls = { [K in CacheRequestName]: (...args: ArgsOf<CacheRequests[K]>) => Promise<ResultOf<CacheRequests[K]>> };

/** Main thread → worker. */
export type CacheWorkerRequest = { type: 'call'; id: number; name: CacheRequestName; args: unknown[] } | { type: 'close' };

/** Worker → main thread. */
export type CacheWorkerReply =
  | { type: 'ready'; failure: CacheFailure | null; searchIndex: SearchIndex | null }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'failed'; id: number; failure: CacheFailure }
  /** The worker collects its garbage (worker-heap.ts): a request sent meanwhile waits for it. */
  | { type: 'collecting'; collecting: boolean };

/** What a cache worker is started with. */
export interface CacheWorkerData {
  dbPath: string;
  role: ConnectionKind;
  /** A writer replacing one that stopped: refuses batched writes until the next sync begins, with this. */
  refuseWrites?: ErrorView;
  /** Open the connection at once and say 'ready' (a first reader waits for its first call, sent once the writer is ready). */
  openAtStart: boolean;
  writer: WriterOptions;
}
