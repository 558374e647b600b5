/**
 * Streams an Excel workbook: rows go into the current sheet's XML, yazl deflates it on Node's zlib
 * threads (ZIP64 when a sheet outgrows 4 GB), and the zip bytes go to `out` as they come. More rows
 * than a sheet holds continue on "Contacts (2)", "Contacts (3)"…, each with the header row again.
 *
 * Why yazl: a streaming zip writer that only uses Node's own zlib (no native build, one small
 * dependency), writes ZIP64 where needed, and keeps memory flat; the workbook XML around it is small
 * enough to write here (workbook-parts.ts, sheet-xml.ts) rather than pull in a spreadsheet library.
 */
import { PassThrough } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ColumnFormat, TypedCell } from '../../values/as-shown.ts';
import { contentTypes, packageRelationships, sheetPath, styles, workbook, workbookRelationships, type SheetEntry } from './workbook-parts.ts';
import { estimateWidths, SheetXml } from './sheet-xml.ts';

/** Excel's limit: 1,048,576 rows, one of them the header. */
export const MAX_ROWS_PER_SHEET = 1_048_575;
/** Rows looked at to size the columns before the first sheet starts. */
const SAMPLE_ROWS = 500;
/** Fastest deflate: a workbook is still a fraction of the CSV's size, and the export twice as quick. */
const COMPRESSION_LEVEL = 1;

export interface XlsxWriterOptions {
  /** The first row's labels, one per column. */
  header: readonly string[];
  /** How each column's raw values become cells. */
  columns: readonly ColumnFormat[];
  /** Receives the file's bytes in order; may throw (a full disk), which fails the writer. */
  out: (bytes: Uint8Array) => void;
  /** Data rows per sheet (Excel's limit unless a smaller one is asked for). */
  rowsPerSheet?: number;
  /** Characters of XML collected before they are handed to the compressor. */
  chunkChars: number;
  /** The sheet names: "Contacts", "Contacts (2)", … */
  sheetName?: string;
}

export class XlsxWriter {
  readonly #options: XlsxWriterOptions;
  readonly #rowsPerSheet: number;
  readonly #zip = new ZipFile();
  readonly #xml: SheetXml;
  readonly #finished: Promise<void>;
  readonly #sheets: SheetEntry[] = [];
  #sheet: PassThrough | null = null;
  #rowInSheet = 0;
  #widths: number[] | null = null;
  #sample: (TypedCell | null)[][] = [];
  #pending: string[] = [];
  #pendingChars = 0;
  #error: unknown = null;
  #wake: (() => void) | null = null;

  constructor(options: XlsxWriterOptions) {
    this.#options = options;
    this.#rowsPerSheet = options.rowsPerSheet ?? MAX_ROWS_PER_SHEET;
    this.#xml = new SheetXml(options.header.length);
    const output = this.#zip.outputStream;
    output.on('data', (chunk: Buffer) => {
      if (this.#error !== null) return;
      try {
        options.out(chunk);
      } catch (error) {
        this.#fail(error);
      }
    });
    this.#finished = new Promise((resolve, reject) => {
      output.once('end', resolve);
      output.once('error', reject);
      this.#zip.once('error', reject);
    });
    this.#finished.catch((error: unknown) => this.#fail(error));
    this.#zip.addBuffer(Buffer.from(styles()), 'xl/styles.xml', { compressionLevel: COMPRESSION_LEVEL });
  }

  /** Adds one row of raw values; true when enough XML is waiting that `flush()` should be awaited. */
  push(raw: readonly (string | null)[]): boolean {
    const cells = this.#options.columns.map((column, i) => column.cell(raw[i] ?? null));
    if (this.#widths === null) {
      this.#sample.push(cells);
      if (this.#sample.length < SAMPLE_ROWS) return false;
      this.#startFirstSheet();
    } else {
      this.#addRow(cells);
    }
    return this.#pendingChars >= this.#options.chunkChars;
  }

  /** Hands the waiting XML to the compressor, waiting while it catches up. */
  async flush(): Promise<void> {
    this.#throwIfFailed();
    if (this.#pending.length === 0 || this.#sheet === null) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#pendingChars = 0;
    const sheet = this.#sheet;
    if (!sheet.write(text)) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        sheet.once('drain', resolve);
      });
      this.#wake = null;
    }
    this.#throwIfFailed();
  }

  /** Ends the last sheet, writes the workbook's own parts and waits until every byte went to `out`. */
  async finish(): Promise<{ sheets: number }> {
    if (this.#widths === null) this.#startFirstSheet();
    this.#endSheet();
    await this.flush();
    this.#sheet?.end();
    const count = this.#sheets.length;
    this.#zip.addBuffer(Buffer.from(workbook(this.#sheets)), 'xl/workbook.xml', { compressionLevel: COMPRESSION_LEVEL });
    this.#zip.addBuffer(Buffer.from(workbookRelationships(count)), 'xl/_rels/workbook.xml.rels', { compressionLevel: COMPRESSION_LEVEL });
    this.#zip.addBuffer(Buffer.from(contentTypes(count)), '[Content_Types].xml', { compressionLevel: COMPRESSION_LEVEL });
    this.#zip.addBuffer(Buffer.from(packageRelationships()), '_rels/.rels', { compressionLevel: COMPRESSION_LEVEL });
    this.#zip.end();
    await this.#finished;
    this.#throwIfFailed();
    return { sheets: count };
  }

  /** Stops writing (a cancel or a failure elsewhere); nothing more reaches `out`. */
  discard(): void {
    this.#fail(new Error('The workbook was discarded.'));
  }

  #startFirstSheet(): void {
    this.#widths = estimateWidths(this.#options.header, this.#sample);
    this.#startSheet();
    for (const cells of this.#sample) this.#addRow(cells);
    this.#sample = [];
  }

  #startSheet(): void {
    const index = this.#sheets.length;
    const base = this.#options.sheetName ?? 'Contacts';
    this.#sheets.push({ name: index === 0 ? base : `${base} (${index + 1})`, filterRange: '' });
    this.#sheet = new PassThrough({ highWaterMark: this.#options.chunkChars });
    this.#zip.addReadStream(this.#sheet, sheetPath(index), { compressionLevel: COMPRESSION_LEVEL });
    this.#rowInSheet = 0;
    this.#queue(this.#xml.start(this.#widths!) + this.#xml.headerRow(this.#options.header));
  }

  #endSheet(): void {
    const lastRow = this.#rowInSheet + 1;
    this.#sheets[this.#sheets.length - 1]!.filterRange = this.#xml.filterRange(lastRow, true);
    this.#queue(this.#xml.end(lastRow));
  }

  #addRow(cells: readonly (TypedCell | null)[]): void {
    if (this.#rowInSheet === this.#rowsPerSheet) {
      // The next sheet's stream waits its turn in the zip: hand over this one's last XML first.
      this.#endSheet();
      this.#sheet!.write(this.#pending.join(''));
      this.#sheet!.end();
      this.#pending = [];
      this.#pendingChars = 0;
      this.#startSheet();
    }
    this.#rowInSheet++;
    this.#queue(this.#xml.row(this.#rowInSheet + 1, cells));
  }

  #queue(xml: string): void {
    this.#pending.push(xml);
    this.#pendingChars += xml.length;
  }

  #fail(error: unknown): void {
    if (this.#error !== null) return;
    this.#error = error;
    this.#sheet?.destroy();
    this.#wake?.();
  }

  #throwIfFailed(): void {
    if (this.#error !== null) throw this.#error;
  }
}
