/**
 * Part `scale` (issue 14): a big cache, built once through the cache module and kept between runs
 * (reusable-cache.ts), and the app on it.
 *
 * - Write cost per contact: pages of 100 new contacts written as a sync writes them (each with its
 *   resume point), on a 10,000-contact cache and on the big one, twice: dated after every cached
 *   contact (as contacts created since the last sync are), and dated across the cache's history
 *   (the earlier runs' pages). Each run writes into fresh copies, so the kept caches stay as built.
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
/**
 * Pages written per measure on each cache. The big cache gets more: about once per 60-90 pages
 * written back to back there, the writer stops to let the WAL start over (cache-checkpointer.ts),
 * and the figure must carry its share; 150 pages grow it by 1.5%. The 10,000-contact cache never
 * stops, and more pages would grow it well past 10,000.
 */
const PAGES = { small: 30, large: 150 } as const;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * How the new contacts are dated. `newest`: after every cached contact, a minute apart, as
 * contacts created since the last sync are (the sandbox's dates also grow with the id), so the
 * created and modified date indexes take them at their ends. `history`: each page of 100 spread
 * over about 36 days of the cache's 3-year history (a 3,000-contact generator's dates, again from
 * the start every 3,000), so at 1,000,000 cached each lands on a page of its own in both date
 * indexes: the earlier runs' pages.
 */
type NewDates = 'newest' | 'history';
const HISTORY_DATES = 3_000;

/** Contacts with ids above every cached one, as HubSpot would send new ones. */
function newContacts(options: BenchOptions, firstId: number, count: number, dates: NewDates): CachedContact[] {
  const { generator } = sandboxData(options.seed, count, options.dataEndMs);
  const dating = sandboxData(options.seed, HISTORY_DATES, options.dataEndMs).generator;
  const properties = syncedPropertyList([]);
  const iso = (ms: number) => new Date(ms).toISOString();
  return Array.from({ length: count }, (_, i) => {
    const read = generator.reader(i + 1);
    const picked: Record<string, string | null> = {};
    for (const name of properties) picked[name] = read(name) ?? null;
    picked.hs_object_id = String(firstId + i);
    const createdMs = dates === 'newest' ? options.dataEndMs + (i + 1) * 60_000 : dating.createdMs((i % HISTORY_DATES) + 1);
    const modifiedMs = dates === 'newest' ? createdMs + 60_000 : dating.modifiedMs((i % HISTORY_DATES) + 1);
    picked.createdate = iso(createdMs);
    picked.lastmodifieddate = iso(modifiedMs);
    return { id: String(firstId + i), properties: picked, createdAt: iso(createdMs), updatedAt: iso(modifiedMs) };
  });
}

/** A copy of a kept cache to write into (its -wal is empty: reusable-cache.ts closes it checkpointed). */
function workingCopy(dbPath: string, dir: string, name: string): string {
  const copy = join(dir, name);
  copyFileSync(dbPath, copy);
  return copy;
}

/** Per contact written: wall time, and CPU time of every thread of this process (the cache's writer and checkpointer included). */
interface WriteCost {
  ms: number;
  cpuMs: number;
}

/** Pages written one after the other as a sync's arrive. */
async function writeCost(cache: ContactsCache, contacts: CachedContact[], pages: number): Promise<WriteCost> {
  // one page first, outside the timing: the writer's first touch of the file's pages
  await cache.upsertContacts(contacts.slice(0, PAGE), { watermark: 1 });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let page = 1; page < pages; page++) {
    await cache.upsertContacts(contacts.slice(page * PAGE, (page + 1) * PAGE), { watermark: page + 1 });
  }
  const cpu = process.cpuUsage(cpuBefore);
  const written = (pages - 1) * PAGE;
  return { ms: (performance.now() - started) / written, cpuMs: (cpu.user + cpu.system) / 1000 / written };
}

/** Rounds of the write cost: a shared machine makes single runs vary by a third; the median counts. */
const WRITE_ROUNDS = 3;
const SIZES = ['small', 'large'] as const;
type Costs = Record<NewDates, Record<(typeof SIZES)[number], WriteCost[]>>;

