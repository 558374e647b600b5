/**
 * One worksheet's XML, produced piece by piece so a million rows never sit in memory: the start
 * (frozen, bold header row; column widths), one `<row>` per contact, and the end (autofilter over
 * the header). Text is always an inline text cell, never a formula: the file holds each value exactly.
 */
import type { TypedCell } from '../../values/as-shown.ts';
import { columnLetters, STYLE } from './workbook-parts.ts';
import { needsSpacePreserved, xmlText } from './xml-text.ts';

const WORKSHEET_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  // the header row stays on screen while scrolling
  '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';

export class SheetXml {
  readonly #letters: string[];

  constructor(columnCount: number) {
    this.#letters = Array.from({ length: columnCount }, (_, i) => columnLetters(i));
  }

  /** Everything before the first row; `widths` in characters, one per column. */
  start(widths: readonly number[]): string {
    const cols = widths.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`).join('');
    return `${WORKSHEET_START}<cols>${cols}</cols><sheetData>`;
  }

  headerRow(labels: readonly string[]): string {
    return this.#row(1, labels.map((text) => ({ kind: 'text', text })), STYLE.header);
  }

  row(rowNumber: number, cells: readonly (TypedCell | null)[]): string {
    return this.#row(rowNumber, cells, STYLE.text);
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

  #row(rowNumber: number, cells: readonly (TypedCell | null)[], textStyle: number): string {
    let xml = `<row r="${rowNumber}">`;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (!cell) continue;
      const ref = `${this.#letters[i]}${rowNumber}`;
      switch (cell.kind) {
        case 'text': {
          const space = needsSpacePreserved(cell.text) ? ' xml:space="preserve"' : '';
          xml += `<c r="${ref}" s="${textStyle}" t="inlineStr"><is><t${space}>${xmlText(cell.text)}</t></is></c>`;
          break;
        }
        case 'number':
          xml += `<c r="${ref}" s="${Number.isInteger(cell.value) ? STYLE.integer : STYLE.general}"><v>${cell.value}</v></c>`;
          break;
        case 'date':
          xml += `<c r="${ref}" s="${STYLE.date}"><v>${cell.serial}</v></c>`;
          break;
        case 'datetime':
          xml += `<c r="${ref}" s="${STYLE.dateTime}"><v>${cell.serial}</v></c>`;
          break;
      }
    }
    return `${xml}</row>`;
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
