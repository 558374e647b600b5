/**
 * Opens a CSV file or an Excel workbook in a real spreadsheet engine — LibreOffice Calc, headless —
 * and reports what it made of every cell: the text shown, the value type and value, and any
 * formula. Used to check the export against an engine rather than against our own beliefs about one.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SpreadsheetCell {
  /** What the cell shows; lines joined with '\n', tabs and runs of spaces as they are. */
  text: string;
  /** 'string', 'float', 'date', 'time', ... or null for an empty cell. */
  valueType: string | null;
  /** The cell's formula (e.g. 'of:=1+1'), or null when the engine stored a plain value. */
  formula: string | null;
  /** The stored value of a number, date or time cell (office:value, office:date-value, …); null for text. */
  value: string | null;
}

export interface Sheet {
  name: string;
  rows: SpreadsheetCell[][];
}

/** The LibreOffice binary, or null with the reason it is missing. */
export async function findLibreOffice(): Promise<{ path: string } | { path: null; reason: string }> {
  for (const name of ['soffice', 'libreoffice']) {
    try {
      const { stdout } = await run('sh', ['-c', `command -v ${name}`]);
      const path = stdout.trim();
      if (path) return { path };
    } catch {
      // not on PATH; try the next name
    }
  }
  return { path: null, reason: 'LibreOffice is not installed (apt-get install libreoffice-calc-nogui), so the spreadsheet check cannot run' };
}

/**
 * Imports `csvPath` the way a user's double-click would with LibreOffice's defaults (UTF-8,
 * `"` as quote, formulas evaluated) and returns the first sheet's rows. Each call uses its own
 * LibreOffice profile, so parallel tests don't fight over one.
 */
export async function openCsvInLibreOffice(soffice: string, csvPath: string, separator: ',' | ';' | '\t'): Promise<SpreadsheetCell[][]> {
  return (await openCsvFilesInLibreOffice(soffice, [csvPath], separator))[0]!;
}

/**
 * As openCsvInLibreOffice, for several files opened with the same separator by one LibreOffice
 * start: a start costs seconds, a small file a fraction of one. Each file is its own document, as
 * if opened alone; the first sheet's rows of each, in the order of `csvPaths`.
 */
export async function openCsvFilesInLibreOffice(soffice: string, csvPaths: string[], separator: ',' | ';' | '\t'): Promise<SpreadsheetCell[][][]> {
  // Filter options: field separator, text delimiter ("), character set 76 = UTF-8, start at row 1.
  const fods = await convertToFods(soffice, csvPaths, `CSV:${separator.charCodeAt(0)},34,76,1`);
  return fods.map((text) => readSheets(text)[0]!.rows);
}

/** Opens an Excel workbook in LibreOffice and returns every sheet, by name, in order. */
export async function openWorkbookInLibreOffice(soffice: string, path: string): Promise<Sheet[]> {
  return readSheets((await convertToFods(soffice, [path], null))[0]!);
}

/** Several workbooks converted by one LibreOffice start, in the order of `paths`: read each with readSheets or readLayout. */
export async function convertWorkbooksInLibreOffice(soffice: string, paths: string[]): Promise<string[]> {
  return convertToFods(soffice, paths, null);
}

export interface SheetLayout {
  name: string;
  /** Whether every cell of the first row is bold, and whether any cell of the second is. */
  boldHeader: boolean;
  boldBody: boolean;
  /** Column widths as LibreOffice reports them, in inches, for the used columns. */
  columnWidths: number[];
}

export interface WorkbookLayout {
  sheets: SheetLayout[];
  /** Ranges with filter buttons, as LibreOffice names them (`Contacts.A1:Contacts.B1501`). */
  filterRanges: string[];
}

/** What a workbook looks like beyond its cells, as LibreOffice reads it: bold rows, column widths, filter buttons. */
export async function readWorkbookLayout(soffice: string, path: string): Promise<WorkbookLayout> {
  return readLayout((await convertToFods(soffice, [path], null))[0]!);
}

/** The layout (readWorkbookLayout) of a workbook LibreOffice has converted to a flat ODF spreadsheet. */
export function readLayout(fods: string): WorkbookLayout {
  const styles = new Map<string, string>();
  for (const match of fods.matchAll(/<style:style style:name="([\w.]+)"[^>]*>([^]*?)<\/style:style>/g)) styles.set(match[1]!, match[2]!);
  const bold = (style: string | undefined) => style !== undefined && /fo:font-weight="bold"/.test(styles.get(style) ?? '');
  const width = (style: string) => Number(/style:column-width="([\d.]+)in"/.exec(styles.get(style) ?? '')?.[1] ?? NaN);
  const sheets: SheetLayout[] = [];
  for (const match of fods.matchAll(/<table:table table:name="([^"]*)"[^>]*>([^]*?)<\/table:table>/g)) {
    const table = match[2]!;
    const [first = '', second = ''] = [...table.matchAll(/<table:table-row[^>]*>([^]*?)<\/table:table-row>/g)].map((row) => row[1]!);
    const cellStyles = (row: string) => [...row.matchAll(/<table:table-cell table:style-name="(\w+)"[^>]*office:value-type/g)].map((cell) => cell[1]);
    const columns = [...table.matchAll(/<table:table-column table:style-name="(\w+)"(?! table:number-columns-repeated="\d{4,}")[^>]*>/g)].map((column) => width(column[1]!));
    sheets.push({
      name: decodeEntities(match[1]!),
      boldHeader: cellStyles(first).length > 0 && cellStyles(first).every(bold),
      boldBody: cellStyles(second).some(bold),
      columnWidths: columns,
    });
  }
  const filterRanges = [...fods.matchAll(/<table:database-range [^>]*table:target-range-address="([^"]+)"[^>]*table:display-filter-buttons="true"/g)].map((m) => decodeEntities(m[1]!));
  return { sheets, filterRanges };
}

