/** What every rehearsal checks of a run, and the user's part of a sign-in in a Chromium tab. */
import { readFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Browser, type TestInfo } from '@playwright/test';
import type { RehearsedApp } from './launch.ts';

const standInDir = fileURLToPath(new URL('../stand-in/', import.meta.url));


/**
 * Nothing the rehearsal cannot stand behind happened: no stand-in or preload API the app used is
 * missing, the page logged no error or warning and threw nothing, no message to the page was lost,
 * and the app process and its workers loaded nothing but the bundles in dist/desktop (what
 * electron-builder packs; node_modules is not shipped).
 */
export function expectCleanRun(app: RehearsedApp): void {
  expect(app.unimplementedCalls(), 'Electron APIs the app called that the stand-in does not implement').toEqual([]);
  expect(app.find('page#console'), 'console errors and warnings in the window').toEqual([]);
  expect(app.find('page#error'), 'uncaught errors in the window').toEqual([]);
  expect(app.find('webContents.send#dropped'), 'messages sent before the page could hear them').toEqual([]);
  expect(app.find('page#operation-failed'), 'page operations that failed').toEqual([]);
  expect(app.find('link#error'), 'messages between the app and the rehearsal that failed').toEqual([]);
  const outside = app
    .loadedFiles()
    .map((file) => file.path)
    .filter((path) => !path.startsWith(app.desktopDir + sep) && !path.startsWith(standInDir) && !path.includes(`${sep}test${sep}desktop-rehearsal${sep}link.ts`));
  expect([...new Set(outside)], 'files loaded from outside dist/desktop').toEqual([]);
}

/** The files loaded by worker threads (thread id > 0), relative to dist/desktop. */
export function workerBundles(app: RehearsedApp): string[] {
  return [...new Set(app.loadedFiles().filter((file) => file.threadId > 0 && file.path.startsWith(app.desktopDir)).map((file) => relative(app.desktopDir, file.path)))];
}

/** The app's log lines (JSON), from the packaged app's logs folder. */
export function logLines(userData: string): { level: string; message: string; [field: string]: unknown }[] {
  const file = join(userData, 'logs', 'contact-desk.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: string; message: string });
}

/**
 * The user's part of the sign-in: the consent page the app opened with shell.openExternal, in a
 * new tab of its own (the system browser, not the app's window), and "Connect app".
 */
export async function approveInNewTab(browser: Browser, consentUrl: string): Promise<void> {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(consentUrl);
    await tab.getByRole('button', { name: 'Connect app' }).click();
    await expect(tab.getByText("You're connected — you can close this tab and return to Contact Desk.")).toBeVisible();
  } finally {
    await context.close();
  }
}

/** A failed test carries what the stand-in recorded and what the app printed, for whoever reads the report. */
export async function attachRecordsIfFailed(app: RehearsedApp, testInfo: TestInfo): Promise<void> {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('rehearsal records', { body: `${app.summary()}\n\nApp output:\n${app.output}`, contentType: 'text/plain' });
}
