/**
 * What the browser benches start from: a sandbox, Chromium, and a data folder the preview has
 * signed in with for real (consent page in Chromium), its cache file then removed so the bench can
 * fill it with exactly the contacts it wants before starting the preview again.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { sandboxEnvironment } from '../electron/core/config.ts';
import type { Logger } from '../electron/core/ports.ts';
import { startPreview, type Preview } from '../electron/preview/preview.ts';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { freeRedirectUris } from '../test/support/free-ports.ts';
import { forkWithCalls } from './child-calls.ts';
import type { BenchOptions } from './options.ts';
import type { PreviewCall, PreviewReady, PreviewResults } from './preview-protocol.ts';

export const quietLog: Logger = { info: () => {}, warn: () => {}, error: (message) => process.stderr.write(`[preview] ${message}\n`) };

export interface SignedInWorld {
  sandbox: Sandbox;
  browser: Browser;
  /** The (removed) cache file of the signed-in data folder: fill it, then start the preview. */
  dbPath: string;
  startPreview(): Promise<Preview>;
  /** The preview in a process of its own (preview-process.ts), as Electron's main process is. */
  startPreviewProcess(): Promise<PreviewProcess>;
  close(): Promise<void>;
}

export interface PreviewProcess {
  url: string;
  call<M extends PreviewCall['method']>(call: Extract<PreviewCall, { method: M }>): Promise<PreviewResults[M]>;
  close(): Promise<void>;
}

const previewEntry = new URL('./preview-process.ts', import.meta.url);

export async function startSignedInWorld(part: string, contacts: number, options: BenchOptions, say: (line: string) => void): Promise<SignedInWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), `contact-desk-bench-${part}-`));
  const redirectUris = await freeRedirectUris();
  const sandbox = await startSandbox({ contacts, seed: options.seed, dataEndTime: options.dataEndMs, redirectUris, accessTokenTtlSeconds: 24 * 3600 });
  const env = { ...sandboxEnvironment(sandbox, redirectUris.map((uri) => Number(new URL(uri).port))), CONTACT_DESK_DATA_DIR: dataDir };
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const previews: { close(): Promise<void> }[] = [];
  const world: SignedInWorld = {
    sandbox,
    browser,
    dbPath: '',
    async startPreview() {
      const preview = await startPreview({ env, port: 0, log: quietLog });
      previews.push(preview);
      return preview;
    },
    async startPreviewProcess() {
      const child = await forkWithCalls<PreviewReady>(previewEntry, [], 'preview', env);
      const preview: PreviewProcess = {
        url: child.ready.url,
        call: <M extends PreviewCall['method']>(call: Extract<PreviewCall, { method: M }>) => child.call(call) as Promise<PreviewResults[M]>,
        close: () => child.close(),
      };
      previews.push(preview);
      return preview;
    },
    async close() {
      for (const preview of previews) await preview.close();
      await browser.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.key`, { force: true });
    },
  };
  try {
    say(`${part}: signing in through the consent page`);
    const preview = await world.startPreview();
    await signIn(browser, preview.url);
    await preview.close();
    world.dbPath = cacheFileIn(dataDir);
    for (const suffix of ['', '-wal', '-shm']) rmSync(world.dbPath + suffix, { force: true });
    return world;
  } catch (error) {
    await world.close();
    throw error;
  }
}

async function signIn(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    const consentPage = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Connect to HubSpot' }).click();
    const consent = await consentPage;
    await consent.getByRole('button', { name: 'Connect app' }).click();
    await page.getByRole('searchbox', { name: 'Search contacts' }).waitFor({ timeout: 30_000 });
  } finally {
    await context.close();
  }
}

/** The cache file the app created in its data directory while signed in. */
function cacheFileIn(dataDir: string): string {
  const file = readdirSync(dataDir).find((name) => /\.(sqlite|sqlite3|db)$/.test(name));
  if (!file) throw new Error(`The preview did not create a contacts cache in ${dataDir}; is the contacts service wired into services.ts?`);
  return join(dataDir, file);
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
