/**
 * Start-up with a saved sign-in while the OS keychain is slow, flaky or locked: the window comes up
 * at once and says "Unlocking your saved sign-in…", a second launch meanwhile brings it forward,
 * and a keychain that stays locked keeps the sign-in for the next start.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { seriousAxeViolations } from '../support/axe.ts';
import { approveInNewTab, attachRecordsIfFailed, expectCleanRun } from './harness/expectations.ts';
import { launchApp, type LaunchOptions, type RehearsedApp } from './harness/launch.ts';
import { startWorld, type RehearsalWorld } from './harness/world.ts';

test.describe.configure({ mode: 'serial' });

let world: RehearsalWorld;
/** A home folder holding a saved sign-in (made once); each test starts from a copy of it. */
let signedInHome: string;
const launched: RehearsedApp[] = [];

test.beforeAll(async ({ browser }) => {
  world = await startWorld({ sandbox: { contacts: 20 } });
  const app = await launch(browser, world.home);
  const page = await app.mainPage();
  await page.getByRole('button', { name: 'Connect to HubSpot' }).click();
  await approveInNewTab(browser, String((await app.waitFor('shell.openExternal')).url));
  await expect(page.getByText('20 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  await quit(app);
  await app.dispose();
  launched.splice(0);
  signedInHome = world.home;
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern
test.afterEach(async ({}, testInfo) => {
  for (const app of launched.splice(0)) {
    await attachRecordsIfFailed(app, testInfo);
    await app.dispose();
  }
});
test.afterAll(async () => {
  await world.dispose();
});

async function launch(browser: Browser, home: string, options: Partial<LaunchOptions> = {}): Promise<RehearsedApp> {
  const app = await launchApp({ browser, appRoot: world.appRoot, home, resources: world.resources, ...options });
  launched.push(app);
  return app;
}

async function quit(app: RehearsedApp): Promise<void> {
  await app.call('os.quit', {});
  expect(await app.exited).toEqual({ code: 0, signal: null });
}

/** Runs the test's launches in a copy of the signed-in home folder, removed afterwards. */
async function inCopyOfSignedInHome(run: (home: string) => Promise<void>): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'contact-desk-rehearsal-home-'));
  cpSync(signedInHome, home, { recursive: true, filter: (source) => !source.endsWith('SingletonLock') });
  try {
    await run(home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

test('a keychain that answers late: the window is up at once, says it is unlocking, and a second launch brings it forward', async ({ browser }) => {
  await inCopyOfSignedInHome(async (home) => {
    const app = await launch(browser, home, { keychain: 'late' });
    await app.keychainAsked();
    const page = await app.mainPage();
    await expect(page.getByRole('heading', { name: 'Unlocking your saved sign-in…' })).toBeVisible();
    expect(app.find('BrowserWindow.show', (detail) => detail.painted === true).length).toBeGreaterThan(0);
    expect(app.find('safeStorage#encryptor-ready'), 'the window did not wait for the keychain').toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A second launch while the first still waits for the keychain: it hands over and leaves.
    const showsBefore = app.find('BrowserWindow.show').length;
    const second = await launch(browser, home);
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.find('app.requestSingleInstanceLock')).toEqual([{ granted: false }]);
    expect(second.find('BrowserWindow.new')).toEqual([]);
    const handed = await app.waitFor('app#second-instance');
    expect(handed.listeners, 'second-instance is handled before anything is awaited').toBeGreaterThan(0);
    await expect.poll(() => app.find('BrowserWindow.show').length).toBeGreaterThan(showsBefore);

    app.releaseKeychain();
    await expect(page.getByRole('button', { name: /acme-sample\.hubspot\.com/ })).toBeVisible();
    await expect(page.getByText('20 contacts', { exact: true })).toBeVisible();
    await quit(app);
    expectCleanRun(app);
  });
});

test('a keychain that stays locked: the user is told and the sign-in is kept; one that is only "temporarily unavailable" is asked again', async ({ browser }) => {
  await inCopyOfSignedInHome(async (home) => {
    const locked = await launch(browser, home, { keychain: 'locked' });
    const page = await locked.mainPage();
    await expect(page.getByText(/because the keychain is locked/).first()).toBeVisible({ timeout: 20_000 });
    const answers = locked.find('safeStorage.decryptStringAsync').map((detail) => detail.answer);
    expect(answers.length, 'asked more than once').toBeGreaterThan(1);
    expect(new Set(answers)).toEqual(new Set(['temporarily unavailable']));
    await quit(locked);
    expectCleanRun(locked);

    // Next start, the keychain answers "temporarily unavailable" twice, then opens: signed in as before.
    const flaky = await launch(browser, home, { keychain: 'flaky' });
    await expect((await flaky.mainPage()).getByRole('button', { name: /acme-sample\.hubspot\.com/ })).toBeVisible({ timeout: 20_000 });
    expect(flaky.find('safeStorage.decryptStringAsync').map((detail) => detail.answer)).toEqual(['temporarily unavailable', 'temporarily unavailable', 'decrypted']);
    expect(flaky.find('shell.openExternal'), 'no new sign-in was needed').toEqual([]);
    await quit(flaky);
    expectCleanRun(flaky);
  });
});