/** Converts every file of `paths` to a flat ODF spreadsheet in one LibreOffice start (its own profile); their text, in order. */
async function convertToFods(soffice: string, paths: string[], filter: string | null): Promise<string[]> {
  const outputs = paths.map((path) => basename(path).replace(/\.[^.]*$/, '') + '.fods');
  const twice = outputs.find((output, i) => outputs.indexOf(output) !== i);
  if (twice) throw new Error(`Two files would both convert to ${twice}: give them different names.`);
  const work = await mkdtemp(join(tmpdir(), 'contact-desk-calc-'));
  try {
    await run(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, '--headless', ...(filter ? [`--infilter=${filter}`] : []), '--convert-to', 'fods', '--outdir', work, ...paths],
      { timeout: 120_000 + 30_000 * (paths.length - 1) },
    );
    return await Promise.all(outputs.map((output) => readFile(join(work, output), 'utf8')));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Empty cells or rows a spreadsheet repeats to its edge are cut at this count. */
const MAX_REPEAT = 64;

/** Reads every `table:table` of a flat ODF spreadsheet (the parts an import produces). */
export function readSheets(fods: string): Sheet[] {
  const sheets: Sheet[] = [];
  for (let start = fods.indexOf('<table:table '); start >= 0; start = fods.indexOf('<table:table ', start + 1)) {
    const end = fods.indexOf('</table:table>', start);
    const name = /table:name="([^"]*)"/.exec(fods.slice(start, start + 500))?.[1] ?? '';
    sheets.push({ name: decodeEntities(name), rows: readSheet(fods.slice(start, end)) });
  }
  if (sheets.length === 0) throw new Error('No sheet in the converted file.');
  return sheets;
}

function readSheet(table: string): SpreadsheetCell[][] {
  const rows: SpreadsheetCell[][] = [];
  let row: SpreadsheetCell[] | null = null;
  let rowRepeat = 1;
  let cell: SpreadsheetCell | null = null;
  let cellRepeat = 1;
  let paragraphs: string[] = [];
  let inParagraph = false;

  const finishCell = () => {
    if (!cell || !row) return;
    cell.text = paragraphs.join('\n');
    for (let i = 0; i < Math.min(cellRepeat, MAX_REPEAT); i++) row.push({ ...cell });
    cell = null;
  };

  for (const token of table.matchAll(/<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g)) {
    const [, closing, name, attributeText = '', selfClosing, text] = token;
    if (text !== undefined) {
      if (inParagraph) paragraphs[paragraphs.length - 1] += decodeEntities(text);
      continue;
    }
    const attributes = readAttributes(attributeText);
    if (!closing) {
      switch (name) {
        case 'table:table-row':
          row = [];
          rowRepeat = Number(attributes.get('table:number-rows-repeated') ?? 1);
          if (selfClosing) pushRow();
          break;
        case 'table:table-cell':
        case 'table:covered-table-cell':
          cell = {
            text: '',
            valueType: attributes.get('office:value-type') ?? null,
            formula: attributes.get('table:formula') ?? null,
            value: attributes.get('office:value') ?? attributes.get('office:date-value') ?? attributes.get('office:time-value') ?? null,
          };
          cellRepeat = Number(attributes.get('table:number-columns-repeated') ?? 1);
          paragraphs = [];
          if (selfClosing) finishCell();
          break;
        case 'text:p':
          paragraphs.push('');
          inParagraph = !selfClosing;
          break;
        case 'text:s':
          if (inParagraph) paragraphs[paragraphs.length - 1] += ' '.repeat(Number(attributes.get('text:c') ?? 1));
          break;
        case 'text:tab':
          if (inParagraph) paragraphs[paragraphs.length - 1] += '\t';
          break;
        case 'text:line-break':
          if (inParagraph) paragraphs[paragraphs.length - 1] += '\n';
          break;
      }
    } else if (name === 'text:p') {
      inParagraph = false;
    } else if (name === 'table:table-cell' || name === 'table:covered-table-cell') {
      finishCell();
    } else if (name === 'table:table-row') {
      pushRow();
    }
  }
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c.valueType === null && c.text === '')) rows.pop();
  return rows;

  function pushRow() {
    if (!row) return;
    while (row.length > 0 && row[row.length - 1]!.valueType === null && row[row.length - 1]!.text === '') row.pop();
    for (let i = 0; i < Math.min(rowRepeat, MAX_REPEAT); i++) rows.push(row.map((c) => ({ ...c })));
    row = null;
  }
}

function readAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, value] of text.matchAll(/([\w:.-]+)="([^"]*)"/g)) attributes.set(name!, decodeEntities(value!));
  return attributes;
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (_, dec?: string, hex?: string, named?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named!.toLowerCase() as 'amp'];
  });
}
