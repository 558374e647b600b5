/**
 * `npm run screenshots`: the pictures in the README's staff guide, taken from the browser preview
 * against the sandbox by driving the UI the way the E2E specs do. Writes docs/screenshots/*.png.
 *
 * Needs Chromium (/usr/bin/chromium, else Playwright's own) and, for the sample's Chinese, Japanese
 * and Korean names, a CJK font (Debian: fonts-noto-cjk).
 *
 * `--only tray` takes only the sheet of tray icons (scripts/tray-sheet.ts), which needs no preview.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, type Locator, type Page } from '@playwright/test';
import { createConsoleLogger } from '../electron/core/log/console-logger.ts';
import { startPreview, type Preview } from '../electron/preview/preview.ts';
import { freeRedirectUris } from '../test/support/free-ports.ts';
import { saveTraySheet } from './tray-sheet.ts';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const viewport = { width: 1200, height: 760 };
const contactCount = 5000;
/** Kept small so the README stays quick to load; the script fails when a picture grows past it. */
const maxBytes = 200 * 1024;
const searchWord = 'Acme';
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

/** Without a CJK font, Chromium draws the sample's Chinese, Japanese and Korean names as boxes. */
function warnIfNoCjkFont(): void {
  const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (fonts.status === 0 && fonts.stdout.trim() === '') {
    console.warn('No CJK font is installed, so any Chinese, Japanese or Korean sample name would show as boxes (Debian: apt-get install fonts-noto-cjk).');
  }
}

const written: { name: string; bytes: number }[] = [];

async function save(page: Page, name: string, clipTo?: Locator): Promise<void> {
  await page.mouse.move(0, viewport.height - 1);
  const path = join(outDir, `${name}.png`);
  let clip;
  if (clipTo) {
    const box = await clipTo.boundingBox();
    if (!box) throw new Error(`${name}: the area to picture is not on screen`);
    clip = { x: 0, y: 0, width: viewport.width, height: Math.ceil(box.y + box.height + 12) };
  }
  await page.screenshot({ path, animations: 'disabled', caret: 'hide', ...(clip ? { clip } : {}) });
  written.push({ name, bytes: statSync(path).size });
}

/** Just one element (the export window), at its own size. */
async function saveElement(page: Page, name: string, element: Locator): Promise<void> {
  await page.mouse.move(0, viewport.height - 1);
  const path = join(outDir, `${name}.png`);
  await element.screenshot({ path, animations: 'disabled', caret: 'hide' });
  written.push({ name, bytes: statSync(path).size });
}

/** The header, the notices under it and the toolbar: what the status pictures show. */
const topOfContactsScreen = (app: Page) => app.locator('.contacts__meta');

const launchBrowser = () =>
  chromium.launch({
    executablePath: ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path)),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

async function takeTraySheet(): Promise<void> {
  const browser = await launchBrowser();
  try {
    const path = await saveTraySheet(browser, outDir);
    written.push({ name: 'tray-icons', bytes: statSync(path).size });
  } finally {
    await browser.close();
  }
}

