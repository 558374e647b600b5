/**
 * Where the export's rows go: a CSV or an Excel workbook, both written into an ExportFile. The
 * worker's loop is the same for both: push raw rows, await `flush()` when a push says a chunk is
 * ready (the moment to check for a cancel and report progress), then `finish()`.
 */
import type { ExportRequest } from '../../ipc/types.ts';
import type { ColumnFormat } from '../values/as-shown.ts';
import { CsvChunker, dialectFor, fileStart } from './csv-encoder.ts';
import { isAppError } from '../errors.ts';
import { exportFailure } from './export-errors.ts';
import type { ExportFile } from './export-file.ts';
import { XlsxWriter } from './xlsx/xlsx-writer.ts';

export interface RowSink {
  /** Adds one row of raw HubSpot values; true when a chunk is ready to `flush()`. */
  push(raw: readonly (string | null)[]): boolean;
  flush(): Promise<void> | void;
  /** Writes what is left; the file is then complete (not yet committed). */
  finish(): Promise<{ sheets: number | null }>;
  /** Stops writing; the file is discarded by the caller. */
  discard(): void;
}

export interface SinkOptions {
  request: ExportRequest;
  header: readonly string[];
  columns: readonly ColumnFormat[];
  file: ExportFile;
  /** The target's name, for the error sentences. */
  fileName: string;
  chunkChars: number;
  /** Data rows per worksheet (workbooks only; Excel's limit by default). */
  rowsPerSheet?: number;
}

export function createRowSink(options: SinkOptions): RowSink {
  return options.request.format === 'xlsx' ? xlsxSink(options) : csvSink(options);
}

function csvSink({ request, header, columns, file, chunkChars }: SinkOptions): RowSink {
  const dialect = dialectFor(request);
  const chunker = new CsvChunker(dialect, columns.length, chunkChars);
  file.write(fileStart(dialect, header));
  // Raw values need no formatting: the row goes to the encoder as it came from the cache.
  const asStored = request.values === 'stored';
  const cells = new Array<string>(columns.length);
  return {
    push(raw) {
      if (asStored) return chunker.push(raw);
      for (let i = 0; i < columns.length; i++) cells[i] = columns[i]!.text(raw[i] ?? null);
      return chunker.push(cells);
    },
    flush: () => file.writeBytes(chunker.take()),
    async finish() {
      file.writeBytes(chunker.take());
      return { sheets: null };
    },
    discard: () => {},
  };
}

function xlsxSink({ header, columns, file, fileName, chunkChars, rowsPerSheet }: SinkOptions): RowSink {
  const writer = new XlsxWriter({ header, columns, chunkChars, out: (bytes) => file.writeBytes(bytes), ...(rowsPerSheet ? { rowsPerSheet } : {}) });
  // The file's own errors already carry their sentence; anything else went wrong while writing.
  const asWriteFailure = (error: unknown) => {
    throw isAppError(error) ? error : exportFailure('write', error, fileName);
  };
  return {
    push: (raw) => writer.push(raw),
    flush: () => writer.flush().catch(asWriteFailure),
    finish: () => writer.finish().catch(asWriteFailure),
    discard: () => writer.discard(),
  };
}
