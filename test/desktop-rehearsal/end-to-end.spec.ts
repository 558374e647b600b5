/**
 * The built app, start to finish, with the sandbox as HubSpot: start-up, sign-in through the system
 * browser, sync, search, export through the Save dialog, every tray menu item, a call from a foreign
 * frame, and a quit that waits for the core to close.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { unprotectCell } from '../../electron/core/export/formula-policy.ts';
import { appSchemePrivileges, contentSecurityPolicy } from '../../electron/desktop/security-policy.ts';
import { channelNames, ipcChannelFor } from '../../electron/ipc/contract.ts';
import { approveInNewTab, expectCleanRun, logLines, workerBundles } from './harness/expectations.ts';
import { oneAppJourney } from './harness/journey.ts';
import { desktopDir, type RehearsedApp } from './harness/launch.ts';
import { ipcBinding } from './harness/page-preload.ts';
import type { RehearsalWorld } from './harness/world.ts';

const contacts = 60;
let world: RehearsalWorld;
let app: RehearsedApp;
let page: Page;

// One app, one journey: each test is a stage of it and needs the ones before.
oneAppJourney({ contacts }, (journey) => ({ world, app, page } = journey));

const seqOf = (api: string, predicate: (detail: Record<string, unknown>) => boolean = () => true) => app.records.find((record) => record.api === api && predicate(record.detail))?.seq ?? Infinity;
const trayItems = () => (app.find('Tray.setContextMenu').at(-1)?.items ?? []) as { id: string | null; label: string; enabled: boolean }[];

test('start-up: privileged scheme and sandbox before ready, locked-down window shown only once painted', async () => {
  await app.waitFor('BrowserWindow.show');
  const ready = seqOf('app#ready');
  expect(seqOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(ready);
  expect(seqOf('app.enableSandbox')).toBeLessThan(ready);
  expect(seqOf('app.requestSingleInstanceLock', (detail) => detail.granted === true)).toBeLessThan(ready);
  expect(app.find('protocol.registerSchemesAsPrivileged')[0]?.schemes).toEqual([{ scheme: 'app', privileges: { ...appSchemePrivileges } }]);
  expect(appSchemePrivileges).not.toHaveProperty('corsEnabled');

  const [created] = app.find('BrowserWindow.new');
  const options = created?.options as { show: boolean; icon: string; webPreferences: Record<string, unknown> };
  expect(options.show).toBe(false);
  expect(options.webPreferences).toMatchObject({
    preload: join(desktopDir(world.appRoot), 'preload.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    devTools: false,
  });
  expect(existsSync(options.icon), 'the window icon is in the bundle').toBe(true);
  // No flash: the window appears once the page has painted, never before.
  const shows = app.find('BrowserWindow.show');
  expect(shows.every((show) => show.painted === true)).toBe(true);
  expect(seqOf('BrowserWindow.show')).toBeGreaterThan(seqOf('BrowserWindow#ready-to-show'));

  expect(app.find('ipcMain.handle').map((detail) => detail.channel).sort()).toEqual(channelNames.map(ipcChannelFor).sort());
  // The contact cache runs in worker threads started from their own bundle beside main.cjs.
  await expect.poll(() => workerBundles(app)).toContain('cache-worker.cjs');
  expect(app.find('nativeImage.createFromPath', (detail) => detail.empty === true), 'icons that did not load').toEqual([]);

  // The page came from the app's own protocol handler, with its CSP as a header.
  expect(app.find('protocol#answered', (detail) => detail.url === 'app://contact-desk/index.html')).toEqual([{ url: 'app://contact-desk/index.html', status: 200, csp: contentSecurityPolicy }]);
  await expect(page).toHaveTitle('Contact Desk');
  // The preload's contract: one bridge with the contract's channels and on(); no Node in the page.
  const globals = await page.evaluate(() => {
    const page = globalThis as unknown as Record<string, unknown>;
    return { bridge: Object.keys(page.contactDeskBridge as object).sort(), require: typeof page.require, process: typeof page.process };
  });
  expect(globals).toEqual({ bridge: [...channelNames, 'on'].sort(), require: 'undefined', process: 'undefined' });
});

test('sign in: the consent page opens in the browser and is completed in a new tab', async ({ browser }) => {
  await page.getByRole('button', { name: 'Connect to HubSpot' }).click();
  const { url } = await app.waitFor('shell.openExternal');
  expect(String(url).startsWith(`${world.sandbox.url}/oauth/authorize?`)).toBe(true);
  await approveInNewTab(browser, String(url));
  await expect(page.getByRole('button', { name: /acme-sample\.hubspot\.com/ })).toBeVisible();
});

test('sync, then search', async () => {
  await expect(page.getByText(`${contacts} contacts`, { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });
  const someone = [...world.sandbox.admin.allContacts()][7]!;
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill(someone.properties.email ?? '');
  await expect(page.getByText(`1 of ${contacts} contacts matches`)).toBeVisible();
  await expect(page.getByRole('cell', { name: someone.properties.email ?? '', exact: true })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('');
});

test('export through the Save dialog to a folder of this computer', async () => {
  const folder = join(world.home, 'Documents');
  mkdirSync(folder, { recursive: true });
  app.answers.saveDialog = () => ({ canceled: false, filePath: join(folder, 'all-contacts') });
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export contacts' });
  await dialog.getByRole('button', { name: /^Export \d+ contacts?$/ }).click();
  await expect(dialog.getByText(`Saved ${contacts} contacts`)).toBeVisible();
  const asked = await app.waitFor('dialog.showSaveDialog');
  expect(asked.modal, 'the Save dialog belongs to the window').toBe(true);
  expect((asked.options as { defaultPath: string }).defaultPath).toMatch(/Documents\/contacts-.*\.csv$/);
  const [header, ...rows] = parse(readFileSync(join(folder, 'all-contacts.csv'), 'utf8'), { bom: true }) as string[][];
  expect(header).toContain('Email');
  expect(rows).toHaveLength(contacts);
  const emails = new Set([...world.sandbox.admin.allContacts()].map((contact) => contact.properties.email ?? ''));
  const emailColumn = header!.indexOf('Email');
  expect(rows.filter((row) => !emails.has(unprotectCell(row[emailColumn] ?? ''))), 'rows that are not the sandbox\'s contacts').toEqual([]);
  expect(workerBundles(app), 'the export worker runs from its bundle').toContain('export-worker.cjs');
  await dialog.getByRole('button', { name: 'Close' }).first().click();
});

test('a call from a foreign frame is refused by the sender check', async () => {
  await page.evaluate(() => {
    const frame = (globalThis as unknown as { document: { createElement(tag: string): { src: string }; body: { append(node: unknown): void } } }).document.createElement('iframe');
    frame.src = 'about:blank';
    (globalThis as unknown as { document: { body: { append(node: unknown): void } } }).document.body.append(frame);
  });
  await expect.poll(() => page.frames().length).toBe(2);
  const foreign = page.frames()[1]!;
  const answer = await foreign.evaluate(
    ([binding, channel]) => (globalThis as unknown as Record<string, (message: unknown) => Promise<unknown>>)[binding]!({ op: 'invoke', channel, args: [undefined] }),
    [ipcBinding, ipcChannelFor('getAppInfo')] as const,
  );
  expect(answer).toMatchObject({ ok: false, error: { kind: 'permission-denied' } });
  expect(logLines(world.userData).some((line) => line.message === 'ipc: refused a call from outside the app window')).toBe(true);
  // The top frame, the same call: answered.
  expect(await page.evaluate(() => (globalThis as unknown as { contactDeskBridge: { getAppInfo(): Promise<unknown> } }).contactDeskBridge.getAppInfo())).toMatchObject({ ok: true, value: { shell: 'desktop', mode: 'hubspot' } });
});

test('the page crashes: the window loads it again', async () => {
  const crashed = page;
  const devtools = await crashed.context().newCDPSession(crashed);
  void devtools.send('Page.crash').catch(() => {});
  expect(await app.waitFor('webContents#render-process-gone')).toMatchObject({ reason: 'crashed' });
  await app.waitFor('webContents.reload');
  await expect.poll(async () => (await app.mainPage()) !== crashed).toBe(true);
  page = await app.mainPage();
  await expect(page.getByRole('button', { name: /acme-sample\.hubspot\.com/ })).toBeVisible();
});

test('the page cannot leave the app or open windows', async () => {
  await page.evaluate(() => void ((globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'));
  await app.waitFor('webContents#will-navigate', (detail) => detail.url === 'https://example.com/' && detail.prevented === true);
  await page.evaluate(() => void (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/popup'));
  await app.waitFor('webContents#window-open', (detail) => detail.action === 'deny');
  expect(await app.call('webRequest.beforeRequest', { url: 'https://example.com/tracker.png', resourceType: 'image', webContentsId: 1 })).toEqual({ cancel: true });
  expect(await app.call('os.permissionRequest', { permission: 'geolocation' })).toEqual({ granted: false });
  await expect(page.getByRole('button', { name: /acme-sample\.hubspot\.com/ })).toBeVisible();
});

test('the tray menu: each item, as the stand-in recorded it', async () => {
  expect(trayItems().filter((item) => item.id).map((item) => item.id)).toEqual(['status', 'check-now', 'sync-now', 'export', 'open', 'sign-out', 'quit']);

  const requestsBefore = world.sandbox.admin.stats().apiRequests;
  await app.call('user.clickTrayItem', { id: 'check-now' });
  await expect.poll(() => world.sandbox.admin.stats().apiRequests, { message: 'Check now asks HubSpot' }).toBeGreaterThan(requestsBefore);

  const beforeSync = world.sandbox.admin.stats().byPath;
  world.sandbox.admin.createContact({ firstname: 'Tray', lastname: 'Synced', email: 'tray.synced@example.com' });
  await app.call('user.clickTrayItem', { id: 'sync-now' });
  await expect(page.getByText(`${contacts + 1} contacts`, { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(world.sandbox.admin.stats().byPath).not.toEqual(beforeSync);

  await app.call('user.closeWindow', { windowId: 1 });
  expect(app.find('BrowserWindow#close').at(-1)).toMatchObject({ prevented: true });
  await app.call('user.clickTrayItem', { id: 'export' });
  await expect(page.getByRole('dialog', { name: 'Export contacts' })).toBeVisible();
  expect(app.find('BrowserWindow.show').length).toBeGreaterThan(1);
  await page.keyboard.press('Escape');

  await app.call('user.clickTrayItem', { id: 'open' });
  await app.call('user.clickTrayItem', { id: 'sign-out' });
  const signOut = page.getByRole('dialog', { name: 'Sign out of HubSpot?' });
  await expect(signOut).toBeVisible();
  await signOut.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Connect to HubSpot' })).toBeVisible();
  await expect.poll(() => trayItems().map((item) => item.id)).toContain('sign-in');
});

test('Quit: the core closes before the process ends', async () => {
  await app.call('user.clickTrayItem', { id: 'quit' });
  expect(await app.exited).toEqual({ code: 0, signal: null });
  expect(app.find('app#will-quit').map((detail) => detail.prevented)).toEqual([true, false]);
  expect(app.find('BrowserWindow#close').at(-1)).toMatchObject({ why: 'quit', prevented: false });
  // 'app: stopped' is written once services.dispose() has finished (cache, sync, export closed), or
  // after 5 s with 'shutdown did not finish cleanly' before it; then the process may end.
  const messages = logLines(world.userData).map((line) => line.message);
  expect(messages.at(-1)).toBe('app: stopped');
  expect(messages).not.toContain('app: shutdown did not finish cleanly');
  expectCleanRun(app);
});
