import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protectCell, unprotectCell, type CellPolicy } from '../../../../electron/core/export/formula-policy.ts';

const plain: CellPolicy = { keepDigitsAsText: false };
const excel: CellPolicy = { keepDigitsAsText: true };

const both = (value: string, expected: string) => {
  assert.equal(protectCell(value, plain), expected, `plain: ${JSON.stringify(value)}`);
  assert.equal(protectCell(value, excel), expected, `Excel-friendly: ${JSON.stringify(value)}`);
};

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
  ]) {
    both(value, `'${value}`);
  }
});

test('invisible characters in front of a formula do not hide it: the marker goes before the first visible character', () => {
  both(' =1+1', " '=1+1"); // importers that trim unquoted fields would bring the = to the front
  both('  @SUM(A1)', "  '@SUM(A1)");
  both(' -A1', " '-A1");
  both('\u0000=HYPERLINK("http://x","y")', '\u0000\'=HYPERLINK("http://x","y")'); // LibreOffice drops the NUL, then evaluates
  both('\u0001\u0002\u001f=1+1', "\u0001\u0002\u001f'=1+1");
  both('\u007f=1+1', "\u007f'=1+1");
  both('\u0085=1+1', "\u0085'=1+1");
  both('\uFEFF=1+1', "\uFEFF'=1+1");
  both('\u200B=1+1', "\u200B'=1+1");
  both('\u200E\u00A0\u3000@x', "\u200E\u00A0\u3000'@x");
  both('\u{E0001}=1+1', "\u{E0001}'=1+1"); // an invisible tag character outside the BMP
  both('\u200B', '\u200B');
  both('\u200BAcme', '\u200BAcme');
});

test('every part after a comma, semicolon, tab or line break is judged as if it started a cell', () => {
  both('\t=2+2', "\t'=2+2");
  both('\r=1+1', "\r'=1+1");
  both('\n=1+1', "\n'=1+1");
  both('x;=1+1;y', "x;'=1+1;y");
  both('a,b,=c', "a,b,'=c");
  both('"Quoted"\r\n=cmd|\' /C calc\'!A0', '"Quoted"\r\n\'=cmd|\' /C calc\'!A0');
  both('Sales;\u200B@SUM(A1)', "Sales;\u200B'@SUM(A1)");
  both('=1;=2', "'=1;'=2");
  // Parts that are plain numbers or spaced phone numbers stay as they are, as whole values do.
  both('-5;-6', '-5;-6');
  both('Tel: +44 20 7946 0958, +44 20 7946 0959', 'Tel: +44 20 7946 0958, +44 20 7946 0959');
  both('\tTabbed Ltd', '\tTabbed Ltd');
  both('Acme, Inc.', 'Acme, Inc.');
  both('Quote "Inc", Line\nBreak; Semi', 'Quote "Inc", Line\nBreak; Semi');
});

test('numbers and spaced phone numbers stay as they are: evaluating them is harmless', () => {
  for (const value of ['-5', '+1', '-0.5', '-1.234', '+44 20 7946 0958', '+81 90-1234-5678', '+1 (555) 123-4567', '+33 1 23 45 67 89', '+7 912 345-67-89']) {
    both(value, value);
  }
});

test('a short "+digits digits" value is not taken for a phone number', () => {
  assert.equal(protectCell('+1 2', plain), "'+1 2");
});

test('ordinary text, dates and empty values are untouched', () => {
  for (const value of ['', 'Acme Inc.', "O'Brien", '2024-01-05', '12 Main St', 'a=b', 'x+1', 'Zoë 🌟', '1-2', '王芳', '🍕 Palace']) {
    both(value, value);
  }
});

test('an apostrophe already at a part start gets another, so the marker is never ambiguous', () => {
  both("'=1+1", "''=1+1");
  both("'tis", "''tis");
  both(" 'tis", " ''tis");
  both("a, 'b'", "a, ''b'");
  both("O'Brien", "O'Brien");
});

test('Excel-friendly files keep leading zeros and long digit runs as text; plain files leave them alone', () => {
  for (const value of ['007', '01234', '00491701234567', '1234567890123456']) {
    assert.equal(protectCell(value, excel), `'${value}`, value);
    assert.equal(protectCell(value, plain), value, value);
  }
  for (const value of ['0', '0.5', '123456789012345', '0049 30 1234567', '7', '007;008']) {
    assert.equal(protectCell(value, excel), value, value);
  }
});

test('unprotectCell gives back every original value exactly', () => {
  const values = [
    '=1+1', '@x', '+1', '-5', '-x', "'", "''", '007', '\t', ' =', ' ', 'plain', '+44 20 7946 0958', '12345678901234567890',
    '\u0000=1', '\u200B\'x', 'a;=b;\'c', ',', ';;', '\r\n=x\r\n', "'\u0000'", '\u{E0001}', '\u{1F355}=1', '\ud800=1',
  ];
  for (const policy of [plain, excel]) {
    for (const value of values) assert.equal(unprotectCell(protectCell(value, policy)), value, JSON.stringify(value));
  }
});

test('random values built from the risky pieces round-trip exactly', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pieces = ['=', '+', '-', '@', "'", ',', ';', '\t', '\r', '\n', ' ', '\u0000', '\u200B', '\uFEFF', '0', '7', '44', 'a', '🍕', '"'];
  for (let n = 0; n < 5000; n++) {
    let value = '';
    for (let i = Math.floor(random() * 8); i > 0; i--) value += pieces[Math.floor(random() * pieces.length)];
    for (const policy of [plain, excel]) assert.equal(unprotectCell(protectCell(value, policy)), value, JSON.stringify(value));
  }
});
