/**
 * Finding the Electron runtime for `npm start`. The `electron` package downloads it on first use;
 * where that fails (no internet), the failure is remembered for a day so later runs neither try
 * again nor claim to be fetching it: they say in one line that the app opens in the browser.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface RuntimeOptions {
  /** node_modules/electron */
  electronDir: string;
  /** Where a failed download is remembered (under .data/, which is never committed). */
  failureMarker: string;
  /** Runs the electron package's own download; true when it succeeded. */
  download(): boolean;
  say(line: string): void;
  now?: () => number;
}

const retryAfterMs = 24 * 60 * 60 * 1000;

/** The runtime's path, downloading it if it may; null (after saying so) when it is not there. */
export function findElectronRuntime(options: RuntimeOptions): string | null {
  const now = options.now ?? Date.now;
  const installed = installedRuntime(options.electronDir);
  if (installed !== null) {
    rmSync(options.failureMarker, { force: true });
    return installed;
  }
  const failedAt = failureTime(options.failureMarker);
  if (failedAt !== null && now() - failedAt < retryAfterMs) {
    options.say(
      `Contact Desk opens in your browser: the Electron runtime is not installed here (its download failed on ${new Date(failedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}; to try again, run node node_modules/electron/install.js).`,
    );
    return null;
  }
  options.say('Downloading the Electron runtime (once, about 100 MB)…');
  const downloaded = options.download() ? installedRuntime(options.electronDir) : null;
  if (downloaded !== null) {
    rmSync(options.failureMarker, { force: true });
    return downloaded;
  }
  mkdirSync(dirname(options.failureMarker), { recursive: true });
  writeFileSync(options.failureMarker, `${new Date(now()).toISOString()}\n`);
  options.say('It could not be downloaded (this computer cannot reach its download server), so Contact Desk opens in your browser instead.');
  return null;
}

function installedRuntime(electronDir: string): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function failureTime(marker: string): number | null {
  try {
    return statSync(marker).mtimeMs;
  } catch {
    return null;
  }
}
