/**
 * Exports from a real cache (filled from the sandbox, which is stopped before any export runs),
 * through the real worker, to real files, in both formats and both value modes. CSV files are read
 * back with csv-parse in strict mode, workbooks with LibreOffice. Every expected cell is written
 * here from the sandbox's raw value and the documented rules (FORMULA_POLICY.md, the README's
 * "as shown" list), not computed with the code under test; the table's own cells are compared too.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { openReader } from '../../../electron/core/contacts/cache-reader.ts';
import type { CachedContact } from '../../../electron/core/contacts/cache-types.ts';
import { queryShown } from '../../../electron/core/contacts/shown-queries.ts';
import { createExporter } from '../../../electron/core/export/exporter.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import type { ExportProgress, ExportRequest } from '../../../electron/ipc/types.ts';
import { HOSTILE_CONTACTS, OWNER_CONTACTS } from '../../../sandbox/contacts-data.ts';
import { convertWorkbooksInLibreOffice, findLibreOffice, openCsvFilesInLibreOffice, readLayout, readSheets, type SpreadsheetCell } from '../../support/spreadsheet.ts';
import { cacheFromSandbox, recordingLogger, type CacheFixture } from './cache-fixture.ts';
import { expectedCsvField, shownValues, visible } from './expected-cells.ts';

// "The computer's time zone": fixed for the test (the export worker follows the process's zone).
const TIME_ZONE = 'Europe/Berlin';
process.env.TZ = TIME_ZONE;

const CONTACTS = 3000;
const COLUMNS = [
  'hs_object_id', 'firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'jobtitle', 'zip',
  'lifecyclestage', 'hs_lead_status', 'hubspot_owner_id', 'createdate', 'notes_last_updated',
];
const col = (name: string) => COLUMNS.indexOf(name);

/** Hostile values the sandbox does not plant (yet), and values "as shown" cannot read. */
const EXTRA: CachedContact[] = [
  extra(990001, { lastname: 'Nul', company: '\u0000=HYPERLINK("http://x","y")', jobtitle: '\u0001\u0007=1+1' }),
  extra(990002, { lastname: 'Invisible', company: '\uFEFF=1+1', jobtitle: '\u200B=1+1' }),
  extra(990003, { lastname: 'Parts', company: 'x;=1+1;y', jobtitle: 'a,b,=c' }),
  extra(990004, { lastname: 'Stale', lifecyclestage: 'retired-stage', hs_lead_status: 'GONE', createdate: 'not a date', notes_last_updated: '99999999999999999' }),
];
const TOTAL = CONTACTS + EXTRA.length;

function extra(id: number, properties: Record<string, string | null>): CachedContact {
  const at = '2024-05-06T07:08:09.000Z';
  return { id: String(id), createdAt: at, updatedAt: at, properties: { hs_object_id: String(id), createdate: at, lastmodifieddate: at, ...properties } };
}

let fixture: CacheFixture;
before(async () => {
  fixture = await cacheFromSandbox(CONTACTS, EXTRA);
  expectedShown = shownValues(TIME_ZONE, fixture.owners);
});
after(() => fixture.remove());

const request = (changes: Partial<ExportRequest> = {}): ExportRequest => ({
  columns: COLUMNS,
  scope: 'all',
  search: '',
  header: 'labels',
  format: 'csv',
  values: 'shown',
  excelFriendly: true,
  delimiter: ',',
  ...changes,
});

async function exportTo(fileName: string, exportRequest: ExportRequest, jobOptions: { rowsPerSheet?: number } = {}) {
  const log = recordingLogger();
  const exporter = createExporter({ dbPath: fixture.dbPath, clock: systemClock, log, jobOptions });
  const events: ExportProgress[] = [];
  const path = join(fixture.folder, fileName);
  const { exportId, done } = exporter.start(exportRequest, { path }, (progress) => events.push(progress));
  const final = await done;
  await exporter.dispose();
  return { path, exportId, final, events, log };
}

function parseStrict(path: string, delimiter: string): string[][] {
  return parse(readFileSync(path), { delimiter, bom: true, relax_quotes: false, relax_column_count: false, skip_empty_lines: false });
}

/** The raw values, by contact, in id order (the export's order without a sort). */
const rawRows = () => [...fixture.contacts].sort((a, b) => Number(a.id) - Number(b.id)).map((c) => COLUMNS.map((name) => c.properties[name] ?? ''));

// ---- Expected values, written from the documents (expected-cells.ts) ----

