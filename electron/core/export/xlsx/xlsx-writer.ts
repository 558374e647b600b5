/**
 * Streams an Excel workbook: rows go into the current sheet's XML (sheet-xml.ts), chunks of it into
 * the zip package (workbook-zip.ts), and the zip bytes to `out` as they come. More rows than a sheet
 * holds continue on "Contacts (2)", "Contacts (3)"…, each with the header row again.
 */
import type { ColumnFormat } from '../../values/as-shown.ts';
import { contentTypes, packageRelationships, sheetPath, styles, workbook, workbookRelationships, type SheetEntry } from './workbook-parts.ts';
import { estimateWidths, SheetXml } from './sheet-xml.ts';
import { WorkbookZip, type PartStream } from './workbook-zip.ts';
import { Utf8Chunks } from '../utf8-chunks.ts';

/** Excel's limit: 1,048,576 rows, one of them the header. */
export const MAX_ROWS_PER_SHEET = 1_048_575;
/** Rows looked at to size the columns before the first sheet starts. */
const SAMPLE_ROWS = 500;
/**
 * XML handed to the compressor at a time, at most. Each hand-over lets zlib's finished steps call
 * back (see flush), so small ones keep it deflating beside the rows: measured on a million contacts,
 * 128 KB hand-overs took 14 s where 1 MB ones took 15–16 s.
 */
const HANDOVER_BYTES = 128 * 1024;
/** XML the compressor may be behind before the rows wait for it. */
const BACKLOG_BYTES = 1024 * 1024;

export interface XlsxWriterOptions {
  /** The first row's labels, one per column. */
  header: readonly string[];
  /** How each column's raw values become cells. */
  columns: readonly ColumnFormat[];
  /** Receives the file's bytes in order; may throw (a full disk), which fails the writer. */
  out: (bytes: Uint8Array) => void;
  /** Data rows per sheet (Excel's limit unless a smaller one is asked for). */
  rowsPerSheet?: number;
  /** Bytes of XML collected before they are handed to the compressor (at most HANDOVER_BYTES). */
  chunkChars: number;
  /** The sheet names: "Contacts", "Contacts (2)", … */
  sheetName?: string;
}

export class XlsxWriter {
  readonly #options: XlsxWriterOptions;
  readonly #rowsPerSheet: number;
  readonly #zip: WorkbookZip;
  readonly #xml: SheetXml;
  readonly #sheets: SheetEntry[] = [];
  readonly #chunks: Utf8Chunks;
  #sheet: PartStream | null = null;
  #rowInSheet = 0;
  #widths: number[] | null = null;
  #sample: (readonly (string | null)[])[] = [];

  constructor(options: XlsxWriterOptions) {
    this.#options = options;
    this.#rowsPerSheet = options.rowsPerSheet ?? MAX_ROWS_PER_SHEET;
    this.#xml = new SheetXml(options.columns);
    this.#chunks = new Utf8Chunks(Math.min(options.chunkChars, HANDOVER_BYTES));
    this.#zip = new WorkbookZip(options.out);
    this.#zip.addText('xl/styles.xml', styles());
  }

  /** Adds one row of raw values; true when enough XML is waiting that `flush()` should be awaited. */
  push(raw: readonly (string | null)[]): boolean {
    if (this.#widths === null) {
      this.#sample.push([...raw]);
      if (this.#sample.length < SAMPLE_ROWS) return false;
      this.#startFirstSheet();
    } else {
      this.#addRow(raw);
    }
    return this.#chunks.ready;
  }

  /** Hands the waiting XML to the compressor; waits only while it is BACKLOG_BYTES behind. */
  async flush(): Promise<void> {
    this.#zip.throwIfFailed();
    if (this.#sheet === null) return;
    if (!this.#handOver()) return this.#sheet.drained();
    // zlib deflates in steps, each started by the last one's callback on this thread: let the callbacks
    // that are due run, so the next step deflates beside the next rows rather than after them
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#zip.throwIfFailed();
  }

  /** Ends the last sheet, writes the workbook's own parts and waits until every byte went to `out`. */
  async finish(): Promise<{ sheets: number }> {
    if (this.#widths === null) this.#startFirstSheet();
    this.#endSheet();
    if (!this.#handOver()) await this.#sheet!.drained();
    this.#sheet!.end();
    const count = this.#sheets.length;
    this.#zip.addText('xl/workbook.xml', workbook(this.#sheets));
    this.#zip.addText('xl/_rels/workbook.xml.rels', workbookRelationships(count));
    this.#zip.addText('[Content_Types].xml', contentTypes(count));
    this.#zip.addText('_rels/.rels', packageRelationships());
    await this.#zip.finish();
    return { sheets: count };
  }

  /** Stops writing (a cancel or a failure elsewhere); nothing more reaches `out`. */
  discard(): void {
    this.#zip.fail(new Error('The workbook was discarded.'));
  }

  #startFirstSheet(): void {
    const cells = this.#sample.map((raw) => this.#options.columns.map((column, i) => column.cell(raw[i] ?? null)));
    this.#widths = estimateWidths(this.#options.header, cells);
    this.#startSheet();
    for (const raw of this.#sample) this.#addRow(raw);
    this.#sample = [];
  }

  #startSheet(): void {
    const index = this.#sheets.length;
    const base = this.#options.sheetName ?? 'Contacts';
    this.#sheets.push({ name: index === 0 ? base : `${base} (${index + 1})`, filterRange: '' });
    this.#sheet = this.#zip.openPart(sheetPath(index), BACKLOG_BYTES);
    this.#rowInSheet = 0;
    this.#chunks.add(this.#xml.start(this.#widths!));
    this.#chunks.add(this.#xml.headerRow(this.#options.header));
  }

  #endSheet(): void {
    const lastRow = this.#rowInSheet + 1;
    this.#sheets[this.#sheets.length - 1]!.filterRange = this.#xml.filterRange(lastRow, true);
    this.#chunks.add(this.#xml.end(lastRow));
  }

  #addRow(raw: readonly (string | null)[]): void {
    if (this.#rowInSheet === this.#rowsPerSheet) {
      // The next sheet's stream waits its turn in the zip: hand over this one's last XML first.
      this.#endSheet();
      this.#handOver();
      this.#sheet!.end();
      this.#startSheet();
    }
    this.#rowInSheet++;
    this.#chunks.add(this.#xml.row(this.#rowInSheet + 1, raw));
  }

  /** Writes the waiting XML into the sheet's stream; false when its backlog is full. */
  #handOver(): boolean {
    const chunk = this.#chunks.take();
    return chunk.length === 0 || this.#sheet!.write(chunk);
  }
}