async function run(preview: Preview): Promise<void> {
  const sandbox = preview.sandbox!;
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport, locale: 'en-GB', colorScheme: 'light', reducedMotion: 'reduce', acceptDownloads: true });
    const app = await context.newPage();
    await app.goto(preview.url);

    await expect(app.getByRole('heading', { name: 'Welcome to Contact Desk' })).toBeVisible();
    await save(app, 'welcome');

    const consentOpened = context.waitForEvent('page');
    await app.getByRole('button', { name: 'Connect to HubSpot' }).click();
    const consent = await consentOpened;
    await consent.setViewportSize(viewport);
    await expect(consent.getByRole('button', { name: 'Connect app' })).toBeVisible();
    await save(consent, 'consent');
    await expect(app.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeVisible();
    await save(app, 'waiting');

    await consent.getByRole('button', { name: 'Connect app' }).click();
    await expect(consent.getByRole('heading', { name: "You're connected" })).toBeVisible();
    await consent.close();

    const total = `${contactCount.toLocaleString('en-GB')} contacts`;
    await expect(app.getByText(total, { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 60_000 });
    const status = app.getByTestId('connection-status');
    await expect(status).toContainText('Connected', { timeout: 30_000 });
    await expect(app.getByText(/^Last synced/)).toBeVisible();
    // Sorted by last name, the sample account starts with the hostile values the tests use
    // (=HYPERLINK(…), +1, 007); halfway down, it looks like an ordinary address book.
    const table = app.getByRole('table', { name: 'Contacts' });
    await table.evaluate((grid) => {
      const rowHeight = grid.querySelector('[aria-rowindex="2"]')!.getBoundingClientRect().height;
      grid.scrollTo({ top: Math.round((grid.scrollHeight * 0.45) / rowHeight) * rowHeight });
    });
    await expect(table.locator('.grid__row--loading')).toHaveCount(0);
    await save(app, 'contacts');

    await table.evaluate((grid) => grid.scrollTo({ top: 0 }));
    await app.getByRole('searchbox', { name: 'Search contacts' }).fill(searchWord);
    const matches = app.getByText(new RegExp(`^[\\d,]+ of ${total} match(es)?$`));
    await expect(matches).toBeVisible();
    await expect(table.locator('.grid__row--loading')).toHaveCount(0);
    // The first matching contact is painted (not only counted) before the picture is taken.
    await expect(table.getByRole('cell', { name: new RegExp(searchWord) }).first()).toBeVisible();
    await save(app, 'search');

    await app.getByRole('button', { name: 'Export…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Export contacts' });
    // The whole export window, all its choices: a taller window for this one picture.
    await app.setViewportSize({ width: viewport.width, height: 1320 });
    // wait for the count of matches: the table may be counting them again after the resize
    await expect(dialog.getByRole('radio', { name: new RegExp(`^Only the [1-9][\\d,]* contacts? matching “${searchWord}”$`) })).toBeChecked();
    await saveElement(app, 'export-dialog', dialog);
    await app.setViewportSize(viewport);

    const download = app.waitForEvent('download');
    await dialog.getByRole('button', { name: /^Export [\d,]+ contacts?$/ }).click();
    await download;
    await expect(dialog.getByText(/^Saved [\d,]+ contacts?$/)).toBeVisible();
    await save(app, 'export-done');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await expect(dialog).toBeHidden();
    const search = app.getByRole('searchbox', { name: 'Search contacts' });
    await search.fill('');
    await search.blur();
    await expect(app.getByText(total, { exact: true })).toBeVisible();
    await save(app, 'status-connected', topOfContactsScreen(app));

    sandbox.admin.setFaults({ down: true });
    await app.getByRole('button', { name: 'Check connection' }).click();
    // HubSpot's 503s are retried a few times before the check gives up.
    await expect(status).toContainText('HubSpot not responding', { timeout: 60_000 });
    await expect(app.getByText('HubSpot is not responding', { exact: true })).toBeVisible();
    await save(app, 'status-hubspot-down', topOfContactsScreen(app));

    sandbox.admin.setFaults({});
    await app.getByRole('button', { name: 'Check connection' }).click();
    await expect(status).toContainText('Connected', { timeout: 30_000 });

    // HubSpot's address refusing connections while the computer is online: stop the sandbox.
    await sandbox.close();
    await app.getByRole('button', { name: 'Check connection' }).click();
    await expect(status).toContainText("HubSpot can't be reached", { timeout: 30_000 });
    await expect(app.getByRole('main').getByText("HubSpot can't be reached", { exact: true })).toBeVisible();
    await save(app, 'status-unreachable', topOfContactsScreen(app));

    // Offline: what the desktop shell reports when the computer says it has no network.
    preview.services.status.notifyNetworkChange(false);
    await expect(status).toContainText('Offline', { timeout: 30_000 });
    await expect(app.getByText('You are offline', { exact: true })).toBeVisible();
    await save(app, 'status-offline', topOfContactsScreen(app));
  } finally {
    await browser.close();
  }
}

warnIfNoCjkFont();
const dataDir = await mkdtemp(join(tmpdir(), 'contact-desk-screenshots-'));
const logLines: string[] = [];
let preview: Preview | null = null;
let failed = false;
try {
  mkdirSync(outDir, { recursive: true });
  await takeTraySheet();
  if (only !== 'tray') {
    const redirectUris = await freeRedirectUris();
    preview = await startPreview({
      // Only the data dir: whatever HubSpot app the shell is configured with, the pictures show the sandbox.
      env: { CONTACT_DESK_DATA_DIR: dataDir },
      port: 0,
      sandbox: { redirectUris, contacts: contactCount },
      log: createConsoleLogger({ write: (line) => void logLines.push(line) }),
    });
    await run(preview);
  }
} catch (error) {
  failed = true;
  console.error(error);
  console.error(`\nThe app's log while taking the pictures:\n${logLines.join('')}`);
} finally {
  await preview?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(`${dataDir}.key`, { force: true });
}

for (const { name, bytes } of written) {
  const tooBig = bytes > maxBytes;
  if (tooBig) failed = true;
  console.log(`docs/screenshots/${name}.png  ${Math.round(bytes / 1024)} KB${tooBig ? `  — over ${maxBytes / 1024} KB: make the picture smaller` : ''}`);
}
process.exit(failed ? 1 : 0);
