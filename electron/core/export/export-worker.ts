/**
 * The export worker: reads the contacts through its own read-only cache connection and writes the
 * CSV or workbook, off the main thread (node:sqlite is synchronous, and a million rows take seconds).
 *
 * A standalone entry point: the desktop build bundles this file on its own (see worker-entry.ts).
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { count, rows } from '../contacts/cache-queries.ts';
import type { RowsOptions } from '../contacts/cache-types.ts';
import { openReader, type Reader } from '../contacts/cache-reader.ts';
import { showingFacts } from '../contacts/shown-queries.ts';
import { AppError, isAppError, toErrorView } from '../errors.ts';
import { columnFormat, type ColumnFormat } from '../values/as-shown.ts';
import { errorCodeOf, exportFailure } from './export-errors.ts';
import { loadFileOpener, type ExportFile } from './export-file.ts';
import { headerRow } from './header-row.ts';
import { removeAbandonedPartials } from './partial-file.ts';
import { createRowSink, type RowSink } from './row-sinks.ts';
import { CANCELLED, type ExportWorkerInput, type ExportWorkerMessage } from './worker-protocol.ts';

const NOTHING_TO_EXPORT = new AppError('internal', 'There are no contacts on this computer to export yet. Sync with HubSpot first, then export.');

function post(message: ExportWorkerMessage): void {
  parentPort?.postMessage(message);
}

interface Prepared {
  cache: Reader;
  header: string[];
  columns: ColumnFormat[];
}

/** Which contacts the request exports: all, or the view's, its search and filters applied as the table applies them. */
function viewOf(input: ExportWorkerInput): Pick<RowsOptions, 'search' | 'filters' | 'context'> {
  const { request } = input;
  if (request.scope === 'all') return { search: '' };
  return { search: request.search, filters: request.filters ?? [], context: input.filterContext };
}

/** Opens the cache, counts the rows and works out the header and each column's formatting. */
function prepare(input: ExportWorkerInput, view: ReturnType<typeof viewOf>, fileName: string): Prepared {
  if (!existsSync(input.dbPath)) throw NOTHING_TO_EXPORT;
  let cache: Reader | null = null;
  try {
    cache = openReader(input.dbPath);
    post({ type: 'counted', total: count(cache, view.search, view.filters, view.context) });
    const { request } = input;
    // the same facts the table's cells are formatted with: definitions and owners
    const facts = showingFacts(cache);
    const labels = new Map([...facts.properties.values()].map((property) => [property.name, property.label] as const));
    const columns = request.columns.map((name) => columnFormat(name, facts.properties.get(name), facts.owners, request.values));
    return { cache, header: headerRow(request.columns, request.header, labels), columns };
  } catch (error) {
    cache?.close();
    throw exportFailure('read-contacts', error, fileName);
  }
}

async function runExport(input: ExportWorkerInput): Promise<void> {
  const { request } = input;
  const fileName = basename(input.targetPath);
  const cancelFlag = new Int32Array(input.cancelFlag);
  const cancelled = () => Atomics.load(cancelFlag, 0) === CANCELLED;
  const view = viewOf(input);
  let written = 0;
  let file: ExportFile | null = null;
  let sink: RowSink | null = null;
  let prepared: Prepared | null = null;
  const stop = () => {
    sink?.discard();
    file?.discard();
    post({ type: 'cancelled', written });
  };

  try {
    const open = await loadFileOpener(input.fileOpener);
    prepared = prepare(input, view, fileName);
    if (cancelled()) return stop();

    removeAbandonedPartials(input.targetPath, input.startedAt);
    file = open(input.partialPath, fileName);
    sink = createRowSink({
      request,
      header: prepared.header,
      columns: prepared.columns,
      file,
      fileName,
      chunkChars: input.chunkChars,
      ...(input.rowsPerSheet ? { rowsPerSheet: input.rowsPerSheet } : {}),
    });

    for (const row of rows(prepared.cache, { columns: request.columns, sort: request.sort, ...view })) {
      written++;
      if (!sink.push(row)) continue;
      if (cancelled()) return stop();
      await sink.flush();
      post({ type: 'progress', written });
    }
    const { sheets } = await sink.finish();
    if (cancelled()) return stop();
    file.commit(input.targetPath);
    post({ type: 'done', written, bytes: file.bytesWritten, sheets });
  } catch (error) {
    sink?.discard();
    file?.discard();
    // The file steps throw AppErrors with the right sentence; anything else came from reading the cache.
    const failure = isAppError(error) ? error : exportFailure('read-contacts', error, fileName);
    post({ type: 'failed', written, error: toErrorView(failure), code: errorCodeOf(failure.cause) ?? null });
  } finally {
    prepared?.cache.close();
  }
}

void runExport(workerData as ExportWorkerInput);
