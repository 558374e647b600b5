/**
 * The real desktop app in the real Electron runtime, driven by Playwright: it starts against the
 * sandbox with its own data folder, shows its window from app://, exposes the bridge (and nothing
 * of Node), answers over IPC, and refuses to navigate away.
 *
 * Needs the Electron runtime, which the `electron` package downloads on first launch; where it is
 * missing this skips and says how to run it. Run after `npm run build`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { sandboxEnvironment } from '../../../electron/core/config.ts';
import type { ContactDeskBridge } from '../../../electron/ipc/contract.ts';
import { startSandbox } from '../../../sandbox/server.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const mainBundle = join(root, 'dist', 'desktop', 'main.cjs');

// Never require('electron') to find out: its index.js starts the download.
function electronRuntime(): string | null {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
const runtime = electronRuntime();

const skipReason =
  'Electron runtime not installed here (it downloads on first launch, and this machine has no internet): on a machine with internet access run `node node_modules/electron/install.js`, then `npm run build && npx playwright test --project electron`.';
if (runtime === null) console.log(`\n${skipReason}\n`);
test.skip(runtime === null, skipReason);

/** The page's globals, as the page sees them (this file is type-checked without the DOM library). */
type PageGlobals = { contactDeskBridge: ContactDeskBridge; location: { href: string }; require?: unknown; process?: unknown };

test('the app starts, shows its window, and the preload bridge answers', async () => {
  expect(existsSync(mainBundle), 'dist/desktop/main.cjs is missing: run `npm run build` first').toBe(true);
  const sandbox = await startSandbox({ contacts: 20 });
  const dataDir = mkdtempSync(join(tmpdir(), 'contact-desk-electron-'));
  const app = await electron.launch({
    executablePath: runtime!,
    // Chromium refuses its OS sandbox to root (CI containers); the app's own settings still apply.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainBundle],
    env: { ...process.env, ...sandboxEnvironment(sandbox), CONTACT_DESK_DATA_DIR: dataDir },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('app://contact-desk/index.html');
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? false)).toBe(true);
    expect(await page.title()).toBe('Contact Desk');

    const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).contactDeskBridge.getAppInfo());
    expect(info).toMatchObject({ ok: true, value: { name: 'Contact Desk', shell: 'desktop', mode: 'sandbox' } });

    const malformed = await page.evaluate(() => ((globalThis as unknown as PageGlobals).contactDeskBridge.rememberSignIn as (input: unknown) => Promise<unknown>)({ remember: 'yes' }));
    expect(malformed).toMatchObject({ ok: false, error: { kind: 'bad-input' } });

    // No Node, no Electron internals in the page.
    expect(await page.evaluate(() => [typeof (globalThis as unknown as PageGlobals).require, typeof (globalThis as unknown as PageGlobals).process])).toEqual(['undefined', 'undefined']);
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as PageGlobals).contactDeskBridge).includes('invoke'))).toBe(false);

    // Navigation away from the app is refused; the page stays where it is.
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://contact-desk/index.html');
  } finally {
    await app.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
