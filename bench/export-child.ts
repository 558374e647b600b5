/**
 * One CSV export in a fresh process, so its peak memory (worker thread included) is measured on
 * its own: prints one JSON line with the time from start() to done and this process's peak RSS.
 *   node bench/export-child.ts <dbPath> <targetPath> <request JSON> [<bundled worker file>]
 */
import { createExporter } from '../electron/core/export/exporter.ts';
import { systemClock } from '../electron/core/ports.ts';
import type { Logger } from '../electron/core/ports.ts';
import type { ExportRequest } from '../electron/ipc/types.ts';

export interface ExportChildResult {
  ms: number;
  state: string;
  written: number;
  total: number;
  error: string | null;
  /** KB: the process's peak since it started, read once the export is done (worker thread included). */
  maxRssKb: number;
}

const [dbPath, targetPath, requestJson, workerEntry] = process.argv.slice(2);
if (!dbPath || !targetPath || !requestJson) {
  process.stderr.write('usage: node bench/export-child.ts <dbPath> <targetPath> <request JSON> [<bundled worker file>]\n');
  process.exit(2);
}

const quiet: Logger = { info: () => {}, warn: () => {}, error: (message) => process.stderr.write(`${message}\n`) };
const exporter = createExporter({ dbPath, clock: systemClock, log: quiet, ...(workerEntry ? { workerEntry } : {}) });
const started = performance.now();
const { done } = exporter.start(JSON.parse(requestJson) as ExportRequest, { path: targetPath }, () => {});
const final = await done;
const result: ExportChildResult = {
  ms: performance.now() - started,
  state: final.state,
  written: final.written,
  total: final.total,
  error: final.error ? `${final.error.kind}: ${final.error.message}` : null,
  maxRssKb: process.resourceUsage().maxRSS,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
