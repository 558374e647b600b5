/**
 * Playwright fixtures: each test gets its own preview shell with a fresh data directory and its
 * own sandbox, on free ports, and a Chromium page at the app.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { startPreview, type Preview } from '../../electron/preview/preview.ts';
import { redirectUriFor } from '../../electron/core/config.ts';
import type { Sandbox } from '../sandbox/server.ts';

export { expect };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PreviewSetup {
  /** Sandbox contacts; keep small unless the test is about size. */
  contacts?: number;
}

export const test = base.extend<{ setup: PreviewSetup; preview: Preview; sandbox: Sandbox; app: Page }>({
  setup: [{}, { option: true }],
  preview: async ({ setup }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'contact-desk-e2e-'));
    const redirectUris = [];
    for (let i = 0; i < 3; i++) redirectUris.push(redirectUriFor(await freePort()));
    const preview = await startPreview({
      env: { CONTACT_DESK_DATA_DIR: dataDir },
      port: 0,
      sandbox: { redirectUris, contacts: setup.contacts ?? 5000 },
    });
    await use(preview);
    await preview.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.key`, { force: true });
  },
  sandbox: async ({ preview }, use) => {
    if (!preview.sandbox) throw new Error('the e2e preview always runs the sandbox');
    await use(preview.sandbox);
  },
  app: async ({ page, preview }, use) => {
    await page.goto(preview.url);
    await use(page);
  },
});

/** Scans the page with axe-core; serious or critical violations fail the test. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`)).toEqual([]);
}
