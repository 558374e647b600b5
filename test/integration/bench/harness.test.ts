/**
 * The benchmark harness at small sizes: what it compares must be comparable (the cache it builds is
 * the one a sync leaves; sqlite3 and our exporter write the same rows) and its checks must catch a
 * cache that is wrong.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { openContactsCache } from '../../../electron/core/contacts/cache.ts';
import { syncedPropertyList } from '../../../electron/core/contacts/synced-properties.ts';
import { compareWithSandbox } from '../../../bench/cache-check.ts';
import { EXPORT_COLUMNS, exportWithOurs, exportWithSqlite3 } from '../../../bench/export-bench.ts';
import { bundleExport } from '../../../bench/export-bundle.ts';
import { fillCache } from '../../../bench/fill-cache.ts';
import { parseBenchOptions } from '../../../bench/options.ts';
import { unprotectCell } from '../../../electron/core/export/formula-policy.ts';
import { startRemoteSandbox } from '../../../bench/remote-sandbox.ts';
import { rendererIsCurrent } from '../../../bench/renderer-build.ts';
import { measurePage, pageRows } from '../../../bench/scale-page.ts';
import { runSyncBench } from '../../../bench/sync-bench.ts';
import { runTableBench } from '../../../bench/table-bench.ts';
import { runViewsBench } from '../../../bench/views-bench.ts';

const endMs = Date.parse('2026-03-01T00:00:00Z');

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-bench-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the filled cache is what a sync leaves, and the check finds a missing and a changed contact', async (t) => {
  const sandbox = await startRemoteSandbox({ contacts: 600, seed: 3, dataEndTime: endMs });
  t.after(() => sandbox.close());
  const dbPath = join(tempDir(t), 'contacts.sqlite');
  await fillCache({ dbPath, total: 600, seed: 3, endMs });
  const properties = syncedPropertyList();
  const cache = openContactsCache(dbPath);
  t.after(() => cache.close());

  assert.deepEqual(await compareWithSandbox(sandbox, dbPath, properties), { expected: 600, cached: 600, missing: 0, unexpected: 0, stale: 0 });

  await cache.removeContacts(['17']);
  await sandbox.call({ method: 'updateContacts', changes: [{ id: '250', properties: { jobtitle: 'Changed in HubSpot' } }] });
  assert.deepEqual(await compareWithSandbox(sandbox, dbPath, properties), { expected: 600, cached: 599, missing: 1, unexpected: 0, stale: 1 });
});

test('sqlite3 and our exporter (bundled as shipped) write the same contacts in the same order', async (t) => {
  const dir = tempDir(t);
  const dbPath = join(dir, 'contacts.sqlite');
  await fillCache({ dbPath, total: 800, seed: 5, endMs, extraProperties: ['mobilephone', 'city', 'country', 'zip'] });

  const reference = await exportWithSqlite3(dbPath, join(dir, 'sqlite3.csv'));
  const ours = await exportWithOurs(await bundleExport(dir), dbPath, join(dir, 'ours.csv'), { columns: EXPORT_COLUMNS, scope: 'all', search: '', header: 'labels', format: 'csv', values: 'stored', excelFriendly: false, delimiter: ',' });
  assert.equal(ours.state, 'done');
  assert.equal(ours.written, 800);
  assert.ok(reference.ms > 0 && reference.bytes > 0);

  const sqliteRows = parse(readFileSync(join(dir, 'sqlite3.csv'), 'utf8'), { relax_column_count: false }) as string[][];
  const ourRows = parse(readFileSync(join(dir, 'ours.csv'), 'utf8'), { relax_column_count: false }) as string[][];
  assert.equal(sqliteRows.length, 801);
  assert.equal(ourRows.length, 801);
  assert.deepEqual(ourRows[0], sqliteRows[0], 'the same header labels');
  assert.deepEqual(ourRows.map((row) => row[0]), sqliteRows.map((row) => row[0]), 'the same ids in the same order');
  // Our cells, with the text markers taken out again (unprotectCell, the policy's exact inverse), say
  // what sqlite3 says. sqlite3's CLI prints text with C string functions, which stop at a NUL: a value
  // holding one (the sandbox's hostile contacts) is compared up to it, and only those.
  const upToNul = (text: string) => text.split('\u0000')[0];
  const cells = ourRows.flatMap((row, r) => row.map((cell, c) => ({ ours: cell, exact: unprotectCell(cell), sqlite3: sqliteRows[r]?.[c] })));
  assert.deepEqual(cells.filter((cell) => upToNul(cell.exact) !== cell.sqlite3), []);
  assert.ok(cells.some((cell) => cell.ours !== cell.exact), 'the generated contacts include values that need the marker');
  const withNul = cells.filter((cell) => cell.exact.includes('\u0000'));
  assert.ok(withNul.length > 0 && withNul.length <= 5, `only the planted NUL values are compared in part (${withNul.length})`);
  assert.ok(withNul.every((cell) => cell.exact.length > cell.sqlite3!.length), 'and what follows their NUL is in our file');
});

test('the sync benchmark at small size: our sync and the SDK each fetch every contact, the table says so', async () => {
  const options = parseBenchOptions(['--quick', '--only', 'sync,incremental']);
  options.sizes.syncContacts = 1200;
  options.sandbox = { latencyMs: 0, rateLimit: { max: 110, intervalMs: 1000 }, searchPerSecond: 20 };
  const { rows, details } = await runSyncBench(options, () => {});

  const byMeasure = (start: string) => {
    const row = rows.find((candidate) => candidate.measure.startsWith(start));
    assert.ok(row, `a row for "${start}"`);
    return row;
  };
  assert.equal(byMeasure('Full sync: cache against HubSpot').pass, true);
  assert.equal(byMeasure('Full sync: 429 answers').pass, true);
  const speed = byMeasure('Full sync of 1,200 contacts');
  assert.equal(speed.reference?.label, 'HubSpot SDK getAll');
  assert.ok(typeof speed.ours === 'number' && speed.ours > 0);
  assert.equal((details.sdk as { uniqueIds: number }).uniqueIds, 1200);
  const incremental = byMeasure('Incremental sync after 12 of 1,200');
  assert.equal(incremental.pass, true, incremental.note);
});

test(
  'the table benchmark at small size: the probe sees the first rows, a search and the scroll to the end',
  { skip: rendererIsCurrent() ? false : 'dist/renderer is missing or older than renderer/: run npm run build:renderer first' },
  async () => {
    const options = parseBenchOptions(['--quick', '--only', 'table']);
    options.sizes.tableContacts = 3000;
    const { rows } = await runTableBench(options, () => {});
    const [opening, search, scroll] = rows;
    assert.ok(opening && typeof opening.ours === 'number' && opening.ours > 0 && opening.ours < 10_000, `first rows: ${opening?.ours}`);
    assert.ok(search && typeof search.ours === 'number' && search.ours > 0, `search: ${search?.ours}`);
    assert.match(search.note ?? '', /matches in \d+ ms/);
    assert.ok(scroll && typeof scroll.ours === 'number' && scroll.ours > 5, `rows while scrolling: ${scroll?.ours}`);
    assert.notEqual(scroll.note, 'the last contact never appeared after scrolling to the end');
  },
);

test(
  'the views benchmark at small size: the saved view is chosen and painted with its count, and a list of 2,000 members is fetched',
  { skip: rendererIsCurrent() ? false : 'dist/renderer is missing or older than renderer/: run npm run build:renderer first' },
  async () => {
    const options = parseBenchOptions(['--quick', '--only', 'views']);
    options.sizes.tableContacts = 3000;
    const { rows, details } = await runViewsBench(options, () => {});
    const [chosen, page, list] = rows;
    assert.ok(chosen && typeof chosen.ours === 'number' && chosen.ours > 0 && chosen.ours < 10_000, `view chosen → painted: ${chosen?.ours}`);
    const direct = (details.table as { direct: { total: number } }).direct;
    assert.ok(direct.total > 0, 'the view leaves some contacts, so the page really was filtered');
    assert.ok(page && typeof page.ours === 'number' && page.ours > 0);
    assert.ok(list && typeof list.ours === 'number' && list.ours > 0);
    assert.equal((details.lists as { members: number }).members, 2000);
    // 8 pages at 250 ms cannot take less than their round trips
    assert.ok((list.ours as number) >= 2, `members fetched in ${list.ours} s`);
  },
);

test(
  "the scale part's page side at small size: calls from the page are answered over the preview's transport under every load, and the table is measured to its end",
  { skip: rendererIsCurrent() ? false : 'dist/renderer is missing or older than renderer/: run npm run build:renderer first' },
  async (t) => {
    const contacts = 3000;
    const options = parseBenchOptions(['--quick', '--only', 'scale']);
    const dbPath = join(tempDir(t), 'kept.sqlite');
    await fillCache({ dbPath, total: contacts, seed: options.seed, endMs: options.dataEndMs });
    // every load for a moment: what is checked here is that each is run and measured, not its figures
    const figures = await measurePage(options, dbPath, contacts, () => {}, { loadMs: 2000, fullSyncMs: 3000 });

    assert.deepEqual(Object.keys(figures.roundTrips).sort(), ['export', 'fullSync', 'idle', 'scrolling', 'sync', 'typing']);
    for (const [load, trips] of Object.entries(figures.roundTrips)) {
      assert.ok(trips.calls > 0 && trips.p99 > 0 && trips.max >= trips.p99, `${load}: ${JSON.stringify(trips)}`);
      // the browser's own timings of those calls: they really went over the preview's HTTP bridge
      assert.ok(trips.network.p99 > 0, `${load}: no resource timings for the calls`);
      // the main process's CPU meanwhile: its main thread's own share of the whole process's
      assert.ok(trips.mainLoop.mainCpuMs > 0 && trips.mainLoop.processCpuMs >= trips.mainLoop.mainCpuMs, `${load}: ${JSON.stringify(trips.mainLoop)}`);
      // and Chromium's counters of the page's own work meanwhile
      assert.ok(trips.pageWork.taskMs > 0 && trips.pageWork.taskMs >= trips.pageWork.scriptMs, `${load}: ${JSON.stringify(trips.pageWork)}`);
    }
    assert.ok(figures.searches.length >= 2 && figures.searches.every((search) => search.expected > 0 && search.ms > 0));
    assert.ok(figures.sorts.length > 0 && figures.sorts.every((sort) => sort.ms > 0));
    assert.ok(figures.jumps.middle.reached && figures.jumps.end.reached, JSON.stringify(figures.jumps));
    assert.ok(figures.scroll.reachedEnd && figures.scroll.maxRows > 5);
    assert.ok(figures.memory.rss > 0 && figures.memory.peakRss >= figures.memory.rss);
    const rows = pageRows(contacts, figures);
    assert.ok(rows.length > 0 && rows.every((row) => row.pass !== null), 'every page figure has a target');
  },
);
