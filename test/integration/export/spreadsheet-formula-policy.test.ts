/**
 * The formula policy, checked with a real spreadsheet engine: LibreOffice Calc opens files written
 * by the export's own encoder, with the separator they were written with and with each of the
 * others (German and French Excel split a comma file on `;`), and no cell may come back as a formula.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CsvChunker, dialectFor, fileStart } from '../../../electron/core/export/csv-encoder.ts';
import { findLibreOffice, openCsvFilesInLibreOffice, type SpreadsheetCell } from '../../support/spreadsheet.ts';
import { expectedCsvField, visible } from './expected-cells.ts';

/** How the spreadsheet must show each value: as the text written to the file, or as this number. */
type Shown = 'text' | { number: number };

const VALUES: [value: string, shown: Shown][] = [
  ['=1+1', 'text'],
  ['=HYPERLINK("http://x","y")', 'text'],
  ['@SUM(A1)', 'text'],
  ['+cmd|\' /C calc\'!A0', 'text'],
  ['-2+3+cmd|\' /C calc\'!A0', 'text'],
  ['"Quoted"\r\n=cmd|\' /C calc\'!A0', 'text'],
  ['\tTabbed Ltd', 'text'],
  ['\t=2+2', 'text'],
  [' =1+1', 'text'],
  ["'=1+1", 'text'],
  ['-Head of Minus', 'text'],
  ['+1-555-123-4567', 'text'],
  ['+49 30/1234567', 'text'],
  ['+44 20 7946 0958', 'text'],
  ['+81 90-1234-5678', 'text'],
  ['+1 (555) 123-4567', 'text'],
  ['+7 912 345-67-89', 'text'],
  ['+33 1 23 45 67 89', 'text'],
  ['0049 30 1234567', 'text'],
  ['-5', { number: -5 }],
  ['-0.5', { number: -0.5 }],
  ['+1', { number: 1 }],
  ['Quote "Inc", Line\nBreak; Semi', 'text'],
  ['Zoë 🌟 王芳 العلي', 'text'],
  ["O'Brien", 'text'],
  // Invisible characters in front of a formula (LibreOffice drops a leading NUL, then evaluates).
  ['\u0000=HYPERLINK("http://x","y")', 'text'],
  ['\u0000=1+1', 'text'],
  ['\u0001\u0007\u001b=1+1', 'text'],
  ['\u000b=1+1', 'text'],
  ['\uFEFF=1+1', 'text'],
  ['\u200B=1+1', 'text'],
  ['\u200B@SUM(A1)', 'text'],
  ['\u00A0-A1', 'text'],
  // Formulas after a separator or line break inside the value: a cell starts there when the file is
  // opened with another separator.
  ['x;=1+1;y', 'text'],
  ['x,=2+2,y', 'text'],
  ['x\t=3+3\ty', 'text'],
  ['a;"=4+4"', 'text'],
  ['Line\n@SUM(A1)', 'text'],
  ['semi;colon', 'text'],
];
const SEPARATORS = [',', ';', '\t'] as const;
/** Ids that must keep every digit in an Excel-friendly file. */
const DIGITS: string[] = ['007', '01234', '00491701234567', '12345678901234567890'];

test('LibreOffice evaluates no exported cell as a formula, and shows each value as the policy says', async (t) => {
  const soffice = await findLibreOffice();
  if (soffice.path === null) {
    console.log(`# skipped: ${soffice.reason}`);
    return t.skip(soffice.reason);
  }
  const folder = mkdtempSync(join(tmpdir(), 'contact-desk-calc-check-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));

  const requests = [
    { excelFriendly: true, delimiter: ',' },
    { excelFriendly: true, delimiter: ';' },
    { excelFriendly: false, delimiter: ',' },
    { excelFriendly: false, delimiter: ';' },
  ] as const;
  const files = requests.map((request) => {
    const values: [string, Shown][] = [...VALUES, ...(request.excelFriendly ? DIGITS.map((value): [string, Shown] => [value, 'text']) : [])];
    const path = join(folder, `policy-${request.excelFriendly ? 'excel' : 'plain'}-${request.delimiter === ',' ? 'comma' : 'semicolon'}.csv`);
    writeFileSync(path, encodeFile(dialectFor(request), values.map(([value]) => value)));
    return { request, values, path };
  });
  // Every file opened with every separator: one LibreOffice start per separator (a start costs
  // seconds, a file a fraction), each file still its own document.
  const opened = new Map<string, SpreadsheetCell[][][]>();
  for (const separator of SEPARATORS) opened.set(separator, await openCsvFilesInLibreOffice(soffice.path, files.map((file) => file.path), separator));

  for (const [f, { request, values }] of files.entries()) {
    await t.test(`Excel-friendly ${request.excelFriendly}, delimiter '${request.delimiter}'`, async () => {
      const rows = opened.get(request.delimiter)![f]!;
      assert.equal(rows.length, values.length + 1, 'one row per value, plus the header');
      assert.deepEqual(rows[0]!.map((cell) => cell.text), ['Value', 'After']);
      values.forEach(([value, shown], i) => {
        const [cell, after] = rows[i + 1]!;
        const what = JSON.stringify(value);
        assert.ok(cell && after, `${what}: both cells present`);
        assert.equal(cell.formula, null, `${what} was evaluated as a formula (${cell.formula})`);
        assert.equal(after.text, 'end', `${what} stayed within its own cell`);
        if (shown === 'text') {
          assert.equal(cell.valueType, 'string', `${what} is shown as text`);
          // What FORMULA_POLICY.md says the file holds, as LibreOffice shows it (written independently of the encoder).
          assert.equal(cell.text, visible(expectedCsvField(value, request.excelFriendly)), `${what} is shown as the policy says`);
        } else {
          assert.equal(cell.valueType, 'float', `${what} is shown as a number`);
          assert.equal(Number(cell.text), shown.number, `${what} keeps its value`);
        }
      });
      for (const row of rows) for (const cell of row) assert.equal(cell.formula, null);

      for (const separator of SEPARATORS.filter((other) => other !== request.delimiter)) {
        const resplit = opened.get(separator)![f]!;
        const formulas = resplit.flat().filter((cell) => cell.formula !== null);
        assert.deepEqual(formulas, [], `opened with ${JSON.stringify(separator)} as the separator, no cell is a formula`);
      }
    });
  }
});

function encodeFile(dialect: ReturnType<typeof dialectFor>, values: string[]): string {
  const chunker = new CsvChunker(dialect, 2, 1 << 16);
  for (const value of values) chunker.push([value, 'end']);
  return fileStart(dialect, ['Value', 'After']) + Buffer.from(chunker.take()).toString('utf8');
}
