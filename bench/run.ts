/**
 * npm run bench -- [--quick] [--only sync|incremental|export|table|views|sandbox|scale] [--fresh]
 *
 * Runs the benchmarks, prints the results table and writes bench/results.json; a full run (all
 * parts at full size) also rewrites bench/RESULTS.md, the table the README shows.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runExportBench } from './export-bench.ts';
import { parseBenchOptions, PARTS, USAGE, UsageError } from './options.ts';
import type { BenchOptions } from './options.ts';
import { markdownTable, textTable } from './report.ts';
import type { Measurement } from './report.ts';
import { runSandboxBench } from './sandbox-bench.ts';
import { runBigSyncBench } from './big-sync-bench.ts';
import { runScaleBench } from './scale-bench.ts';
import { runSyncBench } from './sync-bench.ts';
import { runTableBench } from './table-bench.ts';
import { runViewsBench } from './views-bench.ts';

const resultsFile = new URL('./results.json', import.meta.url);
const markdownFile = new URL('./RESULTS.md', import.meta.url);

function say(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

function machine(): Record<string, unknown> {
  const list = cpus();
  return { cpus: list.length, cpuModel: list[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      if (error instanceof Error && error.message) process.stderr.write(`${error.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    throw error;
  }

  const startedAt = new Date();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  say(`${command}: ${options.parts.join(', ')} (${options.quick ? 'quick sizes' : 'full sizes'})`);
  const rows: Measurement[] = [];
  const details: Record<string, unknown> = {};
  const failures: string[] = [];

  const attempt = async (part: string, work: () => Promise<{ rows: Measurement[]; details: Record<string, unknown> }>) => {
    const started = performance.now();
    try {
      const result = await work();
      rows.push(...result.rows);
      details[part] = { ...result.details, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      // one part failing must not hide the others' results
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push(`${part}: ${message}`);
      say(`${part} failed: ${message}`);
    }
    say(`${part}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  };

  if (options.parts.includes('sync') || options.parts.includes('incremental')) await attempt('sync', () => runSyncBench(options, say));
  if (options.parts.includes('export')) {
    await attempt('export', () => runExportBench({ rows: options.sizes.exportRows, seed: options.seed, endMs: options.dataEndMs, fresh: options.fresh, say }));
  }
  if (options.parts.includes('table')) await attempt('table', () => runTableBench(options, say));
  if (options.parts.includes('views')) await attempt('views', () => runViewsBench(options, say));
  if (options.parts.includes('sandbox')) await attempt('sandbox', () => runSandboxBench(options, say));
  if (options.parts.includes('scale')) await attempt('scale', () => runScaleBench(options, say));
  if (options.parts.includes('bigsync')) await attempt('bigsync', () => runBigSyncBench(options, say));

  const finishedAt = new Date();
  const table = textTable(rows);
  process.stdout.write(`\n${table}\n`);
  if (failures.length > 0) process.stdout.write(`\nParts that could not run:\n${failures.map((f) => `  - ${f.split('\n')[0]}`).join('\n')}\n`);
  const seconds = (finishedAt.getTime() - startedAt.getTime()) / 1000;
  process.stdout.write(`\n${command}: ${seconds.toFixed(0)} s on ${JSON.stringify(machine())}\n`);

  writeFileSync(
    resultsFile,
    `${JSON.stringify({ command, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), seconds, machine: machine(), options, rows, failures, details }, null, 2)}\n`,
  );
  const fullRun = !options.quick && options.parts.length === PARTS.length;
  if (fullRun) {
    writeFileSync(
      markdownFile,
      [
        '# Benchmark results',
        '',
        `Produced by \`${command}\` on ${finishedAt.toISOString().slice(0, 10)} in ${Math.round(seconds / 60)} minutes, on ${machine().cpus} × ${machine().cpuModel}, Node ${process.version}.`,
        'Machines here are noisy: the ratios carry the claims, not the absolute times. Raw numbers: `bench/results.json`.',
        '',
        markdownTable(rows),
        ...(failures.length > 0 ? ['', 'Parts that could not run:', ...failures.map((f) => `- ${f.split('\n')[0]}`)] : []),
        '',
      ].join('\n'),
    );
  }
  say(`results: ${resultsFile.pathname}${fullRun ? ` and ${markdownFile.pathname}` : ''}`);
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await main();
