/**
 * Exports from a real cache (filled from the sandbox, which is stopped before any export runs),
 * through the real worker, to real files; every file is read back with csv-parse in strict mode.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { rows } from '../../../electron/core/contacts/cache-queries.ts';
import { openReader } from '../../../electron/core/contacts/cache-reader.ts';
import { createExporter } from '../../../electron/core/export/exporter.ts';
import { protectCell, unprotectCell } from '../../../electron/core/export/formula-policy.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import type { ExportProgress, ExportRequest } from '../../../electron/ipc/types.ts';
import { HOSTILE_CONTACTS } from '../../../sandbox/contacts-data.ts';
import { findLibreOffice, openCsvInLibreOffice } from '../../support/spreadsheet.ts';
import { COLUMNS, cacheFromSandbox, recordingLogger, type CacheFixture } from './cache-fixture.ts';

const CONTACTS = 3000;
let fixture: CacheFixture;

before(async () => {
  fixture = await cacheFromSandbox(CONTACTS);
});
after(() => fixture.remove());

const request = (changes: Partial<ExportRequest> = {}): ExportRequest => ({
  columns: COLUMNS,
  scope: 'all',
  search: '',
  header: 'labels',
  excelFriendly: true,
  delimiter: ',',
  ...changes,
});

async function exportTo(fileName: string, exportRequest: ExportRequest) {
  const log = recordingLogger();
  const exporter = createExporter({ dbPath: fixture.dbPath, clock: systemClock, log });
  const events: { at: number; progress: ExportProgress }[] = [];
  const path = join(fixture.folder, fileName);
  const { exportId, done } = exporter.start(exportRequest, { path }, (progress) => events.push({ at: performance.now(), progress }));
  const final = await done;
  await exporter.dispose();
  return { path, exportId, final, events, log };
}

function parseStrict(path: string, delimiter: string): string[][] {
  return parse(readFileSync(path), { delimiter, bom: true, relax_quotes: false, relax_column_count: false, skip_empty_lines: false });
}

/** The cache's own cells for the same query, as the export must have written them. */
function cachedRows(columns: string[], search: string): string[][] {
  const cache = openReader(fixture.dbPath);
  try {
    return [...rows(cache, { columns, search })].map((row) => row.map((cell) => cell ?? ''));
  } finally {
    cache.close();
  }
}

test('the sandbox is stopped: nothing below can reach the network', async () => {
  await assert.rejects(fetch(`${fixture.stoppedSandboxUrl}/crm/objects/2026-03/contacts`));
});

test('every field of every contact, hostile values included, reads back exactly as cached', async () => {
  const { path, exportId, final, events, log } = await exportTo('all-contacts.csv', request());

  assert.deepEqual(final, { exportId, state: 'done', written: CONTACTS, total: CONTACTS, fileName: 'all-contacts.csv', error: null });
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'Excel-friendly files start with the UTF-8 byte order mark');
  assert.ok(bytes.includes('\r\n'), 'and use CRLF line ends');

  const [header, ...rows] = parseStrict(path, ',');
  assert.deepEqual(header, ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Mobile Phone Number', 'Company Name', 'Job Title', 'City', 'Country/Region', 'Postal Code', 'Lifecycle Stage']);
  const expected = cachedRows(COLUMNS, '');
  assert.equal(rows.length, expected.length);
  rows.forEach((fields, r) => {
    assert.equal(fields.length, COLUMNS.length);
    fields.forEach((field, c) => {
      const value = expected[r]![c]!;
      assert.equal(field, protectCell(value, { keepDigitsAsText: true }), `row ${r + 1}, ${COLUMNS[c]}: written as the formula policy says`);
      assert.equal(unprotectCell(field), value, `row ${r + 1}, ${COLUMNS[c]}: the original value comes back`);
    });
  });

  // The hostile values the sandbox plants must really be in there (not lost on the way into the cache).
  const byId = new Map(rows.map((fields) => [fields[0], fields]));
  for (const [kind, { id, property, value }] of Object.entries(HOSTILE_CONTACTS)) {
    const column = COLUMNS.indexOf(property);
    if (column < 0) continue;
    assert.equal(unprotectCell(byId.get(id)![column]!), value ?? '', kind);
  }
  assert.equal(byId.get(HOSTILE_CONTACTS.leadingEquals.id)![COLUMNS.indexOf('company')], `'${HOSTILE_CONTACTS.leadingEquals.value}`);
  assert.equal(byId.get(HOSTILE_CONTACTS.ukPhone.id)![COLUMNS.indexOf('phone')], HOSTILE_CONTACTS.ukPhone.value);

  assert.equal(events.at(-1)!.progress.state, 'done');
  assert.ok(events.slice(0, -1).every((event) => event.progress.state === 'running'));
  const written = events.map((event) => event.progress.written);
  assert.deepEqual(written, [...written].sort((a, b) => a - b), 'progress only moves forward');
  assert.deepEqual(readdirSync(fixture.folder).filter((name) => name.includes('.partial-')), [], 'no partial file is left');
  assert.ok(log.lines.some((line) => line.message === 'export finished' && line.fields?.rows === CONTACTS));
});

