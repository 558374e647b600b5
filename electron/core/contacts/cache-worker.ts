/**
 * A cache worker (worker_threads): opens one connection — the writer or a reader — and answers the
 * requests of cache-protocol.ts one at a time, in the order they came. The writer opens at once (it
 * creates or migrates the file, then says 'ready'); the first readers open at their first request,
 * which the client only sends once the writer is ready. A standalone entry point: the desktop build
 * bundles this file on its own (see cache-worker-entry.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { toCacheFailure } from './cache-errors.ts';
import { cacheRequests } from './cache-protocol.ts';
import type { CacheWorkerData, CacheWorkerReply, CacheWorkerRequest } from './cache-protocol.ts';
import { openReader } from './cache-reader.ts';
import type { Reader } from './cache-reader.ts';
import { openWriter } from './cache-writer.ts';
import type { Writer } from './cache-writer.ts';
import { heapTrimmer } from './worker-heap.ts';

const { dbPath, role, openAtStart, writer: writerOptions, refuseWrites } = workerData as CacheWorkerData;
const port = parentPort;
if (!port) throw new Error('cache-worker.ts runs as a worker thread.');
const post = (reply: CacheWorkerReply) => port.postMessage(reply);
/** Collects the garbage SQL functions leave behind, once it adds up (worker-heap.ts). */
const heap = heapTrimmer({ announce: (collecting) => post({ type: 'collecting', collecting }) });

let connection: Writer | Reader | null = null;
/** Why the connection could not be opened; every call answers with it. */
let openFailure: unknown = null;
let closed = false;

function open(): Writer | Reader {
  if (closed) throw new AppError('internal', 'This connection to the saved contacts is closed.');
  if (openFailure !== null) throw openFailure;
  try {
    connection ??= role === 'writer' ? openWriter(dbPath, { ...writerOptions, ...(refuseWrites ? { refuseWrites: new AppError(refuseWrites.kind, refuseWrites.message) } : {}) }) : openReader(dbPath);
    return connection;
  } catch (error) {
    openFailure = error;
    throw error;
  }
}

if (openAtStart) {
  try {
    post({ type: 'ready', failure: null, searchIndex: open().conn.searchIndex });
  } catch (error) {
    post({ type: 'ready', failure: toCacheFailure(error), searchIndex: null });
  }
}

function answer(request: CacheWorkerRequest & { type: 'call' }): unknown {
  const entry = cacheRequests[request.name];
  const connection = open();
  if (entry?.on !== role) throw new AppError('internal', `The cache request "${String(request.name)}" does not run on the ${role} connection.`);
  return (entry.run as (connection: Writer | Reader, ...args: unknown[]) => unknown)(connection, ...request.args);
}

port.on('message', (request: CacheWorkerRequest) => {
  if (request.type === 'close') {
    closed = true;
    try {
      connection?.close();
    } finally {
      connection = null;
      port.close();
    }
    return;
  }
  let reply: CacheWorkerReply;
  try {
    reply = { type: 'result', id: request.id, value: answer(request) };
  } catch (error) {
    reply = { type: 'failed', id: request.id, failure: toCacheFailure(error) };
  }
  // while the writer's batch is open, an answer waits for its commit: an answered write is on disk
  if (role === 'writer' && connection && 'batchOpen' in connection && connection.batchOpen()) {
    connection.onBatchEnd((failure) => {
      post(failure ? { type: 'failed', id: request.id, failure: toCacheFailure(failure) } : reply);
      heap.afterRequest();
    });
  } else {
    post(reply);
    heap.afterRequest();
  }
});