/** The README's "As shown" list, in the test's time zone, with the sandbox's owners. */
let expectedShown: (column: string, raw: string) => string;
const DATE_TIMES = new Set(['createdate', 'notes_last_updated']);

/** What the table shows for each contact, in id order: the app's own query path. */
function tableRows(): string[][] {
  const reader = openReader(fixture.dbPath);
  try {
    const rows: string[][] = [];
    for (let offset = 0; offset < TOTAL; offset += 500) {
      const page = queryShown(reader, { search: '', sort: { column: 'hs_object_id', direction: 'asc' }, columns: COLUMNS, offset, limit: 500 });
      rows.push(...page.rows.map((row) => row.cells.map((cell) => cell ?? '')));
    }
    return rows;
  } finally {
    reader.close();
  }
}

const HEADER = [
  'Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Mobile Phone Number', 'Company Name', 'Job Title', 'Postal Code',
  'Lifecycle Stage', 'Lead Status', 'Contact owner', 'Create Date', 'Last Activity Date',
];

test('the sandbox is stopped: nothing below can reach the network', async () => {
  await assert.rejects(fetch(`${fixture.stoppedSandboxUrl}/crm/objects/2026-03/contacts`));
});

test('CSV, as stored: every field of every contact is HubSpot\'s raw value under the documented formula policy', async () => {
  const { path, exportId, final, events, log } = await exportTo('stored.csv', request({ values: 'stored' }));

  assert.deepEqual(final, { exportId, state: 'done', written: TOTAL, total: TOTAL, fileName: 'stored.csv', sheets: null, error: null });
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'Excel-friendly files start with the UTF-8 byte order mark');
  assert.ok(bytes.includes('\r\n'), 'and use CRLF line ends');

  const [header, ...rows] = parseStrict(path, ',');
  assert.deepEqual(header, HEADER);
  const raw = rawRows();
  assert.equal(rows.length, raw.length);
  rows.forEach((fields, r) => {
    assert.equal(fields.length, COLUMNS.length);
    fields.forEach((field, c) => assert.equal(field, expectedCsvField(raw[r]![c]!, true), `row ${r + 1}, ${COLUMNS[c]}`));
  });

  // The planted hostile values, spelled out.
  const byId = new Map(rows.map((fields) => [fields[0], fields]));
  const field = (id: string, column: string) => byId.get(id)![col(column)];
  assert.equal(field(HOSTILE_CONTACTS.leadingEquals.id, 'company'), `'=HYPERLINK("http://x","y")`);
  assert.equal(field(HOSTILE_CONTACTS.leadingAt.id, 'company'), "'@SUM(A1)");
  assert.equal(field(HOSTILE_CONTACTS.leadingPlus.id, 'company'), '+1');
  assert.equal(field(HOSTILE_CONTACTS.ukPhone.id, 'phone'), '+44 20 7946 0958');
  assert.equal(field(HOSTILE_CONTACTS.leadingMinus.id, 'company'), '-5');
  assert.equal(field(HOSTILE_CONTACTS.leadingTab.id, 'company'), '\tTabbed Ltd');
  assert.equal(field(HOSTILE_CONTACTS.leadingZeros.id, 'firstname'), "'007");
  assert.equal(field('12', 'zip'), "'01234");
  assert.equal(field('12', 'mobilephone'), "'00491701234567");
  assert.equal(field(HOSTILE_CONTACTS.leadingZerosPhone.id, 'phone'), '0049 30 1234567');
  assert.equal(field(HOSTILE_CONTACTS.crlf.id, 'jobtitle'), 'Responsable\r\ncommercial');
  assert.equal(field(HOSTILE_CONTACTS.everything.id, 'company'), 'Quote "Inc", Line\nBreak; Semi');
  assert.equal(field('23', 'jobtitle'), '"Quoted"\r\n\'=cmd|\' /C calc\'!A0');
  assert.equal(field('990001', 'company'), '\u0000\'=HYPERLINK("http://x","y")');
  assert.equal(field('990001', 'jobtitle'), "\u0001\u0007'=1+1");
  assert.equal(field('990002', 'company'), "\uFEFF'=1+1");
  assert.equal(field('990002', 'jobtitle'), "\u200B'=1+1");
  assert.equal(field('990003', 'company'), "x;'=1+1;y");
  assert.equal(field('990003', 'jobtitle'), "a,b,'=c");
  assert.equal(field('990004', 'lifecyclestage'), 'retired-stage');

  assert.equal(events.at(-1)!.state, 'done');
  const written = events.map((event) => event.written);
  assert.deepEqual(written, [...written].sort((a, b) => a - b), 'progress only moves forward');
  assert.deepEqual(readdirSync(fixture.folder).filter((name) => name.includes('.partial-')), [], 'no partial file is left');
  assert.ok(log.lines.some((line) => line.message === 'export finished' && line.fields?.rows === TOTAL));
});

