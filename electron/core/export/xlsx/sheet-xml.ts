/**
 * One worksheet's XML, produced piece by piece so a million rows never sit in memory: the start
 * (frozen, bold header row; column widths), one `<row>` per contact, and the end (autofilter over
 * the header). Text is always an inline text cell, never a formula: the file holds each value exactly.
 *
 * Rows are the hot path of a workbook export (12 million cells for a million contacts): each row is
 * written from the raw values, with the constant parts of every cell made once per column, and no
 * cell object made for text (see ColumnFormat.alwaysText).
 */
import type { ColumnFormat, TypedCell } from '../../values/as-shown.ts';
import { columnLetters, STYLE } from './workbook-parts.ts';
import { needsSpacePreserved, xmlText } from './xml-text.ts';

const WORKSHEET_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  // the header row stays on screen while scrolling
  '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';

/** After a cell's reference: the attributes of an inline text cell in `style`, up to its text. */
const textOpen = (style: number, preserveSpace: boolean) => `" s="${style}" t="inlineStr"><is><t${preserveSpace ? ' xml:space="preserve"' : ''}>`;
const TEXT_CLOSE = '</t></is></c>';
const DATA_TEXT = textOpen(STYLE.text, false);
const DATA_TEXT_SPACED = textOpen(STYLE.text, true);

export class SheetXml {
  readonly #letters: string[];
  /** `<c r="B` for each column: a cell's start up to its row number. */
  readonly #cellStarts: string[];
  readonly #columns: readonly ColumnFormat[];

  constructor(columns: readonly ColumnFormat[]) {
    this.#columns = columns;
    this.#letters = columns.map((_, i) => columnLetters(i));
    this.#cellStarts = this.#letters.map((letter) => `<c r="${letter}`);
  }

  /** Everything before the first row; `widths` in characters, one per column. */
  start(widths: readonly number[]): string {
    const cols = widths.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`).join('');
    return `${WORKSHEET_START}<cols>${cols}</cols><sheetData>`;
  }

  headerRow(labels: readonly string[]): string {
    const cells = labels.map((text, i) => `${this.#cellStarts[i]}1${textOpen(STYLE.header, needsSpacePreserved(text))}${xmlText(text)}${TEXT_CLOSE}`);
    return `<row r="1">${cells.join('')}</row>`;
  }

  /** One contact's row, from its raw HubSpot values in column order. */
  row(rowNumber: number, raw: readonly (string | null)[]): string {
    const n = String(rowNumber);
    let xml = `<row r="${n}">`;
    const columns = this.#columns;
    for (let i = 0; i < columns.length; i++) {
      const value = raw[i] ?? null;
      if (value === null || value === '') continue;
      const column = columns[i]!;
      const start = this.#cellStarts[i]! + n;
      if (column.alwaysText) xml += textCell(start, column.text(value));
      else xml += typedCell(start, column.cell(value)!);
    }
    return `${xml}</row>`;
  }

  /** After the last row: the autofilter over the header and every row. */
  end(lastRow: number): string {
    return `</sheetData><autoFilter ref="${this.filterRange(lastRow, false)}"/></worksheet>`;
  }

  /** `A1:L1001`, or `$A$1:$L$1001` as the workbook's defined name records it. */
  filterRange(lastRow: number, absolute: boolean): string {
    const last = this.#letters[this.#letters.length - 1]!;
    return absolute ? `$A$1:$${last}$${lastRow}` : `A1:${last}${lastRow}`;
  }

}

/** A data cell with its text, after `start` (`<c r="B7`). */
function textCell(start: string, text: string): string {
  return `${start}${needsSpacePreserved(text) ? DATA_TEXT_SPACED : DATA_TEXT}${xmlText(text)}${TEXT_CLOSE}`;
}

function typedCell(start: string, cell: TypedCell): string {
  switch (cell.kind) {
    case 'text':
      return textCell(start, cell.text);
    case 'number':
      return `${start}" s="${Number.isInteger(cell.value) ? STYLE.integer : STYLE.general}"><v>${cell.value}</v></c>`;
    case 'date':
      return `${start}" s="${STYLE.date}"><v>${cell.serial}</v></c>`;
    case 'datetime':
      return `${start}" s="${STYLE.dateTime}"><v>${cell.serial}</v></c>`;
  }
}

/** Rough column widths in characters: the header and the longest line in a sample of rows, within limits. */
export function estimateWidths(header: readonly string[], sample: readonly (readonly (TypedCell | null)[])[]): number[] {
  return header.map((label, column) => {
    let widest = displayWidth(label) + 2; // room for the autofilter button
    for (const row of sample) {
      const cell = row[column];
      if (cell) widest = Math.max(widest, cell.kind === 'datetime' ? 16 : displayWidth(cell.text));
    }
    return Math.min(60, Math.max(8, Math.ceil(widest * 1.1) + 1));
  });
}

/** East Asian wide characters take about two columns. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    const chars = [...line].length;
    widest = Math.max(widest, chars + (line.match(WIDE)?.length ?? 0));
  }
  return widest;
}
