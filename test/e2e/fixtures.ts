/**
 * Playwright fixtures: each test gets its own preview shell with a fresh data directory and its
 * own sandbox, on free ports, and a Chromium page at the app. Every page of every test is watched:
 * a console error or warning (CSP reports are console errors), or an uncaught exception, fails it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { startPreview, type Preview } from '../../electron/preview/preview.ts';
import { seriousAxeViolations } from '../support/axe.ts';
import { freeRedirectUris } from '../support/free-ports.ts';
import type { Sandbox } from '../../sandbox/server.ts';

export { expect };

export interface PreviewSetup {
  /** Sandbox contacts; keep small unless the test is about size. */
  contacts?: number;
  /** The cache runs test/support/faulty-cache-worker.ts: a call that mentions "crash now" ends its worker. */
  faultyCache?: boolean;
}

export interface ConsoleWatch {
  /** Messages every test of a file provokes on purpose; anything else fails the test. */
  expectedConsole: RegExp[];
}

const expectedConsoleAnnotation = 'expected-console';

export const test = base.extend<{ setup: PreviewSetup; preview: Preview; sandbox: Sandbox; app: Page; consoleProblems: void } & ConsoleWatch>({
  setup: [{}, { option: true }],
  expectedConsole: [[], { option: true }],
  consoleProblems: [
    async ({ context, expectedConsole }, use, testInfo) => {
      const problems = await watchConsole(context);
      await use();
      const expected = [
        ...expectedConsole,
        ...testInfo.annotations.filter((note) => note.type === expectedConsoleAnnotation).map((note) => new RegExp(note.description ?? '')),
      ];
      const unexpected = problems.filter((problem) => !expected.some((pattern) => pattern.test(problem)));
      expect(unexpected, 'console errors, warnings or uncaught exceptions on a page').toEqual([]);
    },
    { auto: true },
  ],
  preview: async ({ setup }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'contact-desk-e2e-'));
    const redirectUris = await freeRedirectUris();
    const preview = await startPreview({
      env: { CONTACT_DESK_DATA_DIR: dataDir },
      port: 0,
      sandbox: { redirectUris, contacts: setup.contacts ?? 5000 },
      ...(setup.faultyCache ? { cacheWorkerEntry: new URL('../support/faulty-cache-worker.ts', import.meta.url) } : {}),
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
    // The page stops calling the preview before the preview stops, so its closing is no console error.
    await page.goto('about:blank');
  },
});

/** Collects what the browser reports as going wrong on any page of the context, as "url: text" lines. */
async function watchConsole(context: BrowserContext): Promise<string[]> {
  const problems: string[] = [];
  // Chromium logs most CSP refusals itself; this reports every one, whatever Chromium logs.
  await context.addInitScript(
    "document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`));",
  );
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      const source = message.location().url;
      problems.push(`${page.url()}: [${message.type()}] ${message.text()}${source && source !== page.url() ? ` (${source})` : ''}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: [uncaught] ${error.name}: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return problems;
}

/** For the test that calls it: console messages matching `pattern` are provoked on purpose and do not fail it. */
export function expectConsoleMessages(pattern: RegExp): void {
  test.info().annotations.push({ type: expectedConsoleAnnotation, description: pattern.source });
}

/** Signs in through the sandbox's consent page, as a user would: Connect to HubSpot, then Connect app in the new tab. */
export async function signIn(app: Page): Promise<void> {
  const consentPage = app.context().waitForEvent('page');
  await app.getByRole('button', { name: 'Connect to HubSpot' }).click();
  const consent = await consentPage;
  await consent.getByRole('button', { name: 'Connect app' }).click();
  await consent.close();
  await expect(app.getByRole('button', { name: /acme-sample\.hubspot\.com/ })).toBeVisible();
}

/** Scans the page with axe-core; serious or critical violations fail the test. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** The text of one column of the contacts table in every row in the DOM, top to bottom. */
export async function columnTexts(app: Page, label: string): Promise<string[]> {
  const table = app.getByRole('table', { name: 'Contacts' });
  const headers = (await table.getByRole('columnheader').allTextContents()).map((text) => text.trim());
  const index = headers.indexOf(label);
  expect(index, `the ${label} column is shown`).toBeGreaterThanOrEqual(0);
  return table
    .locator('[role="rowgroup"]:last-child [role="row"]')
    .evaluateAll((rows, c) => rows.map((row) => row.querySelectorAll('[role="cell"]')[c]?.textContent ?? ''), index);
}
