/**
 * Export of a big cache: our exporter (worker thread, in a child process of its own so its peak
 * memory can be read) writing the CSV and the Excel workbook "as shown" (labels, as the dialog's
 * defaults), beside the sqlite3 command-line tool writing the same rows as CSV, the reference for
 * what the disk and SQLite allow on this machine. The three alternate, in the same run.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExportRequest } from '../electron/ipc/types.ts';
import { CONTACT_PROPERTIES } from '../sandbox/properties.ts';
import type { ExportChildResult } from './export-child.ts';
import { bundleExport } from './export-bundle.ts';
import type { ExportBundle } from './export-bundle.ts';
import { benchCacheDir, reusableCache } from './reusable-cache.ts';
import { ratioOf } from './report.ts';
import type { Measurement } from './report.ts';

/** The twelve columns of the issue's benchmark, as a user would pick them. */
export const EXPORT_COLUMNS = ['hs_object_id', 'firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'jobtitle', 'city', 'country', 'zip', 'lifecyclestage'];
/** Columns that are not synced by default: the user added them. */
const EXTRA_SYNCED = ['mobilephone', 'city', 'country', 'zip'];
/** Each side runs this often, alternating; the best run counts (the first ones warm the page cache). */
const RUNS_EACH = 2;

export interface ExportBenchOptions {
  rows: number;
  seed: number;
  endMs: number;
  /** Rebuild the cache even when one built from the same code and data is on disk. */
  fresh: boolean;
  say: (line: string) => void;
}

export interface ExportBenchResult {
  rows: Measurement[];
  details: Record<string, unknown>;
}

const execFileAsync = promisify(execFile);

/** The app's default export: what the Export dialog sends when the user just clicks Export (CSV or workbook). */
export function defaultExportRequest(format: ExportRequest['format'] = 'csv'): ExportRequest {
  return { columns: EXPORT_COLUMNS, scope: 'all', search: '', header: 'labels', format, values: 'shown', excelFriendly: true, delimiter: ',' };
}

type OursRun = ExportChildResult & { bytes: number };
const fastest = <T extends { ms: number }>(runs: T[]): T => runs.reduce((best, r) => (r.ms < best.ms ? r : best));
const peakMb = (runs: OursRun[]) => Math.max(...runs.map((r) => r.maxRssKb)) / 1024;

export async function runExportBench(options: ExportBenchOptions): Promise<ExportBenchResult> {
  const cacheDir = benchCacheDir;
  const { dbPath, built } = await reusableCache({ name: 'export', rows: options.rows, seed: options.seed, endMs: options.endMs, extraProperties: EXTRA_SYNCED, fresh: options.fresh, say: options.say });
  const outDir = join(cacheDir, `out-${process.pid}`);
  mkdirSync(outDir, { recursive: true });
  try {
    const bundle = await bundleExport(outDir);
    const csvRuns: OursRun[] = [];
    const xlsxRuns: OursRun[] = [];
    const sqliteRuns: { ms: number; maxRssKb: number | null; bytes: number }[] = [];
    for (let run = 1; run <= RUNS_EACH; run++) {
      options.say(`export: sqlite3 run ${run}/${RUNS_EACH}`);
      sqliteRuns.push(await exportWithSqlite3(dbPath, join(outDir, 'sqlite3.csv')));
      rmSync(join(outDir, 'sqlite3.csv'), { force: true });
      options.say(`export: Contact Desk CSV run ${run}/${RUNS_EACH}`);
      csvRuns.push(await exportWithOurs(bundle, dbPath, join(outDir, 'contacts.csv'), defaultExportRequest('csv')));
      rmSync(join(outDir, 'contacts.csv'), { force: true });
      options.say(`export: Contact Desk workbook run ${run}/${RUNS_EACH}`);
      xlsxRuns.push(await exportWithOurs(bundle, dbPath, join(outDir, 'contacts.xlsx'), defaultExportRequest('xlsx')));
      rmSync(join(outDir, 'contacts.xlsx'), { force: true });
    }
    const csv = fastest(csvRuns);
    const xlsx = fastest(xlsxRuns);
    const reference = fastest(sqliteRuns);
    const referencePeaks = sqliteRuns.map((r) => r.maxRssKb).filter((kb): kb is number => kb !== null);
    const referencePeakMb = referencePeaks.length > 0 ? Math.max(...referencePeaks) / 1024 : null;
    const incomplete = (runs: OursRun[]) =>
      runs.every((r) => r.state === 'done' && r.written === options.rows) ? {} : { note: `not every run finished with every row: ${runs.map((r) => `${r.state}, ${r.written} rows${r.error ? `, ${r.error}` : ''}`).join('; ')}` };
    const complete = (runs: OursRun[]) => runs.every((r) => r.state === 'done' && r.written === options.rows);
    const label = `${options.rows.toLocaleString('en-US')} contacts × ${EXPORT_COLUMNS.length} columns`;
    const csvRatio = ratioOf(csv.ms, reference.ms);
    const xlsxRatio = ratioOf(xlsx.ms, csv.ms);
    const memoryNote = 'peak RSS of a Node process running only the export, bundled as the desktop build ships it, worker thread included (an empty Node process is about 40 MB)';

    const rows: Measurement[] = [
      {
        part: 'export',
        measure: `CSV export (values as shown) of ${label}: seconds`,
        unit: 's',
        ours: csv.ms / 1000,
        reference: { label: 'sqlite3 CLI', value: reference.ms / 1000 },
        ratio: csvRatio,
        target: '≤ 1.5× sqlite3',
        pass: complete(csvRuns) && csvRatio !== null && csvRatio <= 1.5,
        ...incomplete(csvRuns),
      },
      {
        part: 'export',
        measure: 'CSV export: peak memory (whole process)',
        unit: 'MB',
        ours: peakMb(csvRuns),
        reference: referencePeakMb === null ? null : { label: 'sqlite3 CLI', value: referencePeakMb },
        ratio: referencePeakMb === null ? null : ratioOf(peakMb(csvRuns), referencePeakMb),
        target: '< 250 MB',
        pass: peakMb(csvRuns) < 250,
        note: memoryNote,
      },
      {
        part: 'export',
        measure: `Excel workbook export (values as shown) of ${label}: seconds`,
        unit: 's',
        ours: xlsx.ms / 1000,
        reference: { label: 'our CSV export, same run', value: csv.ms / 1000 },
        ratio: xlsxRatio,
        target: '≤ 4× the CSV',
        pass: complete(xlsxRuns) && xlsxRatio !== null && xlsxRatio <= 4,
        ...incomplete(xlsxRuns),
      },
      {
        part: 'export',
        measure: 'Excel workbook export: peak memory (whole process)',
        unit: 'MB',
        ours: peakMb(xlsxRuns),
        reference: { label: 'our CSV export', value: peakMb(csvRuns) },
        ratio: ratioOf(peakMb(xlsxRuns), peakMb(csvRuns)),
        target: '< 300 MB',
        pass: peakMb(xlsxRuns) < 300,
        note: memoryNote,
      },
    ];
    return {
      rows,
      details: {
        dbPath,
        cacheBuiltThisRun: built,
        csv: csvRuns,
        xlsx: xlsxRuns,
        sqlite3: sqliteRuns,
        bytes: { csv: csv.bytes, xlsx: xlsx.bytes, sqlite3: reference.bytes },
      },
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Runs the bundled export (see export-bundle.ts) in a fresh Node process. */
export async function exportWithOurs(bundle: ExportBundle, dbPath: string, targetPath: string, request: ExportRequest = defaultExportRequest()): Promise<OursRun> {
  const { stdout } = await execFileAsync(process.execPath, [bundle.child, dbPath, targetPath, JSON.stringify(request), bundle.worker], { maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ExportChildResult;
  const bytes = existsSync(targetPath) ? statSync(targetPath).size : 0;
  return { ...result, bytes };
}

/** The same rows and columns, in the same order (by id), as CSV with a header of the same labels. */
export function sqlite3Query(columns: readonly string[]): string {
  const labels = new Map(CONTACT_PROPERTIES.map((p) => [p.name, p.label]));
  const cells = columns.map((name) => `json_extract(properties, '$."${name}"') AS "${(labels.get(name) ?? name).replaceAll('"', '""')}"`);
  return `SELECT ${cells.join(', ')} FROM contacts ORDER BY id`;
}

/** GNU time's %M is the peak RSS in KB; without it the reference time is still measured. */
const gnuTime = '/usr/bin/time';

export async function exportWithSqlite3(dbPath: string, targetPath: string): Promise<{ ms: number; maxRssKb: number | null; bytes: number }> {
  const sql = sqlite3Query(EXPORT_COLUMNS);
  const withTime = existsSync(gnuTime);
  const timeFile = `${targetPath}.time`;
  const command = withTime ? gnuTime : 'sqlite3';
  const args = withTime ? ['-f', '%M', '-o', timeFile, 'sqlite3', '-csv', '-header', '-readonly', dbPath, sql] : ['-csv', '-header', '-readonly', dbPath, sql];
  const out = openSync(targetPath, 'w');
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['ignore', out, 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sqlite3 failed (exit code ${code}): ${stderr.trim().slice(0, 300)}`))));
    });
  } finally {
    closeSync(out);
  }
  const ms = performance.now() - started;
  const bytes = statSync(targetPath).size;
  let maxRssKb: number | null = null;
  if (withTime) {
    const parsed = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
    maxRssKb = Number.isFinite(parsed) ? parsed : null;
  }
  rmSync(timeFile, { force: true });
  return { ms, maxRssKb, bytes };
}
