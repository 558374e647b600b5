/**
 * Part `bigsync` (issue 14): a full sync of 1,000,000 contacts (100,000 with --quick) through the
 * app's sync service and cache workers, in a process of their own (big-sync-child.ts), and the cache then checked against the
 * sandbox contact by contact. The sandbox answers at once and its rate limits are lifted, so pages
 * arrive as fast as it can serve them: this measures whether a sync of that size finishes, and the
 * memory it takes while pages arrive faster than they are written, not HubSpot's network (the
 * `sync` part measures speed under HubSpot's limits).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { syncedPropertyList } from '../electron/core/contacts/synced-properties.ts';
import type { BigSyncChildResult } from './big-sync-child.ts';
import { compareWithSandbox, describeComparison, isClean } from './cache-check.ts';
import type { BenchOptions } from './options.ts';
import { startRemoteSandbox } from './remote-sandbox.ts';
import { formatNumber } from './report.ts';
import type { Measurement } from './report.ts';
import { signInToRemoteSandbox } from './sandbox-sign-in.ts';

const RSS_TARGET_MB = 400;
const execFileAsync = promisify(execFile);

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
  try {
    const tokens = await signInToRemoteSandbox(sandbox);
    say('bigsync: full sync with Contact Desk in a process of its own…');
    const child = fileURLToPath(new URL('./big-sync-child.ts', import.meta.url));
    const { stdout } = await execFileAsync(process.execPath, [child, sandbox.url, await tokens.accessToken(), dbPath], { maxBuffer: 1 << 20 });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as BigSyncChildResult;
    const seconds = outcome.ms / 1000;
    const { peakMb, beforeMb: before } = outcome;
    say(`bigsync: ${seconds.toFixed(0)} s, peak ${peakMb.toFixed(0)} MB (${before.toFixed(0)} MB before; main thread at the peak: heap ${outcome.mainHeapMb.toFixed(0)} MB, buffers ${outcome.mainExternalMb.toFixed(0)} MB; its young generation at most ${outcome.mainYoungMb.toFixed(0)} MB)${outcome.error ? `, failed: ${outcome.error}` : ''}; comparing with the sandbox…`);
    const comparison = await compareWithSandbox(sandbox, dbPath, syncedPropertyList());
    say(`bigsync: ${describeComparison(comparison)}`);
    const complete = outcome.error === null && isClean(comparison);
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
        note: `${seconds.toFixed(0)} s (${formatNumber(contacts / seconds)} contacts/s); ${outcome.error ? `sync failed: ${outcome.error}` : 'sync finished without error'}`,
      },
      {
        part: 'bigsync',
        measure: `Full sync of ${size} contacts: peak resident memory of the syncing process (sync, cache workers)`,
        unit: 'MB',
        ours: peakMb,
        reference: { label: 'before the sync, workers started', value: before },
        ratio: null,
        target: `< ${RSS_TARGET_MB} MB`,
        pass: peakMb < RSS_TARGET_MB,
        note: 'the sync runs in a process holding only the app\'s code (big-sync-child.ts); its resident size sampled every 100 ms and its maxRSS; the sandbox runs in a process of its own',
      },
    ];
    return { rows, details: { contacts, seconds, ...outcome, comparison } };
  } finally {
    await sandbox.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
