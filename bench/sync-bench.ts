/**
 * Full and incremental sync against the sandbox (in its own process) at HubSpot-like latency and
 * limits: our sync service beside HubSpot's Node SDK, on the same sandbox in the same run, then the
 * cache checked contact by contact against the sandbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openContactsCache } from '../electron/core/contacts/cache.ts';
import { createSyncService } from '../electron/core/contacts/sync.ts';
import { syncedPropertyList } from '../electron/core/contacts/synced-properties.ts';
import { createHubSpotClient } from '../electron/core/hubspot/client.ts';
import { LIST_PAGE_LIMIT, SEARCH_PAGE_LIMIT } from '../electron/core/hubspot/contacts-api.ts';
import { systemClock } from '../electron/core/ports.ts';
import type { Logger } from '../electron/core/ports.ts';
import type { SyncProgress } from '../electron/ipc/types.ts';
import type { SandboxStats } from '../sandbox/server.ts';
import type { BenchOptions } from './options.ts';
import { startRemoteSandbox } from './remote-sandbox.ts';
import { compareWithSandbox, describeComparison, isClean } from './cache-check.ts';
import type { Comparison } from './cache-check.ts';
import { formatNumber, ratioOf } from './report.ts';
import type { Measurement } from './report.ts';
import { signInToRemoteSandbox } from './sandbox-sign-in.ts';
import { syncWithSdk } from './sdk-sync.ts';

export interface SyncBenchResult {
  rows: Measurement[];
  details: Record<string, unknown>;
}

/** Counts log lines by message, so a run can say how often the client had to slow down or retry. */
function countingLogger(): Logger & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const count = (level: string) => (message: string) => void counts.set(`${level}: ${message}`, (counts.get(`${level}: ${message}`) ?? 0) + 1);
  return { counts, info: count('info'), warn: count('warn'), error: count('error') };
}

