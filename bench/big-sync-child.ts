/**
 * One full sync in a fresh process holding only the app's code (sync service, HubSpot client, cache
 * workers), so its memory is measured on its own: prints one JSON line with the time, the outcome,
 * and the process's resident size before and at its peak (worker threads included).
 *   node bench/big-sync-child.ts <sandbox URL> <access token> <cache path>
 * The token lasts the whole run (the bench asks the sandbox for a long one): refreshing is not measured.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { openContactsCache } from '../electron/core/contacts/cache.ts';
import { createSyncService } from '../electron/core/contacts/sync.ts';
import { createHubSpotClient } from '../electron/core/hubspot/client.ts';
import { systemClock } from '../electron/core/ports.ts';
import type { Logger } from '../electron/core/ports.ts';

export interface BigSyncChildResult {
  ms: number;
  error: string | null;
  fetched: number;
  beforeMb: number;
  peakMb: number;
  /** At the sampled peak: the main thread's JavaScript heap and what it holds outside it (buffers). */
  mainHeapMb: number;
  mainExternalMb: number;
  /** The main thread's young generation (V8's new space) at its largest during the sync. */
  mainYoungMb: number;
}

const [baseUrl, token, dbPath] = process.argv.slice(2);
if (!baseUrl || !token || !dbPath) {
  process.stderr.write('usage: node bench/big-sync-child.ts <sandbox URL> <access token> <cache path>\n');
  process.exit(2);
}

const quiet: Logger = { info: () => {}, warn: () => {}, error: (message) => process.stderr.write(`${message}\n`) };
const tokens = { accessToken: async () => token, refreshAfterUnauthorized: async () => token };
const cache = openContactsCache(dbPath, { log: quiet });
const sync = createSyncService({ client: createHubSpotClient({ baseUrl, tokens, log: quiet }), cache, clock: systemClock, log: quiet });
await cache.count(); // the workers are up before the baseline is taken
const mb = (bytes: number) => bytes / 2 ** 20;
const beforeMb = mb(process.memoryUsage.rss());
let peak = process.memoryUsage.rss();
/** The main thread's own share at the peak (its JavaScript heap and the buffers it holds). */
let mainAtPeak = process.memoryUsage();
const youngNow = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
let youngPeak = youngNow();
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  if (now.rss > peak) [peak, mainAtPeak] = [now.rss, now];
  youngPeak = Math.max(youngPeak, youngNow());
}, 100);
const started = performance.now();
const progress = await sync.runFull();
const ms = performance.now() - started;
clearInterval(sampler);
await sync.dispose();
await cache.close();
const result: BigSyncChildResult = {
  ms,
  error: progress.error ? `${progress.error.kind}: ${progress.error.message}` : null,
  fetched: progress.fetched,
  beforeMb,
  peakMb: Math.max(mb(peak), mb(process.resourceUsage().maxRSS * 1024)),
  mainHeapMb: mb(mainAtPeak.heapTotal),
  mainExternalMb: mb(mainAtPeak.external),
  mainYoungMb: mb(youngPeak),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
