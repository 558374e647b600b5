import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnFormat, columnKind, spreadsheetNumber, type PropertyFacts } from '../../../../electron/core/values/as-shown.ts';
import type { OwnerDirectory, OwnerFacts } from '../../../../electron/core/values/owner-names.ts';

process.env.TZ = 'Europe/Berlin';

const property = (name: string, type: string, fieldType: string, options: [string, string][] = []): PropertyFacts => ({
  name,
  type,
  fieldType,
  options: options.map(([value, label]) => ({ value, label })),
});
const stage = property('lifecyclestage', 'enumeration', 'radio', [['lead', 'Lead'], ['salesqualifiedlead', 'Sales Qualified Lead'], ['customer', 'Customer']]);
const flavours = property('flavours', 'enumeration', 'checkbox', [['chocolate', 'Chocolate'], ['strawberry', 'Strawberry'], ['vanilla', 'Vanilla']]);
const optIn = property('opted_in', 'bool', 'booleancheckbox');
const birthday = property('birthday', 'date', 'date');
const lastActivity = property('notes_last_updated', 'datetime', 'date');
const employees = property('numberofemployees', 'number', 'number');
const owner = (id: string, firstName: string | null, lastName: string | null, email: string | null, archived = false): [string, OwnerFacts] => [
  id,
  { id, firstName, lastName, email, archived },
];
const owners: OwnerDirectory = new Map([
  owner('101', 'Ada', 'Lovelace', 'ada@example.com'),
  owner('102', null, null, 'queue@example.com'),
  owner('103', 'Grace', 'Hopper', 'grace@example.com', true),
  owner('104', '  ', '', null),
  owner('105', 'Alan', null, null),
]);

const shown = (name: string, facts: PropertyFacts | undefined, raw: string | null) => columnFormat(name, facts, owners, 'shown').text(raw);

test('dropdowns show their labels; a value with no option left shows as HubSpot sent it', () => {
  assert.equal(shown('lifecyclestage', stage, 'salesqualifiedlead'), 'Sales Qualified Lead');
  assert.equal(shown('lifecyclestage', stage, 'retired-stage'), 'retired-stage');
  assert.equal(shown('lifecyclestage', undefined, 'salesqualifiedlead'), 'salesqualifiedlead', 'before the definitions arrive');
});

test('several choices: labels in HubSpot\'s option order, joined by "; ", stale values after them', () => {
  assert.equal(shown('flavours', flavours, 'vanilla;chocolate'), 'Chocolate; Vanilla');
  assert.equal(shown('flavours', flavours, 'strawberry'), 'Strawberry');
  assert.equal(shown('flavours', flavours, 'mint;vanilla;;chocolate'), 'Chocolate; Vanilla; mint');
});

test('yes/no, numbers and text', () => {
  assert.equal(shown('opted_in', optIn, 'true'), 'Yes');
  assert.equal(shown('opted_in', optIn, 'false'), 'No');
  assert.equal(shown('opted_in', optIn, 'TRUE'), 'TRUE');
  for (const raw of ['17', '1234.5', '1e400', '12,5', '12345678901234567890', 'n/a']) assert.equal(shown('numberofemployees', employees, raw), raw);
  assert.equal(shown('company', property('company', 'string', 'text'), '=HYPERLINK("x")'), '=HYPERLINK("x")');
  assert.equal(shown('company', undefined, null), '');
  assert.equal(shown('company', undefined, ''), '');
});

test('dates and date-times read as spreadsheets read dates; bad ones stay raw', () => {
  assert.equal(shown('birthday', birthday, '2023-12-04'), '2023-12-04');
  assert.equal(shown('birthday', birthday, '1572480000000'), '2019-10-31');
  assert.equal(shown('notes_last_updated', lastActivity, '2023-12-04T13:19:15.479Z'), '2023-12-04 14:19');
  assert.equal(shown('createdate', undefined, '2023-12-04T13:19:15.479Z'), '2023-12-04 14:19', 'built-in date-time before the definitions arrive');
  for (const raw of ['2023-02-30', 'soon', '0000-01-01', '99999999999999999']) {
    assert.equal(shown('birthday', birthday, raw), raw);
    assert.equal(shown('notes_last_updated', lastActivity, raw), raw);
  }
});

test('Contact owner: the name, else the email, else "Unknown owner (id)"; archived owners keep their name', () => {
  assert.equal(shown('hubspot_owner_id', undefined, '101'), 'Ada Lovelace');
  assert.equal(shown('hubspot_owner_id', undefined, '102'), 'queue@example.com');
  assert.equal(shown('hubspot_owner_id', undefined, '103'), 'Grace Hopper');
  assert.equal(shown('hubspot_owner_id', undefined, '104'), 'Unknown owner (104)');
  assert.equal(shown('hubspot_owner_id', undefined, '105'), 'Alan');
  assert.equal(shown('hubspot_owner_id', undefined, '999'), 'Unknown owner (999)');
  assert.equal(shown('hubspot_owner_id', undefined, 'not-an-id'), 'not-an-id');
  // Without the owners scope there is no directory: the id, as HubSpot sent it.
  assert.equal(columnFormat('hubspot_owner_id', undefined, null, 'shown').text('101'), '101');
});