export async function runSyncBench(options: BenchOptions, say: (line: string) => void): Promise<SyncBenchResult> {
  const runSdk = options.parts.includes('sync');
  const runIncremental = options.parts.includes('incremental');
  const contacts = options.sizes.syncContacts;
  const { latencyMs, rateLimit, searchPerSecond } = options.sandbox;
  say(`sync: starting the sandbox with ${formatNumber(contacts)} contacts, ${latencyMs} ms latency, ${rateLimit.max} requests per ${rateLimit.intervalMs / 1000} s, search ${searchPerSecond}/s`);
  const sandbox = await startRemoteSandbox({
    contacts,
    seed: options.seed,
    dataEndTime: options.dataEndMs,
    latencyMs,
    rateLimit,
    searchRateLimitPerSecond: searchPerSecond,
    // one sign-in for the whole run: refreshing is not what this measures
    accessTokenTtlSeconds: 24 * 3600,
  });
  const folder = mkdtempSync(join(tmpdir(), 'contact-desk-bench-sync-'));
  const dbPath = join(folder, 'contacts.sqlite');
  const cache = openContactsCache(dbPath);
  const rows: Measurement[] = [];
  const details: Record<string, unknown> = {};
  try {
    const tokens = await signInToRemoteSandbox(sandbox);
    await tokens.accessToken();
    const properties = syncedPropertyList();
    const log = countingLogger();
    const client = createHubSpotClient({ baseUrl: sandbox.url, tokens, log });
    const sync = createSyncService({ client, cache, clock: systemClock, log });

    // --- ours: full sync
    await sandbox.call({ method: 'resetStats' });
    say('sync: full sync with Contact Desk…');
    let started = performance.now();
    // when the first contacts are in the cache (the table starts filling)
    let firstMs: number | null = null;
    const stopWatching = sync.onProgress((progress) => {
      if (firstMs === null && progress.fetched > 0) firstMs = performance.now() - started;
    });
    const full = await sync.runFull();
    const fullMs = performance.now() - started;
    stopWatching();
    const oursStats = await sandbox.call({ method: 'stats' });
    const afterFull = await compareWithSandbox(sandbox, dbPath, properties);
    const oursRate = contacts / (fullMs / 1000);
    say(`sync: Contact Desk ${formatNumber(oursRate)} contacts/s (${(fullMs / 1000).toFixed(1)} s); ${describeComparison(afterFull)}`);
    details.ours = { ms: fullMs, firstContactsMs: firstMs, contactsPerSecond: oursRate, progress: full, stats: oursStats, comparison: afterFull, log: Object.fromEntries(log.counts) };

    // --- HubSpot's SDK: same sandbox, same settings, from an empty rate-limit window
    let sdk: Awaited<ReturnType<typeof syncWithSdk>> | null = null;
    let sdkStats: SandboxStats | null = null;
    if (runSdk) {
      await sleep(rateLimit.intervalMs + 1000);
      await sandbox.call({ method: 'resetStats' });
      say('sync: the same with @hubspot/api-client crm.contacts.getAll…');
      sdk = await syncWithSdk(sandbox.url, await tokens.accessToken(), properties);
      sdkStats = await sandbox.call({ method: 'stats' });
      say(`sync: SDK ${formatNumber(contacts / (sdk.ms / 1000))} contacts/s (${(sdk.ms / 1000).toFixed(1)} s), ${formatNumber(sdk.contacts)} contacts, ${formatNumber(sdk.uniqueIds)} distinct${sdk.error ? `, failed: ${sdk.error}` : ''}`);
      details.sdk = { ...sdk, contactsPerSecond: contacts / (sdk.ms / 1000), stats: sdkStats };
    }
    rows.push(...fullSyncRows({ options, fullMs, firstMs, full, oursStats, afterFull, sdk, sdkStats }));

    // --- ours: incremental sync after 1% changed
    if (runIncremental) {
      const changes = changedContacts(contacts, options.sizes.changedShare);
      await sandbox.call({ method: 'updateContacts', changes });
      await sandbox.call({ method: 'resetStats' });
      say(`sync: ${formatNumber(changes.length)} contacts changed in HubSpot; incremental sync…`);
      started = performance.now();
      const incremental = await sync.runIncremental();
      const incrementalMs = performance.now() - started;
      const incrementalStats = await sandbox.call({ method: 'stats' });
      const afterIncremental = await compareWithSandbox(sandbox, dbPath, properties);
      say(`sync: incremental ${(incrementalMs / 1000).toFixed(2)} s; ${describeComparison(afterIncremental)}`);
      details.incremental = { ms: incrementalMs, changed: changes.length, progress: incremental, stats: incrementalStats, comparison: afterIncremental };
      const ok = incremental.error === null && incremental.kind === 'incremental' && isClean(afterIncremental);
      rows.push({
        part: 'incremental',
        measure: `Incremental sync after ${formatNumber(changes.length)} of ${formatNumber(contacts)} contacts changed: seconds`,
        unit: 's',
        ours: incrementalMs / 1000,
        reference: { label: 'our full sync', value: fullMs / 1000 },
        ratio: ratioOf(incrementalMs, fullMs),
        target: '< 5 s',
        pass: ok && incrementalMs < 5000,
        note: `${incrementalStats.apiRequests} requests (${incrementalStats.searchRequests} searches); cache afterwards: ${describeComparison(afterIncremental)}${incremental.error ? `; error: ${incremental.error.message}` : ''}`,
      });
    }
    await sync.dispose();
  } finally {
    await cache.close();
    await sandbox.close();
    rmSync(folder, { recursive: true, force: true });
  }
  return { rows, details };
}

/** Every 1/share-th contact gets a new job title and city, spread over the whole id range. */
function changedContacts(total: number, share: number): { id: string; properties: Record<string, string | null> }[] {
  const step = Math.max(1, Math.round(1 / share));
  const changes = [];
  for (let id = step; id <= total; id += step) changes.push({ id: String(id), properties: { jobtitle: `Changed title ${id}`, phone: `+1 555 01${String(id % 100).padStart(2, '0')}` } });
  return changes;
}

interface FullSyncFacts {
  options: BenchOptions;
  fullMs: number;
  /** From the start to the first contacts written. */
  firstMs: number | null;
  full: SyncProgress;
  oursStats: SandboxStats;
  afterFull: Comparison;
  sdk: Awaited<ReturnType<typeof syncWithSdk>> | null;
  sdkStats: SandboxStats | null;
}

