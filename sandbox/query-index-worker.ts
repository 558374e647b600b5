/** Worker thread: builds the query index of a big sandbox's generated contacts (see query-index.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { buildIndexPart } from './query-index.ts';
import type { IndexSource } from './query-index.ts';

const source = workerData as IndexSource;
const { text, starts } = buildIndexPart(source, 1, source.total);
// a buffer of its own (never a slice of Node's shared pool) can be handed over without a copy
const bytes = text.byteOffset === 0 && text.byteLength === text.buffer.byteLength ? new Uint8Array(text.buffer) : new Uint8Array(text);
parentPort?.postMessage({ text: bytes, starts }, [bytes.buffer as ArrayBuffer, starts.buffer as ArrayBuffer]);
