/**
 * The export worker: reads the contacts through its own read-only cache connection and writes the
 * CSV, off the main thread (node:sqlite is synchronous, and a million rows take seconds).
 *
 * A standalone entry point: the desktop build bundles this file on its own (see worker-entry.ts).
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { count, propertyLabels, rows } from '../contacts/cache-queries.ts';
import { openReader, type Reader } from '../contacts/cache-reader.ts';
import { AppError, isAppError, toErrorView } from '../errors.ts';
import { CsvChunker, dialectFor, fileStart } from './csv-encoder.ts';
import { errorCodeOf, exportFailure } from './export-errors.ts';
import { headerRow } from './header-row.ts';
import { PartialFile, removeAbandonedPartials } from './partial-file.ts';
import { CANCELLED, type ExportWorkerInput, type ExportWorkerMessage } from './worker-protocol.ts';

const NOTHING_TO_EXPORT = new AppError('internal', 'There are no contacts on this computer to export yet. Sync with HubSpot first, then export.');

function post(message: ExportWorkerMessage): void {
  parentPort?.postMessage(message);
}

function runExport(input: ExportWorkerInput): void {
  const { request } = input;
  const fileName = basename(input.targetPath);
  const cancelFlag = new Int32Array(input.cancelFlag);
  const cancelled = () => Atomics.load(cancelFlag, 0) === CANCELLED;
  const search = request.scope === 'search' ? request.search : '';
  const dialect = dialectFor(request);
  let written = 0;
  let file: PartialFile | null = null;
  let cache: Reader | null = null;
  const stop = () => {
    file?.discard();
    post({ type: 'cancelled', written });
  };

  try {
    if (!existsSync(input.dbPath)) throw NOTHING_TO_EXPORT;
    let header: string[];
    try {
      cache = openReader(input.dbPath);
      post({ type: 'counted', total: count(cache, search) });
      header = headerRow(request.columns, request.header, propertyLabels(cache));
    } catch (error) {
      throw exportFailure('read-contacts', error, fileName);
    }
    if (cancelled()) return stop();

    removeAbandonedPartials(input.targetPath, input.startedAt);
    file = new PartialFile(input.partialPath, fileName, input.writeFault);
    file.write(fileStart(dialect, header));

    const chunker = new CsvChunker(dialect, request.columns.length, input.chunkChars);
    for (const row of rows(cache, { columns: request.columns, search, sort: request.sort })) {
      written++;
      if (!chunker.push(row)) continue;
      if (cancelled()) return stop();
      file.write(chunker.take());
      post({ type: 'progress', written });
      if (input.holdAfterRows !== undefined && written >= input.holdAfterRows) Atomics.wait(cancelFlag, 0, 0);
    }
    file.write(chunker.take());
    if (cancelled()) return stop();
    file.commit(input.targetPath);
    post({ type: 'done', written, bytes: file.bytesWritten });
  } catch (error) {
    file?.discard();
    // The file steps throw AppErrors with the right sentence; anything else came from reading the cache.
    const failure = isAppError(error) ? error : exportFailure('read-contacts', error, fileName);
    post({ type: 'failed', written, error: toErrorView(failure), code: errorCodeOf(failure.cause) ?? null });
  } finally {
    cache?.close();
  }
}

runExport(workerData as ExportWorkerInput);