function fullSyncRows({ options, fullMs, firstMs, full, oursStats, afterFull, sdk, sdkStats }: FullSyncFacts): Measurement[] {
  const contacts = options.sizes.syncContacts;
  const { latencyMs, rateLimit, searchPerSecond } = options.sandbox;
  const oursRate = contacts / (fullMs / 1000);
  const sdkRate = sdk && sdk.error === null ? contacts / (sdk.ms / 1000) : null;
  // one list cursor: a page per round trip, unless the general limit is tighter
  const listCeiling = Math.min(rateLimit.max / (rateLimit.intervalMs / 1000), 1000 / latencyMs) * LIST_PAGE_LIMIT;
  const searchCeiling = searchPerSecond * SEARCH_PAGE_LIMIT;
  const ceiling = listCeiling + searchCeiling;
  const speedRatio = sdkRate === null ? null : ratioOf(oursRate, sdkRate);
  const complete = full.error === null && isClean(afterFull);
  const byPath = (stats: SandboxStats) => Object.entries(stats.byPath).map(([path, n]) => `${path}: ${n}`).join(', ');
  return [
    {
      part: 'sync',
      measure: `Full sync of ${formatNumber(contacts)} contacts (${latencyMs} ms latency, ${rateLimit.max} req/${rateLimit.intervalMs / 1000} s): contacts/s`,
      unit: '/s',
      ours: oursRate,
      reference: sdkRate === null ? (sdk ? { label: 'HubSpot SDK, failed', value: '—' } : null) : { label: 'HubSpot SDK getAll', value: sdkRate },
      ratio: speedRatio,
      target: '≥ 3× SDK',
      pass: complete && (speedRatio === null ? sdk === null : speedRatio >= 3),
      note: `ours ${(fullMs / 1000).toFixed(1)} s${firstMs === null ? '' : ` (first contacts in the cache after ${(firstMs / 1000).toFixed(2)} s)`}${sdk ? `, SDK ${(sdk.ms / 1000).toFixed(1)} s` : ''}; ${full.error ? `sync failed: ${full.error.kind}: ${full.error.message}` : 'sync finished without error'}`,
    },
    {
      part: 'sync',
      measure: 'Full sync: share of what the rate limits allow',
      unit: '/s',
      ours: oursRate,
      reference: { label: `ceiling: list ${formatNumber(listCeiling)} + search ${formatNumber(searchCeiling)}`, value: ceiling },
      ratio: ratioOf(oursRate, ceiling),
      target: '≥ 0.9× the ceiling',
      pass: complete && oursRate >= 0.9 * ceiling,
      note: `one list cursor: ${LIST_PAGE_LIMIT} per page, a page per ${latencyMs} ms round trip (the general limit, ${rateLimit.max} per ${rateLimit.intervalMs / 1000} s, allows more) = ${formatNumber(listCeiling)}/s; search ${searchPerSecond}/s × ${SEARCH_PAGE_LIMIT} per page = ${formatNumber(searchCeiling)}/s`,
    },
    {
      part: 'sync',
      measure: 'Full sync: requests made',
      unit: '',
      ours: oursStats.apiRequests,
      reference: sdkStats ? { label: 'HubSpot SDK', value: sdkStats.apiRequests } : null,
      ratio: sdkStats ? ratioOf(oursStats.apiRequests, sdkStats.apiRequests) : null,
      target: null,
      pass: null,
      note: `ours: ${byPath(oursStats)}; busiest ${rateLimit.intervalMs / 1000} s window ${oursStats.maxInAnyWindow}, busiest second of search ${oursStats.maxSearchInAnySecond}${sdkStats ? `. SDK: ${byPath(sdkStats)}` : ''}`,
    },
    {
      part: 'sync',
      measure: 'Full sync: 429 answers received',
      unit: '',
      ours: oursStats.tooManyRequests,
      reference: sdkStats ? { label: 'HubSpot SDK', value: sdkStats.tooManyRequests } : null,
      ratio: null,
      target: 'none surfaced as an error',
      pass: full.error === null || (full.error.kind !== 'rate-limited' && full.error.kind !== 'daily-limit'),
      note: `${full.error === null ? 'ours finished, so it waited out every one' : `ours stopped with ${full.error.kind}`}; ${oursStats.serverErrors} server errors${sdk ? `; the SDK's retry decorator logged ${sdk.retriesLogged} retries` : ''}`,
    },
    {
      part: 'sync',
      measure: 'Full sync: cache against HubSpot, contact by contact',
      unit: '',
      ours: `${afterFull.missing} missing, ${afterFull.unexpected} extra, ${afterFull.stale} stale`,
      reference: sdk ? { label: 'SDK: contacts returned / distinct', value: `${formatNumber(sdk.contacts)} / ${formatNumber(sdk.uniqueIds)}` } : null,
      ratio: null,
      target: 'none missed or duplicated',
      pass: complete,
      note: describeComparison(afterFull),
    },
  ];
}
