/** Worker thread: makes the query index of a big sandbox and answers matches from it (see query-index.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { QueryIndex, buildIndexPart } from './query-index.ts';
import type { IndexSource } from './query-index.ts';

const source = workerData as IndexSource;
const { text, starts } = buildIndexPart(source, 1, source.total);
const index = new QueryIndex(text, starts);
parentPort?.on('message', ({ id, words }: { id: number; words: string[] }) => {
  const hits = index.match(words);
  parentPort?.postMessage({ id, hits }, [hits.buffer as ArrayBuffer]);
});
parentPort?.postMessage({ ready: true });