/** Every round measures each dating on a fresh copy of each cache, in turn, so a busy moment hits all alike. */
async function writeCosts(options: BenchOptions, kept: { small: string; large: string }, dir: string, say: (line: string) => void): Promise<Costs> {
  const count = PAGE * PAGES.large;
  const contacts = { newest: newContacts(options, 10_000_000, count, 'newest'), history: newContacts(options, 10_000_000, count, 'history') };
  const costs: Costs = { newest: { small: [], large: [] }, history: { small: [], large: [] } };
  for (let round = 0; round < WRITE_ROUNDS; round++) {
    for (const dates of ['newest', 'history'] as const) {
      for (const label of SIZES) {
        const copy = workingCopy(kept[label], dir, `${label}.sqlite`);
        const cache = openContactsCache(copy, { log: quiet });
        const cost = await writeCost(cache, contacts[dates], PAGES[label]);
        await cache.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
        costs[dates][label].push(cost);
        say(`scale: write cost on the ${label} cache (new contacts dated ${dates === 'newest' ? 'after the cached ones' : 'across the history'}), round ${round + 1}: ${cost.ms.toFixed(3)} ms per contact (CPU ${cost.cpuMs.toFixed(3)} ms)`);
      }
    }
  }
  return costs;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export async function runScaleBench(options: BenchOptions, say: (line: string) => void): Promise<{ rows: Measurement[]; details: Record<string, unknown> }> {
  const big = options.sizes.scaleContacts;
  const build = (rows: number) => reusableCache({ name: 'scale', rows, seed: options.seed, endMs: options.dataEndMs, fresh: options.fresh, say });
  const small = await build(10_000);
  const large = await build(big);
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-scale-'));
  // the cache's workers do not keep a process alive (the app's window does); here, this does
  const keepAlive = setInterval(() => {}, 1000);
  try {
    const perContact = await writeCosts(options, { small: small.dbPath, large: large.dbPath }, dir, say);
    const page = await measurePage(options, large.dbPath, big, say);
    const bytes = statSync(large.dbPath).size;
    const rows = [writeCostRow(big, perContact.newest, 'newest'), writeCostRow(big, perContact.history, 'history'), ...pageRows(big, page), fileSizeRow(big, bytes)];
    return { rows, details: { contacts: big, perContact, page, fileBytes: bytes } };
  } finally {
    clearInterval(keepAlive);
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeCostRow(big: number, costs: Record<(typeof SIZES)[number], WriteCost[]>, dates: NewDates): Measurement {
  const ms = { small: median(costs.small.map((cost) => cost.ms)), large: median(costs.large.map((cost) => cost.ms)) };
  const cpuMs = { small: median(costs.small.map((cost) => cost.cpuMs)), large: median(costs.large.map((cost) => cost.cpuMs)) };
  const ratio = ratioOf(ms.large, ms.small);
  const dated = dates === 'newest' ? 'new contacts dated after the cached ones' : 'new contacts dated across the cached history';
  const rounds = (label: (typeof SIZES)[number]) => costs[label].map((cost) => cost.ms.toFixed(3)).join(', ');
  return {
    part: 'scale',
    measure: `Sync write cost per contact with ${big.toLocaleString('en-US')} cached (${dated})`,
    unit: 'ms',
    ours: ms.large,
    reference: { label: '10,000 cached', value: ms.small },
    ratio,
    target: '≤ 1.3× the cost at 10,000',
    pass: ratio !== null && ratio <= 1.3,
    note:
      `pages of ${PAGE} new contacts (${PAGES.large - 1} on the ${big.toLocaleString('en-US')}, ${PAGES.small - 1} on the 10,000), each written with its resume point, one after the other; median of ${WRITE_ROUNDS} rounds ` +
      `(${big.toLocaleString('en-US')}: ${rounds('large')} ms; 10,000: ${rounds('small')} ms); CPU time of all the process's threads per contact ` +
      `${cpuMs.large.toFixed(3)} vs ${cpuMs.small.toFixed(3)} ms (${(cpuMs.large / cpuMs.small).toFixed(2)}×)`,
  };
}

function fileSizeRow(big: number, bytes: number): Measurement {
  return { part: 'scale', measure: `Cache file size per contact (${big.toLocaleString('en-US')} cached)`, unit: 'bytes', ours: Math.round(bytes / big), reference: null, ratio: null, target: null, pass: null, note: `${(bytes / 2 ** 20).toFixed(0)} MB in all` };
}
