/**
 * Start-up when something is wrong with the installed copy or its data: the app reaches its error
 * dialog and exits (broken settings, a data folder that cannot be made, no HubSpot app), or keeps a
 * damaged settings file aside and starts; a data folder that does not exist yet is made before
 * Electron is told about it (app.setPath throws for a missing folder); what a program running as the
 * user can write cannot redirect the sign-in (SECURITY.md, "Packaged settings cannot be redirected").
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { openedAtLoginArg } from '../../electron/core/login-item/launch.ts';
import { attachRecordsIfFailed, expectCleanRun, logLines } from './harness/expectations.ts';
import { launchApp, type LaunchOptions, type RehearsedApp } from './harness/launch.ts';
import { startWorld, type RehearsalWorld } from './harness/world.ts';

let world: RehearsalWorld;
let app: RehearsedApp | null = null;

test.beforeEach(async () => {
  world = await startWorld({ sandbox: { contacts: 5 } });
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern
test.afterEach(async ({}, testInfo) => {
  if (app) await attachRecordsIfFailed(app, testInfo);
  await app?.dispose();
  app = null;
  await world.dispose();
});

async function launch(browser: Browser, options: Partial<LaunchOptions> = {}): Promise<RehearsedApp> {
  app = await launchApp({ browser, appRoot: world.appRoot, home: world.home, resources: world.resources, ...options });
  return app;
}

/** The app said why in its error box, named its log, exited with 1, and never opened a window. */
async function expectStartupError(started: RehearsedApp, sentence: RegExp): Promise<void> {
  expect(await started.exited).toEqual({ code: 1, signal: null });
  const [box, ...more] = started.find('dialog.showErrorBox');
  expect(more).toEqual([]);
  expect(box?.title).toBe('Contact Desk cannot start');
  expect(String(box?.content)).toMatch(sentence);
  expect(String(box?.content)).toMatch(/Details are in the log: .*contact-desk\.log$/);
  expect(started.find('BrowserWindow.new')).toEqual([]);
  expect(started.find('Tray.new')).toEqual([]);
  expectCleanRun(started);
}

test('broken settings in the build: the error dialog says which, and the app exits', async ({ browser }) => {
  writeFileSync(join(world.resources, 'config.json'), '{ "HUBSPOT_CLIENT_ID": "abc", ');
  await expectStartupError(await launch(browser), /The configuration file .*config\.json is not valid JSON\. Fix it or remove it\./);
});

test('a build without the HubSpot app settings says so instead of showing an empty app', async ({ browser }) => {
  writeFileSync(join(world.resources, 'config.json'), '{}\n');
  await expectStartupError(await launch(browser), /has no HubSpot app set up/);
});

test('a data folder that cannot be created is a configuration error with its reason', async ({ browser }) => {
  writeFileSync(join(world.home, 'not-a-folder'), 'x');
  const dataDir = join(world.home, 'not-a-folder', 'Contact Desk');
  const started = await launch(browser, { env: { CONTACT_DESK_DATA_DIR: dataDir } });
  await expectStartupError(started, /could not create its data folder ".*not-a-folder\/Contact Desk": part of that path is a file, not a folder\./);
  expect(started.find('app.setPath')).toEqual([]);
});

test('a data folder that does not exist yet is created before Electron is told about it', async ({ browser }) => {
  const dataDir = join(world.home, 'IT managed', 'Contact Desk data');
  const started = await launch(browser, { env: { CONTACT_DESK_DATA_DIR: dataDir } });
  await started.waitFor('BrowserWindow.show');
  expect(started.find('app.setPath')).toEqual([{ name: 'userData', path: dataDir }]);
  // The single-instance lock and the logs follow the data folder.
  expect(existsSync(join(dataDir, 'SingletonLock'))).toBe(true);
  expect(logLines(dataDir).some((line) => line.message === 'app: starting')).toBe(true);
  await started.call('os.quit', {});
  expect(await started.exited).toEqual({ code: 0, signal: null });
  expectCleanRun(started);
});

test('a damaged settings file is kept aside for support and the app starts afresh', async ({ browser }) => {
  mkdirSync(world.userData, { recursive: true });
  writeFileSync(join(world.userData, 'contact-desk-store.json'), '{"auth.tokens": "abc", "desktop.closedTo');
  const started = await launch(browser);
  await expect((await started.mainPage()).getByRole('button', { name: 'Connect to HubSpot' })).toBeVisible();
  expect(readdirSync(world.userData).filter((name) => /^contact-desk-store\.damaged-\d+\.json$/.test(name))).toHaveLength(1);
  expect(logLines(world.userData).some((line) => line.message === 'store: the settings file could not be read; starting with a fresh one')).toBe(true);
  await started.call('os.quit', {});
  expect(await started.exited).toEqual({ code: 0, signal: null });
  expectCleanRun(started);
});

