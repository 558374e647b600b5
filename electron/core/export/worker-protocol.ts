/** What the main thread and the export worker say to each other. Plain data only (structured clone). */
import type { ErrorView, ExportRequest } from '../../ipc/types.ts';
import type { FilterContext } from '../contacts/filter-queries.ts';
import type { FileOpenerChoice } from './export-file.ts';

export interface ExportWorkerInput {
  dbPath: string;
  request: ExportRequest;
  /** The main side's facts for the view's filters (the table's, at the start of the export). */
  filterContext: FilterContext;
  targetPath: string;
  partialPath: string;
  /** Int32Array over it: index 0 becomes 1 when the user cancels. Shared so a busy loop sees it at once. */
  cancelFlag: SharedArrayBuffer;
  chunkChars: number;
  /** The main thread's clock at the start (the worker has no Clock of its own). */
  startedAt: number;
  /** Another implementation of the file port (see export-file.ts); the partial file beside the target by default. */
  fileOpener?: FileOpenerChoice;
  /** Data rows per worksheet in a workbook (Excel's limit by default). */
  rowsPerSheet?: number;
}

export type ExportWorkerMessage =
  | { type: 'counted'; total: number }
  | { type: 'progress'; written: number }
  | { type: 'done'; written: number; bytes: number; sheets: number | null }
  | { type: 'cancelled'; written: number }
  | { type: 'failed'; written: number; error: ErrorView; code: string | null };

export const CANCELLED = 1;
