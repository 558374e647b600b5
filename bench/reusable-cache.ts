/**
 * Building a million-row cache takes minutes, so a bench keeps it between runs under a name
 * derived from everything that decides its contents (the cache code, the generator, the sizes); a
 * change to any of them builds a new one and removes the old. Used by the export and scale parts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillCache } from './fill-cache.ts';

export interface ReusableCacheOptions {
  /** Names the file (e.g. 'export', 'scale'); one kept per name and size. */
  name: string;
  rows: number;
  seed: number;
  endMs: number;
  /** Synced properties beyond the defaults. */
  extraProperties?: string[];
  /** Rebuild even when an identical one is on disk. */
  fresh: boolean;
  say: (line: string) => void;
}

const projectRoot = new URL('../', import.meta.url);
export const benchCacheDir = join(tmpdir(), 'contact-desk-bench');

/** Every source file that decides what a filled cache holds. */
function sourceFiles(): string[] {
  const cacheModules = readdirSync(new URL('electron/core/contacts/', projectRoot)).filter((file) => /^(cache|sql-functions|sort-keys).*\.ts$/.test(file)).sort();
  return [
    ...cacheModules.map((file) => `electron/core/contacts/${file}`), 'electron/core/contacts/search-text.ts', 'electron/core/contacts/sync-state.ts', 'electron/core/contacts/value-columns.ts',
    'electron/core/contacts/synced-properties.ts', 'sandbox/contacts-data.ts', 'sandbox/locales.ts',
    'sandbox/random.ts', 'sandbox/properties.ts', 'sandbox/state.ts', 'sandbox/owners.ts', 'bench/fill-cache.ts', 'bench/generate-worker.ts', 'bench/sandbox-data.ts',
  ];
}

export async function reusableCache(options: ReusableCacheOptions): Promise<{ dbPath: string; built: boolean }> {
  mkdirSync(benchCacheDir, { recursive: true });
  const hash = createHash('sha256');
  for (const source of sourceFiles()) if (existsSync(new URL(source, projectRoot))) hash.update(readFileSync(new URL(source, projectRoot)));
  hash.update(JSON.stringify({ rows: options.rows, seed: options.seed, endMs: options.endMs, extra: options.extraProperties ?? [] }));
  const prefix = `${options.name}-${options.rows}-`;
  const dbPath = join(benchCacheDir, `${prefix}${hash.digest('hex').slice(0, 16)}.sqlite`);
  if (existsSync(dbPath) && !options.fresh) {
    options.say(`${options.name}: reusing the ${options.rows.toLocaleString('en-US')}-contact cache built by an earlier run (${dbPath}; --fresh rebuilds it)`);
    return { dbPath, built: false };
  }
  for (const file of readdirSync(benchCacheDir)) {
    if (file.startsWith(prefix)) rmSync(join(benchCacheDir, file), { force: true });
  }
  const building = `${dbPath}.building`;
  options.say(`${options.name}: building a cache of ${options.rows.toLocaleString('en-US')} contacts through the cache module (kept for later runs)`);
  let reported = 0;
  const { ms } = await fillCache({
    dbPath: building,
    total: options.rows,
    seed: options.seed,
    endMs: options.endMs,
    extraProperties: options.extraProperties ?? [],
    onProgress: (written) => {
      if (written - reported >= options.rows / 10 || written === options.rows) {
        reported = written;
        options.say(`${options.name}: ${written.toLocaleString('en-US')} contacts written`);
      }
    },
  });
  options.say(`${options.name}: cache built in ${(ms / 1000).toFixed(0)} s`);
  for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
  renameSync(building, dbPath);
  return { dbPath, built: true };
}
