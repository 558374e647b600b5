/**
 * Part `scale` (issue 14): a big cache, built once through the cache module and kept between runs
 * (reusable-cache.ts), and the app on it.
 *
 * - Write cost per contact: pages of 100 contacts written as a sync writes them (each with its
 *   resume point), on a 10,000-contact cache and on the big one. Both are copies, so the kept
 *   caches stay as built.
 * - The page's side (scale-page.ts): the table, the main process's memory and the round trip of a
 *   call from the page while heavy work runs, in Chromium through the preview on a copy of the big cache.
 * - The cache file's size per contact.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openContactsCache } from '../electron/core/contacts/cache.ts';
import type { CachedContact, ContactsCache } from '../electron/core/contacts/cache.ts';
import { syncedPropertyList } from '../electron/core/contacts/synced-properties.ts';
import type { BenchOptions } from './options.ts';
import { ratioOf } from './report.ts';
import type { Measurement } from './report.ts';
import { reusableCache } from './reusable-cache.ts';
import { measurePage, pageRows } from './scale-page.ts';
import { sandboxData } from './sandbox-data.ts';

const PAGE = 100;
const PAGES = 30;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** Contacts with ids above every cached one, as HubSpot would send new ones. */
function newContacts(options: BenchOptions, firstId: number, count: number): CachedContact[] {
  const { generator } = sandboxData(options.seed, count, options.dataEndMs);
  const properties = syncedPropertyList([]);
  const iso = (ms: number) => new Date(ms).toISOString();
  return Array.from({ length: count }, (_, i) => {
    const read = generator.reader(i + 1);
    const picked: Record<string, string | null> = {};
    for (const name of properties) picked[name] = read(name) ?? null;
    picked.hs_object_id = String(firstId + i);
    return { id: String(firstId + i), properties: picked, createdAt: iso(generator.createdMs(i + 1)), updatedAt: iso(generator.modifiedMs(i + 1)) };
  });
}

/** A copy of a kept cache to write into (its -wal is empty: reusable-cache.ts closes it checkpointed). */
function workingCopy(dbPath: string, dir: string, name: string): string {
  const copy = join(dir, name);
  copyFileSync(dbPath, copy);
  return copy;
}

/** Milliseconds per contact written, pages written one after the other as a sync's arrive. */
async function writeCost(cache: ContactsCache, contacts: CachedContact[]): Promise<number> {
  // one page first, outside the timing: the writer's first touch of the file's pages
  await cache.upsertContacts(contacts.slice(0, PAGE), { watermark: 1 });
  const started = performance.now();
  for (let page = 1; page < PAGES; page++) {
    await cache.upsertContacts(contacts.slice(page * PAGE, (page + 1) * PAGE), { watermark: page + 1 });
  }
  return (performance.now() - started) / ((PAGES - 1) * PAGE);
}

export async function runScaleBench(options: BenchOptions, say: (line: string) => void): Promise<{ rows: Measurement[]; details: Record<string, unknown> }> {
  const big = options.sizes.scaleContacts;
  const build = (rows: number) => reusableCache({ name: 'scale', rows, seed: options.seed, endMs: options.dataEndMs, fresh: options.fresh, say });
  const small = await build(10_000);
  const large = await build(big);
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-scale-'));
  // the cache's workers do not keep a process alive (the app's window does); here, this does
  const keepAlive = setInterval(() => {}, 1000);
  try {
    const contacts = newContacts(options, 10_000_000, PAGE * PAGES);
    const perContact: Record<string, number> = {};
    const working = { small: workingCopy(small.dbPath, dir, 'small.sqlite'), large: workingCopy(large.dbPath, dir, 'large.sqlite') };
    for (const label of ['small', 'large'] as const) {
      const cache = openContactsCache(working[label], { log: quiet });
      perContact[label] = await writeCost(cache, contacts);
      await cache.close();
      say(`scale: write cost on the ${label} cache: ${(perContact[label] as number).toFixed(3)} ms per contact`);
    }

    rmSync(working.large, { force: true });

    const page = await measurePage(options, large.dbPath, big, say);
    const bytes = statSync(large.dbPath).size;
    const rows = [writeCostRow(big, perContact as { small: number; large: number }), ...pageRows(big, page), fileSizeRow(big, bytes)];
    return { rows, details: { contacts: big, perContactMs: perContact, page, fileBytes: bytes } };
  } finally {
    clearInterval(keepAlive);
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeCostRow(big: number, perContact: { small: number; large: number }): Measurement {
  const ratio = ratioOf(perContact.large, perContact.small);
  return {
    part: 'scale',
    measure: `Sync write cost per contact with ${big.toLocaleString('en-US')} cached`,
    unit: 'ms',
    ours: perContact.large,
    reference: { label: '10,000 cached', value: perContact.small },
    ratio,
    target: '≤ 1.3× the cost at 10,000',
    pass: ratio !== null && ratio <= 1.3,
    note: `${PAGES - 1} pages of ${PAGE} new contacts, each written with its resume point, one after the other`,
  };
}

function fileSizeRow(big: number, bytes: number): Measurement {
  return { part: 'scale', measure: `Cache file size per contact (${big.toLocaleString('en-US')} cached)`, unit: 'bytes', ours: Math.round(bytes / big), reference: null, ratio: null, target: null, pass: null, note: `${(bytes / 2 ** 20).toFixed(0)} MB in all` };
}
