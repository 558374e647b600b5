import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sandboxEnvironment } from '../../electron/core/config.ts';
import { openedAtLoginArg } from '../../electron/core/login-item/launch.ts';
import { recordedLoginItemKey, type RecordedLoginItem } from '../../electron/core/login-item/recorded-login-item.ts';
import { createXdgAutostart } from '../../electron/core/login-item/xdg-autostart.ts';
import { startPreview, type PreviewOptions } from '../../electron/preview/preview.ts';
import { openJsonFileStore } from '../../electron/preview/json-file-store.ts';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { freeRedirectUris } from '../support/free-ports.ts';
import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

const label = 'Open Contact Desk when I sign in to this computer';

/** One sandbox and one data folder for the test, so the app can be started again on them (a restart). */
const world = test.extend<{ world: { sandbox: Sandbox; dataDir: string; start(extra?: Partial<PreviewOptions> & { env?: Record<string, string> }): ReturnType<typeof startPreview> } }>({
  world: async ({ page }, use) => {
    const sandbox = await startSandbox({ contacts: 20, redirectUris: await freeRedirectUris() });
    const dataDir = await mkdtemp(join(tmpdir(), 'contact-desk-e2e-'));
    const redirectPorts = sandbox.redirectUris.map((uri) => Number(new URL(uri).port));
    const started: Awaited<ReturnType<typeof startPreview>>[] = [];
    await use({
      sandbox,
      dataDir,
      async start(extra = {}) {
        const preview = await startPreview({ ...extra, env: { ...sandboxEnvironment(sandbox, redirectPorts), CONTACT_DESK_DATA_DIR: dataDir, ...extra.env }, port: 0 });
        started.push(preview);
        return preview;
      },
    });
    await leaveApp(page);
    for (const preview of started) await preview.close();
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.key`, { force: true });
  },
});

/**
 * The page leaves before its server stops, as the window goes with the desktop app: a page left
 * open would ask the stopped server for contacts, which fails the test as a console error.
 */
async function leaveApp(page: Page): Promise<void> {
  await page.goto('about:blank');
}

async function openSettings(page: Page) {
  await page.getByRole('button', { name: /acme-sample\.hubspot\.com/ }).click();
  await page.getByRole('button', { name: 'Settings…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

world('the setting is there, off by default, explains itself, and stays on after a restart', async ({ page, world }) => {
  let preview = await world.start();
  await page.goto(preview.url);
  await signIn(page);
  let dialog = await openSettings(page);
  const checkbox = dialog.getByRole('checkbox', { name: label });
  await expect(checkbox).not.toBeChecked();
  await expect(checkbox).toHaveAccessibleDescription(/starts without a window, as its icon in the notification area .* run scheduled exports\. Click the icon to open it\./);
  await expectNoAxeViolations(page);

  // By keyboard, as the rest of the dialog.
  await checkbox.focus();
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // The preview records what the desktop app would ask of the OS, instead of asking.
  const recorded = () => openJsonFileStore(join(world.dataDir, 'settings.json')).get(recordedLoginItemKey) as RecordedLoginItem | undefined;
  expect(recorded()).toMatchObject({ enabled: true, command: { args: expect.arrayContaining([openedAtLoginArg]) as unknown } });

  await leaveApp(page);
  await preview.close();
  preview = await world.start();
  await page.goto(preview.url);
  dialog = await openSettings(page);
  await expect(dialog.getByRole('checkbox', { name: label })).toBeChecked();

  await dialog.getByRole('checkbox', { name: label }).uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  expect(recorded()).toMatchObject({ enabled: false });
});

world('turned on for everyone by the IT admin: shown on, locked, and says who', async ({ page, world }) => {
  const preview = await world.start({ env: { CONTACT_DESK_OPEN_AT_LOGIN: 'on' } });
  await page.goto(preview.url);
  await signIn(page);
  const dialog = await openSettings(page);
  const checkbox = dialog.getByRole('checkbox', { name: label });
  await expect(checkbox).toBeChecked();
  await expect(checkbox).toBeDisabled();
  await expect(checkbox).toHaveAccessibleDescription(/Your IT team has turned this on for everyone\.$/);
  await expectNoAxeViolations(page);
});

world('when the OS refuses (an autostart folder that is a file), the setting stays off and says why, and the dialog stays open', async ({ page, world }) => {
  // The real Linux writer, aimed at a config folder whose "autostart" is a file: a failure even as root.
  const configHome = join(world.dataDir, 'xdg-config');
  mkdirSync(configHome);
  writeFileSync(join(configHome, 'autostart'), '');
  const loginItem = createXdgAutostart({ dir: join(configHome, 'autostart'), appId: 'com.contactdesk.app', name: 'Contact Desk', comment: '', icon: 'contact-desk', command: { executable: '/opt/Contact Desk/contact-desk', args: [openedAtLoginArg] } });
  const preview = await world.start({ loginItem });
  await page.goto(preview.url);
  await signIn(page);
  const dialog = await openSettings(page);
  const checkbox = dialog.getByRole('checkbox', { name: label });
  await checkbox.check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText("Contact Desk can't add itself to the apps that open when you sign in, because your autostart folder is a file, not a folder.");
  await expect(checkbox).not.toBeChecked();
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);
});