test('CSV, as shown: labels and local dates, exactly what the table shows, under the same formula policy', async () => {
  const { path, final } = await exportTo('shown.csv', request({ values: 'shown', delimiter: ';', excelFriendly: false }));
  assert.equal(final.state, 'done');
  const [header, ...rows] = parseStrict(path, ';');
  assert.deepEqual(header, HEADER);
  const raw = rawRows();
  const table = tableRows();
  assert.equal(rows.length, TOTAL);
  rows.forEach((fields, r) => {
    fields.forEach((field, c) => {
      const shown = expectedShown(COLUMNS[c]!, raw[r]![c]!);
      const where = `row ${r + 1}, ${COLUMNS[c]}`;
      assert.equal(table[r]![c], shown, `${where}: the table shows it`);
      assert.equal(field, expectedCsvField(shown, false), `${where}: the file says what the table shows`);
    });
  });
  const byId = new Map(rows.map((fields) => [fields[0], fields]));
  assert.equal(byId.get('1')![col('lifecyclestage')], 'Customer');
  assert.equal(byId.get('990004')![col('lifecyclestage')], 'retired-stage', 'a stale option stays as HubSpot sent it');
  assert.equal(byId.get('990004')![col('hs_lead_status')], 'GONE');
  assert.equal(byId.get('990004')![col('createdate')], 'not a date');
  assert.equal(byId.get('990004')![col('notes_last_updated')], '99999999999999999');
  assert.equal(byId.get('990001')![col('createdate')], '2024-05-06 09:08', 'UTC 07:08 is 09:08 in Berlin in May');
  assert.match(byId.get('1')![col('createdate')]!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  // Contact owner, spelled out for each kind of owner the sandbox assigns.
  const owner = (id: string) => byId.get(id)![col('hubspot_owner_id')];
  assert.equal(owner(OWNER_CONTACTS.me), 'Pat Jones', 'an owner by first and last name');
  assert.notEqual(owner(OWNER_CONTACTS.archived), '', 'an archived owner keeps a name');
  assert.doesNotMatch(owner(OWNER_CONTACTS.archived)!, /^\d+$|Unknown/);
  assert.match(owner(OWNER_CONTACTS.gone)!, /^Unknown owner \(\d+\)$/, 'an id HubSpot no longer lists');
  assert.match(owner(OWNER_CONTACTS.unnamed)!, /@/, 'an owner with no name: the email');
  assert.equal(owner(OWNER_CONTACTS.none), '');
  assert.ok(rows.every((fields) => !/^\d+$/.test(fields[col('hubspot_owner_id')]!)), 'no bare owner id is left');
});

test('the search results only, with a semicolon, plain line ends and internal names', async () => {
  const search = 'Müller';
  const columns = ['hs_object_id', 'firstname', 'lastname', 'company', 'zip'];
  const { path, final } = await exportTo('search.csv', request({ scope: 'view', search, columns, header: 'names', values: 'stored', excelFriendly: false, delimiter: ';' }));

  const matching = fixture.contacts.filter((c) => `${c.properties.firstname} ${c.properties.lastname}`.includes(search));
  assert.ok(matching.length > 0 && matching.length < CONTACTS, `the search matches some contacts (${matching.length})`);
  assert.equal(final.state, 'done');
  const text = readFileSync(path, 'utf8');
  assert.ok(!text.startsWith('\uFEFF') && !text.includes('\r\n'), 'no byte order mark, LF line ends');
  const [header, ...rows] = parseStrict(path, ';');
  assert.deepEqual(header, columns);
  assert.equal(rows.length, final.written);
  const exported = new Set(rows.map((fields) => fields[0]));
  for (const contact of matching) assert.ok(exported.has(contact.id), `${contact.properties.firstname} ${contact.properties.lastname} is in the file`);
  const raw = new Map(fixture.contacts.map((c) => [c.id, c]));
  for (const fields of rows) {
    columns.forEach((name, c) => assert.equal(fields[c], expectedCsvField(raw.get(fields[0]!)!.properties[name] ?? '', false), `${fields[0]} ${name}`));
  }
});

test('scope "all" ignores a leftover search', async () => {
  const { final } = await exportTo('all-despite-search.csv', request({ scope: 'all', search: 'Müller', columns: ['hs_object_id'] }));
  assert.equal(final.written, TOTAL);
});

async function libreOffice(t: { skip(message: string): void }): Promise<string | null> {
  const soffice = await findLibreOffice();
  if (soffice.path !== null) return soffice.path;
  console.log(`# skipped: ${soffice.reason}`);
  t.skip(soffice.reason);
  return null;
}


/**
 * How LibreOffice must read one field of the file: text exactly as written (less the control
 * characters it drops), a number only where the field is a plain decimal, a date only where it is
 * one of the "as shown" date forms, and never a formula.
 */
function assertCalcCell(cell: SpreadsheetCell, field: string, where: string): void {
  assert.equal(cell.formula, null, `${where}: evaluated as a formula`);
  if (field === '') return assert.equal(cell.valueType, null, `${where}: empty`);
  switch (cell.valueType) {
    case 'string':
      return assert.equal(cell.text, visible(field), `${where}: the text as written`);
    case 'float':
      assert.match(field, /^[+-]?\d+(\.\d+)?$/, `${where}: only a plain number may become a number`);
      return assert.equal(Number(cell.value), Number(field), `${where}: the same number`);
    case 'date':
      assert.match(field, /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/, `${where}: only a date may become a date`);
      // ODF leaves out a midnight time: 2025-03-10 is 2025-03-10T00:00.
      return assert.equal(cell.value!.padEnd(16, 'T00:00').slice(0, field.length).replace('T', ' '), field, `${where}: the same date`);
    default:
      assert.fail(`${where}: read as ${cell.valueType} (${cell.text})`);
  }
}

const CALC_MODES = [
  { values: 'stored', delimiter: ',', excelFriendly: true },
  { values: 'shown', delimiter: ';', excelFriendly: false },
] as const;
const CALC_SEPARATORS = [',', ';', '\t'] as const;

/**
 * Both modes' CSV files, each opened by LibreOffice with every separator: one LibreOffice start per
 * separator for both files (a start costs seconds), made once for the tests below that read them.
 */
let calcCsvs: Promise<Map<string, SpreadsheetCell[][][]>> | undefined;
function openCalcCsvs(soffice: string): Promise<Map<string, SpreadsheetCell[][][]>> {
  calcCsvs ??= (async () => {
    const paths: string[] = [];
    for (const mode of CALC_MODES) paths.push((await exportTo(`calc-${mode.values}.csv`, request(mode))).path);
    const opened = new Map<string, SpreadsheetCell[][][]>();
    for (const separator of CALC_SEPARATORS) opened.set(separator, await openCsvFilesInLibreOffice(soffice, paths, separator));
    return opened;
  })();
  return calcCsvs;
}

for (const [m, mode] of CALC_MODES.entries()) {
  test(`LibreOffice opens the CSV (${mode.values}, '${mode.delimiter}', Excel-friendly ${mode.excelFriendly}) as written, and no cell is a formula with any separator`, async (t) => {
    const soffice = await libreOffice(t);
    if (!soffice) return;
    const opened = await openCalcCsvs(soffice);
    const sheet = opened.get(mode.delimiter)![m]!;
    const raw = rawRows();
    assert.equal(sheet.length, TOTAL + 1);
    sheet[0]!.forEach((cell, c) => assertCalcCell(cell, HEADER[c]!, `header ${c}`));
    raw.forEach((values, r) => {
      values.forEach((value, c) => {
        const shown = mode.values === 'shown' ? expectedShown(COLUMNS[c]!, value) : value;
        const where = `row ${r + 1}, ${COLUMNS[c]} ${JSON.stringify(value.slice(0, 40))}`;
        assertCalcCell(cellAt(sheet, r + 1, c), expectedCsvField(shown, mode.excelFriendly), where);
      });
    });
    const byId = new Map(sheet.slice(1).map((cells) => [cells[0]!.text, cells]));
    if (mode.excelFriendly) {
      assert.equal(byId.get('12')![col('zip')]!.text, "'01234", 'leading zeros kept, behind the visible marker');
      assert.equal(byId.get('9')![col('phone')]!.valueType, 'string', 'a phone number stays text');
    } else {
      assert.equal(byId.get('1')![col('createdate')]!.valueType, 'date', 'an as-shown date-time is a date to the spreadsheet');
      assert.equal(byId.get(OWNER_CONTACTS.me)![col('hubspot_owner_id')]!.text, 'Pat Jones');
    }
    assert.equal(byId.get('990001')![col('company')]!.text, `'=HYPERLINK("http://x","y")`, 'the NUL is dropped, the marker stays');

    // German and French Excel split a comma file on ";" (and anyone may pick tab): still no formula.
    for (const separator of CALC_SEPARATORS.filter((other) => other !== mode.delimiter)) {
      const resplit = opened.get(separator)![m]!;
      assert.ok(resplit.length > TOTAL, `opened with ${JSON.stringify(separator)}: every row is there`);
      assert.deepEqual(resplit.flat().filter((cell) => cell.formula !== null), [], `opened with ${JSON.stringify(separator)} as the separator, no cell is a formula`);
    }
  });
}

function cellAt(rows: SpreadsheetCell[][], r: number, c: number): SpreadsheetCell {
  return rows[r]?.[c] ?? { text: '', valueType: null, formula: null, value: null };
}

/** The workbooks the tests below check, exported once; with LibreOffice, each converted to flat ODF, all by one LibreOffice start. */
const WORKBOOKS = {
  shown: () => exportTo('shown.xlsx', request({ format: 'xlsx', values: 'shown' })),
  stored: () => exportTo('stored.xlsx', request({ format: 'xlsx', values: 'stored', header: 'names' })),
  sheets: () => exportTo('sheets.xlsx', request({ format: 'xlsx', columns: ['hs_object_id', 'lastname'] }), { rowsPerSheet: 1500 }),
  layout: () => exportTo('layout.xlsx', request({ format: 'xlsx', columns: ['hs_object_id', 'company'] }), { rowsPerSheet: 2000 }),
};
type Workbook = keyof typeof WORKBOOKS;
type WorkbookExport = Awaited<ReturnType<typeof exportTo>> & { fods: string | null };
let workbooks: Promise<Record<Workbook, WorkbookExport>> | undefined;
function exportWorkbooks(soffice: string | null): Promise<Record<Workbook, WorkbookExport>> {
  workbooks ??= (async () => {
    const names = Object.keys(WORKBOOKS) as Workbook[];
    const exports: Awaited<ReturnType<typeof exportTo>>[] = [];
    for (const name of names) exports.push(await WORKBOOKS[name]());
    const fods = soffice ? await convertWorkbooksInLibreOffice(soffice, exports.map((done) => done.path)) : null;
    return Object.fromEntries(names.map((name, i) => [name, { ...exports[i]!, fods: fods?.[i] ?? null }])) as Record<Workbook, WorkbookExport>;
  })();
  return workbooks;
}

test('Excel workbook, as shown: text cells exact, numbers only for number properties, dates as date cells, no formula', async (t) => {
  const soffice = await libreOffice(t);
  const { final, fods } = (await exportWorkbooks(soffice)).shown;
  assert.equal(final.state, 'done');
  assert.equal(final.sheets, 1);
  if (!soffice) return;
  const sheets = readSheets(fods!);
  assert.deepEqual(sheets.map((sheet) => sheet.name), ['Contacts']);
  const rows = sheets[0]!.rows;
  assert.deepEqual(rows[0]!.map((cell) => cell.text), HEADER);
  const raw = rawRows();
  const table = tableRows();
  assert.equal(rows.length, TOTAL + 1);
  for (let r = 0; r < TOTAL; r++) {
    COLUMNS.forEach((column, c) => {
      const cell = cellAt(rows, r + 1, c);
      const value = raw[r]![c]!;
      const shown = expectedShown(column, value);
      const where = `row ${r + 1}, ${column} ${JSON.stringify(value.slice(0, 40))}`;
      assert.equal(cell.formula, null, `${where}: a formula`);
      assert.equal(table[r]![c], shown, `${where}: the table shows it`);
      if (value === '') return assert.equal(cell.valueType, null, `${where}: empty`);
      if (column === 'hs_object_id') {
        assert.equal(cell.valueType, 'float', `${where}: a number cell`);
        assert.equal(cell.value, value);
      } else if (DATE_TIMES.has(column) && shown !== value) {
        assert.equal(cell.valueType, 'date', `${where}: a date cell`);
        assert.equal(cell.text, shown, `${where}: shown as the table shows it`);
        assert.equal(cell.value!.slice(0, 16).replace('T', ' '), shown);
      } else {
        assert.equal(cell.valueType, 'string', `${where}: a text cell`);
        assert.equal(cell.text, visible(shown), `${where}: the text, exactly`);
      }
    });
  }
  const byId = new Map(rows.slice(1).map((cells) => [cells[0]!.text, cells]));
  assert.equal(byId.get('12')![col('zip')]!.text, '01234', 'leading zeros, and no apostrophe: a text cell needs none');
  assert.equal(byId.get('7')![col('company')]!.text, '=HYPERLINK("http://x","y")');
  assert.equal(byId.get('990001')![col('company')]!.text, '=HYPERLINK("http://x","y")', 'the NUL is dropped by LibreOffice, the rest is text');
  assert.equal(byId.get('990004')![col('createdate')]!.valueType, 'string', 'a malformed date stays text');
});

test('Excel workbook, as stored: HubSpot\'s raw strings, all as text', async (t) => {
  const soffice = await libreOffice(t);
  if (!soffice) return;
  const [sheet] = readSheets((await exportWorkbooks(soffice)).stored.fods!);
  assert.deepEqual(sheet!.rows[0]!.map((cell) => cell.text), COLUMNS);
  const raw = rawRows();
  raw.forEach((values, r) => {
    values.forEach((value, c) => {
      const cell = cellAt(sheet!.rows, r + 1, c);
      assert.equal(cell.formula, null);
      assert.equal(cell.valueType, value === '' ? null : 'string', `row ${r + 1}, ${COLUMNS[c]}`);
      assert.equal(cell.text, visible(value), `row ${r + 1}, ${COLUMNS[c]}`);
    });
  });
});

test('more rows than a sheet holds continue on "Contacts (2)", "Contacts (3)", each with the header', async (t) => {
  const soffice = await libreOffice(t);
  const { final, fods } = (await exportWorkbooks(soffice)).sheets;
  assert.equal(final.state, 'done');
  assert.equal(final.written, TOTAL);
  assert.equal(final.sheets, 3);
  if (!soffice) return;
  const sheets = readSheets(fods!);
  assert.deepEqual(sheets.map((sheet) => sheet.name), ['Contacts', 'Contacts (2)', 'Contacts (3)']);
  assert.deepEqual(sheets.map((sheet) => sheet.rows.length - 1), [1500, 1500, TOTAL - 3000]);
  for (const sheet of sheets) assert.deepEqual(sheet.rows[0]!.map((cell) => cell.text), ['Record ID', 'Last Name']);
  const ids = sheets.flatMap((sheet) => sheet.rows.slice(1).map((cells) => cells[0]!.value));
  assert.deepEqual(ids, rawRows().map((values) => values[0]), 'every contact once, in order');
});

test('the workbook reads as laid out: bold header, filter buttons over every row of each sheet, columns sized to their content', async (t) => {
  const soffice = await libreOffice(t);
  if (!soffice) return;
  const { final, fods } = (await exportWorkbooks(soffice)).layout;
  assert.equal(final.sheets, 2);
  const layout = readLayout(fods!);
  assert.deepEqual(layout.sheets.map((sheet) => [sheet.name, sheet.boldHeader, sheet.boldBody]), [['Contacts', true, false], ['Contacts (2)', true, false]]);
  assert.deepEqual(layout.filterRanges, ['Contacts.A1:Contacts.B2001', `'Contacts (2)'.A1:'Contacts (2)'.B${TOTAL - 2000 + 1}`]);
  for (const sheet of layout.sheets) {
    const [id, company] = sheet.columnWidths;
    assert.ok(id! > 0 && company! > id!, `${sheet.name}: the company column (${company} in) is wider than the id column (${id} in)`);
  }
});

test('two exports can run at once, each into its own file', async () => {
  const log = recordingLogger();
  const exporter = createExporter({ dbPath: fixture.dbPath, clock: systemClock, log });
  const a = exporter.start(request({ columns: ['email'] }), { path: join(fixture.folder, 'a.csv') }, () => {});
  const b = exporter.start(request({ columns: ['company'], format: 'xlsx' }), { path: join(fixture.folder, 'b.xlsx') }, () => {});
  assert.notEqual(a.exportId, b.exportId);
  const [doneA, doneB] = await Promise.all([a.done, b.done]);
  assert.equal(doneA.state, 'done');
  assert.equal(doneB.state, 'done');
  assert.equal(parseStrict(join(fixture.folder, 'a.csv'), ',').length, TOTAL + 1);
  assert.deepEqual([...readFileSync(join(fixture.folder, 'b.xlsx')).subarray(0, 2)], [0x50, 0x4b], 'a zip file');
  exporter.cancel('no-such-export');
  await exporter.dispose();
});
