/**
 * RFC 4180 CSV, hand-written for speed: the export loop calls `encodeRow` once per contact, so a
 * row is encoded with one native `join` and only the rare cell that needs quoting or a text marker
 * takes a slower path.
 */
import type { ExportRequest } from '../../ipc/types.ts';
import { protectCell, type CellPolicy } from './formula-policy.ts';
import { Utf8Chunks } from './utf8-chunks.ts';

export interface CsvDialect {
  delimiter: ',' | ';';
  lineEnding: '\r\n' | '\n';
  /** The UTF-8 byte order mark Excel needs to read the file as UTF-8. */
  byteOrderMark: boolean;
  policy: CellPolicy;
}

export function dialectFor(request: Pick<ExportRequest, 'excelFriendly' | 'delimiter'>): CsvDialect {
  return {
    delimiter: request.delimiter,
    lineEnding: request.excelFriendly ? '\r\n' : '\n',
    byteOrderMark: request.excelFriendly,
    policy: { keepDigitsAsText: request.excelFriendly },
  };
}

/**
 * Quoted in both delimiter modes: a quote, either delimiter, a tab or a line break. A spreadsheet
 * that opens the file with another separator then still keeps the field whole where it starts a
 * cell (see FORMULA_POLICY.md).
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

export function encodeCell(value: string | null, dialect: CsvDialect): string {
  return value === null || value === '' ? '' : quoteIfNeeded(protectCell(value, dialect.policy));
}

function quoteIfNeeded(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Encodes one row (without its line ending); throws if the row does not have `fieldCount` cells. */
export type RowEncoder = (cells: readonly (string | null)[]) => string;

export function createRowEncoder(dialect: CsvDialect, fieldCount: number): RowEncoder {
  const { delimiter, policy } = dialect;
  const encoded = new Array<string>(fieldCount);
  return (cells) => {
    if (cells.length !== fieldCount) throw new Error(`A row has ${cells.length} cells where ${fieldCount} were expected.`);
    for (let i = 0; i < fieldCount; i++) {
      const value = cells[i];
      encoded[i] = value === null || value === undefined || value === '' ? '' : quoteIfNeeded(protectCell(value, policy));
    }
    const line = encoded.join(delimiter);
    // A one-column row with an empty value would be a blank line, which many readers skip.
    return line === '' ? '""' : line;
  };
}

const BYTE_ORDER_MARK = '\uFEFF';

/** The start of the file: the byte order mark when asked for, then the header row. */
export function fileStart(dialect: CsvDialect, header: readonly string[]): string {
  return (dialect.byteOrderMark ? BYTE_ORDER_MARK : '') + createRowEncoder(dialect, header.length)(header) + dialect.lineEnding;
}

/** Collects encoded rows, as UTF-8, into chunks of about `chunkBytes` (see Utf8Chunks). */
export class CsvChunker {
  readonly #encodeRow: RowEncoder;
  readonly #lineEnding: string;
  readonly #chunks: Utf8Chunks;

  constructor(dialect: CsvDialect, fieldCount: number, chunkBytes: number) {
    this.#encodeRow = createRowEncoder(dialect, fieldCount);
    this.#lineEnding = dialect.lineEnding;
    this.#chunks = new Utf8Chunks(chunkBytes);
  }

  /** Adds a row; true when a chunk is ready to `take()`. */
  push(cells: readonly (string | null)[]): boolean {
    this.#chunks.add(this.#encodeRow(cells) + this.#lineEnding);
    return this.#chunks.ready;
  }

  /** The rows added since the last take, each ending with the line ending (empty when none). */
  take(): Uint8Array {
    return this.#chunks.take();
  }
}
