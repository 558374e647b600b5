/**
 * Fills a contacts cache with the sandbox's generated contacts through the cache module's own
 * upsert (big transactions, no HTTP): the cache a sync of those contacts would leave behind.
 */
import { Worker } from 'node:worker_threads';
import { openContactsCache } from '../electron/core/contacts/cache.ts';
import type { CachedContact } from '../electron/core/contacts/cache.ts';
import { syncedPropertyList } from '../electron/core/contacts/synced-properties.ts';
import { CONTACT_PROPERTIES } from '../sandbox/properties.ts';
import type { GenerateRequest, GenerateWorkerData } from './generate-worker.ts';
import { sandboxData } from './sandbox-data.ts';

export interface FillOptions {
  dbPath: string;
  total: number;
  seed: number;
  /** The generated contacts' dates end here (the sandbox's `dataEndTime`). */
  endMs: number;
  /** Synced properties beyond the defaults (the user's extra columns). */
  extraProperties?: string[];
  onProgress?: (written: number) => void;
}

const BATCH = 25_000;

export async function fillCache(options: FillOptions): Promise<{ ms: number }> {
  const started = performance.now();
  const properties = syncedPropertyList(options.extraProperties ?? []);
  const data: GenerateWorkerData = { seed: options.seed, total: options.total, endMs: options.endMs, properties };
  const worker = new Worker(new URL('./generate-worker.ts', import.meta.url), { workerData: data });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));

  const cache = openContactsCache(options.dbPath);
  try {
    await cache.replaceProperties(CONTACT_PROPERTIES);
    await cache.updateSyncState({ syncedProperties: properties });
    // the owners a sync fetches alongside, so "as shown" exports name them
    await cache.replaceOwners(sandboxData(options.seed, options.total, options.endMs).owners, options.endMs);
    // the worker prepares the next batch while this thread writes the current one
    const batches: GenerateRequest[] = [];
    for (let from = 1; from <= options.total; from += BATCH) batches.push({ from, to: Math.min(from + BATCH, options.total + 1) });
    let next = batches.length > 0 ? requestBatch(worker, failed, batches[0] as GenerateRequest) : null;
    for (let i = 0; i < batches.length; i++) {
      const batch = await (next as Promise<CachedContact[]>);
      const following = batches[i + 1];
      next = following ? requestBatch(worker, failed, following) : null;
      await cache.upsertContacts(batch);
      options.onProgress?.((batches[i] as GenerateRequest).to - 1);
    }
    const now = Date.now();
    await cache.updateSyncState({ lastSyncedAt: now, lastFullSyncAt: now, watermark: options.endMs });
  } finally {
    await cache.close();
    await worker.terminate();
  }
  return { ms: performance.now() - started };
}

function requestBatch(worker: Worker, failed: Promise<never>, request: GenerateRequest): Promise<CachedContact[]> {
  const answer = new Promise<CachedContact[]>((resolve) => worker.once('message', resolve));
  worker.postMessage(request);
  return Promise.race([failed, answer]);
}