test('the search results only, with a semicolon, plain line ends and internal names', async () => {
  const search = 'Müller';
  const columns = ['hs_object_id', 'firstname', 'lastname', 'company', 'zip'];
  const { path, final } = await exportTo('search.csv', request({ scope: 'search', search, columns, header: 'names', excelFriendly: false, delimiter: ';' }));

  const expected = cachedRows(columns, search);
  assert.ok(expected.length > 0 && expected.length < CONTACTS, `the search matches some contacts (${expected.length})`);
  assert.equal(final.state, 'done');
  assert.equal(final.total, expected.length);
  assert.equal(final.written, expected.length);

  const text = readFileSync(path, 'utf8');
  assert.ok(!text.startsWith('\uFEFF') && !text.includes('\r\n'), 'no byte order mark, LF line ends');
  const [header, ...rows] = parseStrict(path, ';');
  assert.deepEqual(header, columns);
  assert.deepEqual(rows.map((fields) => fields.map(unprotectCell)), expected);
  // Plain files keep digits as they are: a zip code with a leading zero is written without a marker.
  for (const fields of rows) if (/^0\d+$/.test(fields[4]!)) assert.doesNotMatch(fields[4]!, /^'/);
});

test('a search scope with an empty search exports everything; scope "all" ignores a leftover search', async () => {
  const { final } = await exportTo('all-despite-search.csv', request({ scope: 'all', search: 'Müller', columns: ['hs_object_id'] }));
  assert.equal(final.written, CONTACTS);
});

test('LibreOffice opens the real export with no formula and every leading zero kept', async (t) => {
  const soffice = await findLibreOffice();
  if (soffice.path === null) {
    console.log(`# skipped: ${soffice.reason}`);
    return t.skip(soffice.reason);
  }
  const columns = ['hs_object_id', 'firstname', 'lastname', 'phone', 'mobilephone', 'company', 'jobtitle', 'zip'];
  const { path } = await exportTo('for-calc.csv', request({ columns, scope: 'search', search: '' }));
  const sheet = await openCsvInLibreOffice(soffice.path, path, ',');
  const expected = cachedRows(columns, '');
  assert.equal(sheet.length, expected.length + 1);
  let leadingZeros = 0;
  let phones = 0;
  sheet.slice(1).forEach((cells, r) => {
    columns.forEach((column, c) => {
      const cell = cells[c];
      const value = expected[r]![c]!;
      const where = `row ${r + 1}, ${column} ${JSON.stringify(value.slice(0, 40))}`;
      assert.equal(cell?.formula ?? null, null, `${where}: evaluated as a formula`);
      if (/^0\d+$/.test(value)) {
        leadingZeros++;
        assert.equal(cell?.text, `'${value}`, `${where}: leading zeros kept`);
      }
      if (column === 'phone' && value.startsWith('+')) {
        phones++;
        assert.ok(cell?.text.endsWith(value), `${where}: the phone number reads as written`);
      }
    });
  });
  assert.ok(leadingZeros > 10 && phones > 100, `checked ${leadingZeros} leading-zero values and ${phones} phone numbers`);
});

test('two exports can run at once, each into its own file', async () => {
  const log = recordingLogger();
  const exporter = createExporter({ dbPath: fixture.dbPath, clock: systemClock, log });
  const a = exporter.start(request({ columns: ['email'] }), { path: join(fixture.folder, 'a.csv') }, () => {});
  const b = exporter.start(request({ columns: ['company'], delimiter: ';' }), { path: join(fixture.folder, 'b.csv') }, () => {});
  assert.notEqual(a.exportId, b.exportId);
  const [doneA, doneB] = await Promise.all([a.done, b.done]);
  assert.equal(doneA.state, 'done');
  assert.equal(doneB.state, 'done');
  assert.equal(parseStrict(join(fixture.folder, 'a.csv'), ',').length, CONTACTS + 1);
  assert.equal(parseStrict(join(fixture.folder, 'b.csv'), ';').length, CONTACTS + 1);
  exporter.cancel('no-such-export');
  await exporter.dispose();
});