test('the end of the OS session quits (after the core has closed); a cancelled one leaves closing as hiding', async ({ browser }) => {
  const started = await launch(browser);
  const page = await started.mainPage();
  await expect(page.getByRole('button', { name: 'Connect to HubSpot' })).toBeVisible();
  // Windows asks first; another program (or the user) cancels: closing the window still hides it.
  await started.call('os.emit', { target: 'window', event: 'query-session-end' });
  await started.call('user.closeWindow', { windowId: 1 });
  expect(started.find('BrowserWindow#close').at(-1)).toMatchObject({ why: 'user', prevented: true });
  expect(started.find('BrowserWindow.hide')).toHaveLength(1);
  // The session really ends.
  await started.call('os.emit', { target: 'window', event: 'session-end' });
  expect(await started.exited).toEqual({ code: 0, signal: null });
  expect(logLines(world.userData).at(-1)?.message).toBe('app: stopped');
  expectCleanRun(started);
});

test('Quit asked twice in a row (Quit clicked twice, Cmd+Q as the computer shuts down) still waits for the core', async ({ browser }) => {
  const started = await launch(browser);
  await started.waitFor('BrowserWindow.show');
  await started.call('os.quit', { times: 2 });
  expect(await started.exited).toEqual({ code: 0, signal: null });
  // The second quit meets a core still closing: will-quit is held again until the close is done.
  expect(started.find('app#will-quit').map((detail) => detail.prevented)).toEqual([true, true, false]);
  const messages = logLines(world.userData).map((line) => line.message);
  expect(messages.at(-1)).toBe('app: stopped');
  expect(messages).not.toContain('app: shutdown did not finish cleanly');
  expectCleanRun(started);
});

test('opened at sign-in: only the tray icon until the user opens the window (here: a Dock click, "activate")', async ({ browser }) => {
  const started = await launch(browser, { args: [openedAtLoginArg] });
  await started.waitFor('BrowserWindow#ready-to-show');
  expect(started.find('Tray.new')).toHaveLength(1);
  expect(started.find('BrowserWindow.show'), 'the window stays hidden').toEqual([]);
  await started.call('os.emit', { target: 'app', event: 'activate', args: [false] });
  expect(started.find('app#activate')).toEqual([{ listeners: 1 }]);
  await started.waitFor('BrowserWindow.show', (detail) => detail.painted === true);
  await expect((await started.mainPage()).getByRole('button', { name: 'Connect to HubSpot' })).toBeVisible();
  await started.call('os.quit', {});
  expect(await started.exited).toEqual({ code: 0, signal: null });
  expectCleanRun(started);
});

/** A server the sign-in (and the client secret with it) must never reach: a look-alike of HubSpot's consent page. */
const elsewhere = 'https://app.hubspot.com.sign-in.example';

test('config.json in the data folder and HUBSPOT_* variables cannot send the sign-in elsewhere', async ({ browser }) => {
  mkdirSync(world.userData, { recursive: true });
  writeFileSync(join(world.userData, 'config.json'), JSON.stringify({ HUBSPOT_AUTH_BASE_URL: elsewhere, HUBSPOT_API_BASE_URL: elsewhere, HUBSPOT_CLIENT_ID: 'someone-else' }));
  const started = await launch(browser, { env: { HUBSPOT_AUTH_BASE_URL: elsewhere, HUBSPOT_API_BASE_URL: elsewhere, HUBSPOT_CLIENT_ID: 'someone-else', HUBSPOT_CLIENT_SECRET: 'x' } });
  await (await started.mainPage()).getByRole('button', { name: 'Connect to HubSpot' }).click();
  const consent = new URL(String((await started.waitFor('shell.openExternal')).url));
  expect(consent.origin).toBe(world.sandbox.url);
  expect(consent.searchParams.get('client_id')).toBe(world.sandbox.clientId);
  await started.call('os.quit', {});
  expect(await started.exited).toEqual({ code: 0, signal: null });
  expectCleanRun(started);
});

test('a resources file edited to name an origin the build was not made with: the app says it was changed and does not start', async ({ browser }) => {
  const file = join(world.resources, 'config.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), HUBSPOT_AUTH_BASE_URL: elsewhere }));
  await expectStartupError(await launch(browser), new RegExp(`This copy of Contact Desk has been changed: its settings send sign-ins to ${elsewhere.replaceAll('.', String.raw`\.`)}`));
});
