/**
 * Generates the sandbox's deterministic contacts on a second thread while the first one writes
 * them into the cache (fill-cache.ts): building a million-row cache takes half the time this way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CachedContact } from '../electron/core/contacts/cache.ts';
import { sandboxData } from './sandbox-data.ts';

export interface GenerateWorkerData {
  seed: number;
  total: number;
  endMs: number;
  /** Only these properties are kept, as a sync asking for them would store. */
  properties: string[];
}

/** Asks for the contacts with ids from ≤ id < to. */
export interface GenerateRequest {
  from: number;
  to: number;
}

const { seed, total, endMs, properties } = workerData as GenerateWorkerData;
const { generator } = sandboxData(seed, total, endMs);
const iso = (ms: number) => new Date(ms).toISOString();

parentPort?.on('message', ({ from, to }: GenerateRequest) => {
  const batch: CachedContact[] = [];
  for (let id = from; id < to; id++) {
    const read = generator.reader(id);
    const picked: Record<string, string | null> = {};
    for (const name of properties) picked[name] = read(name) ?? null;
    batch.push({ id: String(id), properties: picked, createdAt: iso(generator.createdMs(id)), updatedAt: iso(generator.modifiedMs(id)) });
  }
  parentPort?.postMessage(batch);
});
