import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protectCell, unprotectCell, type CellPolicy } from '../../../../electron/core/export/formula-policy.ts';

const plain: CellPolicy = { keepDigitsAsText: false };
const excel: CellPolicy = { keepDigitsAsText: true };

test('values a spreadsheet would run as a formula get the text marker', () => {
  for (const value of [
    '=1+1',
    '=HYPERLINK("http://x","y")',
    '@SUM(A1)',
    '+cmd|\' /C calc\'!A0',
    '-2+3+cmd|\' /C calc\'!A0',
    '+A1',
    '-A1',
    '-Head of Minus',
    '-1+2',
    '+1-555-123-4567', // no space between the numbers: a formula would calculate it
    '+1 - 555 - 1234567', // spaces around operators are still a valid formula
    '+49 30/1234567', // a slash is a division (LibreOffice even reads it as a fraction)
    '+44 20 A1',
    '\tTabbed Ltd',
    '\t=2+2',
    '\r=1+1',
    '\n=1+1',
    ' =1+1', // importers that trim unquoted fields would bring the = to the front
    '  @SUM(A1)',
    ' -A1',
  ]) {
    assert.equal(protectCell(value, plain), `'${value}`, JSON.stringify(value));
    assert.equal(protectCell(value, excel), `'${value}`, JSON.stringify(value));
  }
});

test('numbers and spaced phone numbers stay as they are: evaluating them is harmless', () => {
  for (const value of ['-5', '+1', '-0.5', '-1,234.50', '+44 20 7946 0958', '+81 90-1234-5678', '+1 (555) 123-4567', '+33 1 23 45 67 89', '+7 912 345-67-89']) {
    assert.equal(protectCell(value, plain), value, value);
    assert.equal(protectCell(value, excel), value, value);
  }
});

test('a short "+digits digits" value is not taken for a phone number', () => {
  assert.equal(protectCell('+1 2', plain), "'+1 2");
});

test('ordinary text, dates and empty values are untouched', () => {
  for (const value of ['', 'Acme, Inc.', "O'Brien", '2024-01-05', '12 Main St', 'a=b', 'x+1', 'Zoë 🌟', '1-2']) {
    assert.equal(protectCell(value, plain), value, value);
    assert.equal(protectCell(value, excel), value, value);
  }
});

test('a value that already starts with an apostrophe gets another, so the marker is never ambiguous', () => {
  assert.equal(protectCell("'=1+1", plain), "''=1+1");
  assert.equal(protectCell("'tis", plain), "''tis");
  assert.equal(unprotectCell(protectCell("'=1+1", plain)), "'=1+1");
});

test('Excel-friendly files keep leading zeros and long digit runs as text; plain files leave them alone', () => {
  for (const value of ['007', '01234', '00491701234567', '1234567890123456']) {
    assert.equal(protectCell(value, excel), `'${value}`, value);
    assert.equal(protectCell(value, plain), value, value);
  }
  for (const value of ['0', '0.5', '123456789012345', '0049 30 1234567', '7']) {
    assert.equal(protectCell(value, excel), value, value);
  }
});

test('unprotectCell gives back every original value exactly', () => {
  const values = ['=1+1', '@x', '+1', '-5', '-x', "'", "''", '007', '\t', ' =', ' ', 'plain', '+44 20 7946 0958', '12345678901234567890'];
  for (const policy of [plain, excel]) {
    for (const value of values) assert.equal(unprotectCell(protectCell(value, policy)), value, JSON.stringify(value));
  }
});