test('"As stored" keeps every raw string', () => {
  for (const [name, facts, raw] of [
    ['lifecyclestage', stage, 'salesqualifiedlead'],
    ['opted_in', optIn, 'true'],
    ['hubspot_owner_id', undefined, '101'],
    ['notes_last_updated', lastActivity, '2023-12-04T13:19:15.479Z'],
  ] as const) {
    const format = columnFormat(name, facts, owners, 'stored');
    assert.equal(format.text(raw), raw);
    assert.deepEqual(format.cell(raw), { kind: 'text', text: raw });
  }
});

test('workbook cells: numbers only for number properties and only when exact, dates with their serial', () => {
  const number = columnFormat('numberofemployees', employees, owners, 'shown');
  assert.deepEqual(number.cell('1234.5'), { kind: 'number', text: '1234.5', value: 1234.5 });
  assert.deepEqual(number.cell('1e400'), { kind: 'text', text: '1e400' });
  assert.deepEqual(number.cell('12,5'), { kind: 'text', text: '12,5' });
  assert.deepEqual(number.cell('12345678901234567890'), { kind: 'text', text: '12345678901234567890' });
  assert.equal(number.cell(null), null);
  assert.deepEqual(columnFormat('zip', undefined, owners, 'shown').cell('01234'), { kind: 'text', text: '01234' }, 'text stays text, zeros and all');
  assert.deepEqual(columnFormat('birthday', birthday, owners, 'shown').cell('2023-12-04'), { kind: 'date', text: '2023-12-04', serial: 45264 });
  assert.equal(columnFormat('notes_last_updated', lastActivity, owners, 'shown').cell('2023-12-04T13:19:00Z')?.kind, 'datetime');
  assert.deepEqual(columnFormat('notes_last_updated', lastActivity, owners, 'shown').cell('nope'), { kind: 'text', text: 'nope' });
  assert.deepEqual(columnFormat('lifecyclestage', stage, owners, 'shown').cell('customer'), { kind: 'text', text: 'Customer' });
});

test('column kinds follow HubSpot\'s types', () => {
  assert.equal(columnKind('hs_object_id', undefined), 'number');
  assert.equal(columnKind('hubspot_owner_id', property('hubspot_owner_id', 'enumeration', 'select')), 'owner');
  assert.equal(columnKind('flavours', flavours), 'choices');
  assert.equal(columnKind('phone', property('phone', 'string', 'phonenumber')), 'text');
});

test('spreadsheet numbers', () => {
  assert.equal(spreadsheetNumber('17'), 17);
  assert.equal(spreadsheetNumber('-0.5'), -0.5);
  assert.equal(spreadsheetNumber('123456789012345'), 123456789012345);
  assert.equal(spreadsheetNumber('0.000000000000000000001'), 1e-21);
  assert.equal(spreadsheetNumber('1234567890123456'), null);
  for (const raw of ['', '.', '1e400', '12,5', 'NaN', 'Infinity', '0x10', ' 1', '1 000']) assert.equal(spreadsheetNumber(raw), null, raw);
});

test('alwaysText: a column so marked makes, for every value, the text cell of its text (the workbook skips the cell object)', () => {
  const columns: [string, PropertyFacts | undefined][] = [
    ['lifecyclestage', stage], ['flavours', flavours], ['opted_in', optIn], ['hubspot_owner_id', undefined], ['zip', undefined],
    ['birthday', birthday], ['notes_last_updated', lastActivity], ['numberofemployees', employees], ['hs_object_id', undefined],
  ];
  const values = ['customer', 'chocolate;vanilla', ';', 'true', 'no', '101', '999', '01234', '2023-12-04', '2023-12-04T13:19:00Z', '1234.5', '12,5', ' spaced ', '=1+1'];
  const marked: string[] = [];
  for (const mode of ['shown', 'stored'] as const) {
    for (const [name, facts] of columns) {
      const format = columnFormat(name, facts, owners, mode);
      if (!format.alwaysText) continue;
      marked.push(`${mode} ${name}`);
      for (const raw of values) assert.deepEqual(format.cell(raw), { kind: 'text', text: format.text(raw) }, `${mode} ${name} ${raw}`);
    }
  }
  // every stored column, and the shown ones that are never numbers or dates
  assert.deepEqual(marked, [
    'shown lifecyclestage', 'shown flavours', 'shown opted_in', 'shown hubspot_owner_id', 'shown zip',
    ...columns.map(([name]) => `stored ${name}`),
  ]);
});
