/** `npm run bench -- [--quick] [--only sync|incremental|export|table|views ...] [--fresh]` */
import { parseArgs } from 'node:util';
import type { Part } from './report.ts';

export const PARTS: readonly Part[] = ['sync', 'incremental', 'export', 'table', 'views', 'sandbox', 'scale', 'bigsync'];

export interface BenchOptions {
  quick: boolean;
  parts: Part[];
  /** Rebuild the big export cache even if an identical one is on disk. */
  fresh: boolean;
  sizes: {
    /** Contacts in the sandbox for the full and incremental sync. */
    syncContacts: number;
    /** Share of them changed before the incremental sync. */
    changedShare: number;
    exportRows: number;
    tableContacts: number;
    /** Contacts in the sandbox whose own speed is measured (part sandbox). */
    sandboxContacts: number;
    /** Contacts in the big cache of part scale. */
    scaleContacts: number;
    /** Contacts fully synced by part bigsync. */
    bigSyncContacts: number;
  };
  /** The sandbox's network and limits for the sync benchmark. */
  sandbox: { latencyMs: number; rateLimit: { max: number; intervalMs: number }; searchPerSecond: number };
  seed: number;
  /** Where the generated contacts' dates end: fixed, so caches built on different days are identical. */
  dataEndMs: number;
}

const FULL = { syncContacts: 100_000, changedShare: 0.01, exportRows: 1_000_000, tableContacts: 100_000, sandboxContacts: 1_000_000, scaleContacts: 1_000_000, bigSyncContacts: 1_000_000 };
const QUICK = { syncContacts: 10_000, changedShare: 0.01, exportRows: 100_000, tableContacts: 10_000, sandboxContacts: 100_000, scaleContacts: 100_000, bigSyncContacts: 100_000 };

export const USAGE = `usage: npm run bench -- [--quick] [--only ${PARTS.join('|')}]... [--fresh]
  --quick   smaller sizes (10,000 contacts to sync, 100,000 rows to export, 10,000 in the table)
  --only    run only these parts (repeat, or separate with commas); incremental includes our full sync
  --fresh   rebuild the big export cache even when an identical one from an earlier run is on disk`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) throw new UsageError('');
  const requested = (values.only ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  const unknown = requested.filter((part) => !PARTS.includes(part as Part));
  if (unknown.length > 0) throw new UsageError(`Unknown part: ${unknown.join(', ')}.`);
  const parts = requested.length === 0 ? [...PARTS] : PARTS.filter((part) => requested.includes(part));
  return {
    quick: values.quick,
    parts,
    fresh: values.fresh,
    sizes: values.quick ? QUICK : FULL,
    sandbox: { latencyMs: 250, rateLimit: { max: 110, intervalMs: 10_000 }, searchPerSecond: 5 },
    seed: 1,
    dataEndMs: Date.parse('2026-03-01T00:00:00Z'),
  };
}

export class UsageError extends Error {}
