import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileSafeName, suggestedExportFileName } from '../../../../electron/core/export/export-file-name.ts';

const now = new Date(2026, 2, 5, 23, 59).getTime();
const request = { scope: 'view', format: 'csv', search: '' } as const;

test('the suggested name carries the local date and says what was exported', () => {
  assert.equal(suggestedExportFileName({ ...request, scope: 'all', viewName: 'My customers' }, now), 'contacts-2026-03-05.csv');
  assert.equal(suggestedExportFileName({ ...request, format: 'xlsx', scope: 'all' }, now), 'contacts-2026-03-05.xlsx');
  assert.equal(suggestedExportFileName({ ...request, viewName: 'My customers' }, now), 'My customers 2026-03-05.csv');
  assert.equal(suggestedExportFileName({ ...request, search: 'acme' }, now), 'contacts-search-2026-03-05.csv');
  assert.equal(suggestedExportFileName({ ...request, filters: [{ kind: 'owner', owners: ['me'] }] }, now), 'contacts-filtered-2026-03-05.csv');
  assert.equal(suggestedExportFileName({ ...request, filters: [{ kind: 'owner', owners: ['me'] }], viewName: '///' }, now), 'contacts-filtered-2026-03-05.csv', 'nothing usable left of the name');
});

test('a view name becomes a file name every system takes, kept as typed where it can be', () => {
  assert.equal(fileSafeName('Leads: Germany / Q3?'), 'Leads Germany Q3');
  assert.equal(fileSafeName('Kunden 🇩🇪 Ü'), 'Kunden 🇩🇪 Ü');
  assert.equal(fileSafeName('לקוחות שלי'), 'לקוחות שלי', 'right-to-left text is kept');
  assert.equal(fileSafeName('report\u202Egpj.exe'), 'report gpj.exe', 'a right-to-left override cannot disguise the extension');
  assert.equal(fileSafeName('..hidden..'), 'hidden');
  assert.equal(fileSafeName('CON'), 'CON view');
  assert.equal(fileSafeName('a\u0000b\tc'), 'a b c');
  const long = fileSafeName('😀'.repeat(500))!;
  assert.equal(Array.from(long).length, 60, 'cut at 60 characters, never inside one');
  assert.equal(fileSafeName('   '), null);
});
