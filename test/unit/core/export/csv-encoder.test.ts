import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CsvChunker, createRowEncoder, dialectFor, encodeCell, fileStart, type CsvDialect } from '../../../../electron/core/export/csv-encoder.ts';
import { unprotectCell } from '../../../../electron/core/export/formula-policy.ts';

const excelComma = dialectFor({ excelFriendly: true, delimiter: ',' });
const plainSemicolon = dialectFor({ excelFriendly: false, delimiter: ';' });

function parseStrict(text: string, dialect: CsvDialect): string[][] {
  return parse(text, { delimiter: dialect.delimiter, bom: true, relax_quotes: false, relax_column_count: false, skip_empty_lines: false });
}

test('Excel-friendly means a byte order mark, CRLF line ends and the chosen delimiter', () => {
  assert.deepEqual(excelComma, { delimiter: ',', lineEnding: '\r\n', byteOrderMark: true, policy: { keepDigitsAsText: true } });
  assert.deepEqual(plainSemicolon, { delimiter: ';', lineEnding: '\n', byteOrderMark: false, policy: { keepDigitsAsText: false } });
  assert.equal(fileStart(excelComma, ['First name', 'Email']), '\uFEFFFirst name,Email\r\n');
  assert.equal(fileStart(plainSemicolon, ['First name', 'Email']), 'First name;Email\n');
});

test('quotes exactly the fields that contain either delimiter, a tab, a quote or a line break, in both delimiter modes', () => {
  const encode = createRowEncoder(excelComma, 8);
  assert.equal(
    encode(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'semi;colon', 'tab\there', null]),
    'plain,"a,b","say ""hi""","two\nlines","cr\rhere","semi;colon","tab\there",',
  );
  const semicolon = createRowEncoder(plainSemicolon, 3);
  assert.equal(semicolon(['a,b', 'semi;colon', 'plain']), '"a,b";"semi;colon";plain');
});

test('null and empty values are both empty fields', () => {
  assert.equal(createRowEncoder(excelComma, 3)([null, '', null]), ',,');
});

test('an empty one-column row is written as "" so no reader skips it as a blank line', () => {
  assert.equal(createRowEncoder(excelComma, 1)([null]), '""');
  assert.equal(createRowEncoder(excelComma, 2)([null, null]), ',');
});

test('the formula policy applies before quoting', () => {
  assert.equal(encodeCell('=1+1', excelComma), "'=1+1");
  assert.equal(encodeCell('=HYPERLINK("http://x","y")', excelComma), `"'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(encodeCell('\t=2+2', excelComma), `"\t'=2+2"`);
  assert.equal(encodeCell('\u0000=1+1', excelComma), "\u0000'=1+1");
});

test('a row with the wrong number of cells is refused, never written short', () => {
  assert.throws(() => createRowEncoder(excelComma, 3)(['a', 'b']), /2 cells where 3/);
});

test('random hostile rows survive a strict parser, for every dialect and column count', () => {
  const random = seededRandom(42);
  const pieces = [',', ';', '"', '""', '\r\n', '\n', '\r', '=', '+', '-', '@', '\t', "'", ' ', '0', '7', 'abc', 'Zoë', '王芳', '🍕', '👩‍💻', 'العلي', '+44 20 7946 0958'];
  const cell = (): string | null => {
    if (random() < 0.05) return null;
    let value = '';
    const length = Math.floor(random() * 6);
    for (let i = 0; i < length; i++) value += pieces[Math.floor(random() * pieces.length)];
    return value;
  };
  for (const columns of [1, 9]) {
    const rows = Array.from({ length: 2000 }, () => Array.from({ length: columns }, cell));
    for (const excelFriendly of [true, false]) {
      for (const delimiter of [',', ';'] as const) {
        const dialect = dialectFor({ excelFriendly, delimiter });
        const text = encodeFile(dialect, columns, rows);
        assert.equal(text.startsWith('\uFEFF'), excelFriendly);
        assert.ok(excelFriendly ? text.endsWith('\r\n') : !text.endsWith('\r\n') && text.endsWith('\n'));

        const parsed = parseStrict(text, dialect);
        assert.equal(parsed.length, rows.length + 1);
        parsed.slice(1).forEach((fields, r) => {
          const where = `row ${r}, ${columns} columns, '${delimiter}', Excel-friendly ${excelFriendly}`;
          assert.deepEqual(fields.map(unprotectCell), rows[r]!.map((value) => value ?? ''), where);
        });
      }
    }
  }
});

function encodeFile(dialect: CsvDialect, columns: number, rows: (string | null)[][]): string {
  const chunker = new CsvChunker(dialect, columns, 4096);
  let text = fileStart(dialect, Array.from({ length: columns }, (_, i) => `c${i}`));
  const taken = () => Buffer.from(chunker.take()).toString('utf8');
  for (const row of rows) if (chunker.push(row)) text += taken();
  return text + taken();
}

test('the chunker hands out whole lines and nothing twice', () => {
  const chunker = new CsvChunker(excelComma, 1, 10);
  assert.equal(chunker.push(['abc']), false);
  assert.equal(chunker.push(['defgh']), true);
  assert.equal(Buffer.from(chunker.take()).toString('utf8'), 'abc\r\ndefgh\r\n');
  assert.equal(chunker.take().length, 0);
});

/** mulberry32: a small seeded generator, so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
