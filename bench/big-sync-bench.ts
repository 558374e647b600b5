/**
 * Part `bigsync` (issue 14): a full sync of 1,000,000 contacts (100,000 with --quick) through the
 * app's sync service and cache workers, in this process, and the cache then checked against the
 * sandbox contact by contact. The sandbox answers at once and its rate limits are lifted, so pages
 * arrive as fast as it can serve them: this measures whether a sync of that size finishes, and the
 * memory it takes while pages arrive faster than they are written, not HubSpot's network (the
 * `sync` part measures speed under HubSpot's limits).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openContactsCache } from '../electron/core/contacts/cache.ts';
import { createSyncService } from '../electron/core/contacts/sync.ts';
import { syncedPropertyList } from '../electron/core/contacts/synced-properties.ts';
import { createHubSpotClient } from '../electron/core/hubspot/client.ts';
import { systemClock } from '../electron/core/ports.ts';
import { compareWithSandbox, describeComparison, isClean } from './cache-check.ts';
import type { BenchOptions } from './options.ts';
import { startRemoteSandbox } from './remote-sandbox.ts';
import { formatNumber } from './report.ts';
import type { Measurement } from './report.ts';
import { signInToRemoteSandbox } from './sandbox-sign-in.ts';

const RSS_TARGET_MB = 400;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** The highest resident size of this process (main thread and every worker) while `work` runs. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

export async function runBigSyncBench(options: BenchOptions, say: (line: string) => void): Promise<{ rows: Measurement[]; details: Record<string, unknown> }> {
  const contacts = options.sizes.bigSyncContacts;
  say(`bigsync: starting the sandbox with ${formatNumber(contacts)} contacts, no latency, rate limits lifted`);
  const sandbox = await startRemoteSandbox({
    contacts,
    seed: options.seed,
    dataEndTime: options.dataEndMs,
    latencyMs: 0,
    rateLimit: { max: 1_000_000, intervalMs: 10_000 },
    searchRateLimitPerSecond: 1_000_000,
    accessTokenTtlSeconds: 24 * 3600,
  });
  const folder = mkdtempSync(join(tmpdir(), 'contact-desk-bench-bigsync-'));
  const dbPath = join(folder, 'contacts.sqlite');
  const cache = openContactsCache(dbPath, { log: quiet });
  try {
    const tokens = await signInToRemoteSandbox(sandbox);
    const client = createHubSpotClient({ baseUrl: sandbox.url, tokens, log: quiet });
    const sync = createSyncService({ client, cache, clock: systemClock, log: quiet });
    const before = process.memoryUsage.rss() / 2 ** 20;
    say('bigsync: full sync with Contact Desk…');
    const started = performance.now();
    const { result: progress, peakMb } = await peakRss(() => sync.runFull());
    const seconds = (performance.now() - started) / 1000;
    await sync.dispose();
    say(`bigsync: ${seconds.toFixed(0)} s, peak ${peakMb.toFixed(0)} MB (${before.toFixed(0)} MB before)${progress.error ? `, failed: ${progress.error.message}` : ''}; comparing with the sandbox…`);
    const comparison = await compareWithSandbox(sandbox, dbPath, syncedPropertyList());
    say(`bigsync: ${describeComparison(comparison)}`);
    const complete = progress.error === null && isClean(comparison);
    const size = formatNumber(contacts);
    const rows: Measurement[] = [
      {
        part: 'bigsync',
        measure: `Full sync of ${size} contacts (no latency, limits lifted): cache against HubSpot, contact by contact`,
        unit: '',
        ours: `${comparison.missing} missing, ${comparison.unexpected} extra, ${comparison.stale} stale`,
        reference: { label: 'contacts in the sandbox', value: comparison.expected },
        ratio: null,
        target: 'finishes; none missed or duplicated',
        pass: complete,
        note: `${seconds.toFixed(0)} s (${formatNumber(contacts / seconds)} contacts/s); ${progress.error ? `sync failed: ${progress.error.kind}: ${progress.error.message}` : 'sync finished without error'}`,
      },
      {
        part: 'bigsync',
        measure: `Full sync of ${size} contacts: peak resident memory of the process (sync, cache workers)`,
        unit: 'MB',
        ours: peakMb,
        reference: { label: 'before the sync', value: before },
        ratio: null,
        target: `< ${RSS_TARGET_MB} MB`,
        pass: peakMb < RSS_TARGET_MB,
        note: 'process.memoryUsage.rss() sampled every 100 ms; the sandbox runs in a process of its own',
      },
    ];
    return { rows, details: { contacts, seconds, peakMb, beforeMb: before, progress, comparison } };
  } finally {
    await cache.close();
    await sandbox.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
