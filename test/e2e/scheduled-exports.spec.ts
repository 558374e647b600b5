/**
 * Scheduled exports in the preview: "daily at" a few minutes from now into a folder of the test, the
 * file appears with the right rows, and the list shows the last result. Time is moved through the
 * app's own Clock port (the preview takes one), and the run is looked for as the app does on wake,
 * so the test never waits for the time to come.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import type { Clock } from '../../electron/core/ports.ts';
import { startPreview } from '../../electron/preview/preview.ts';
import { freeRedirectUris } from '../support/free-ports.ts';
import { test as base, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

/** The system clock, plus however far the test has moved it on. */
interface MovableClock extends Clock {
  moveOn(ms: number): void;
}

function movableClock(): MovableClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (timer) => clearTimeout(timer),
    moveOn: (ms) => void (offset += ms),
  };
}

const test = base.extend<{ clock: MovableClock }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern; this one needs none
  clock: async ({}, use) => use(movableClock()),
  preview: async ({ clock }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'contact-desk-e2e-'));
    const preview = await startPreview({ env: { CONTACT_DESK_DATA_DIR: dataDir }, port: 0, sandbox: { redirectUris: await freeRedirectUris(), contacts: 120 }, clock });
    await use(preview);
    await preview.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.key`, { force: true });
  },
});

const twoDigits = (n: number) => String(n).padStart(2, '0');

async function signInAndSync(app: Page): Promise<void> {
  await signIn(app);
  const syncNow = app.getByRole('button', { name: 'Sync now' });
  if (await syncNow.isEnabled()) await syncNow.click();
  await expect(app.getByText('120 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });
}

test('a daily schedule a few minutes from now writes the view’s contacts to the folder, and the list shows the result', async ({ app, preview, sandbox, clock }) => {
  await signInAndSync(app);

  await app.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = app.getByRole('dialog', { name: 'Export contacts' });
  await exportDialog.getByRole('button', { name: 'Export automatically…' }).click();

  const form = app.getByRole('dialog', { name: 'Export automatically' });
  await expect(form).toBeVisible();
  await form.getByRole('combobox', { name: 'Repeat' }).selectOption('day');
  // A time far enough ahead that it is still to come when Save is clicked, however slow the machine:
  // the test moves the app's clock to it afterwards instead of waiting.
  const runAt = new Date(clock.now() + 5 * 60_000);
  runAt.setSeconds(0, 0);
  await form.getByLabel('Time').fill(`${twoDigits(runAt.getHours())}:${twoDigits(runAt.getMinutes())}`);
  const folder = join(preview.dataDir, 'Team exports');
  await mkdir(folder);
  await form.getByRole('textbox', { name: 'Folder' }).fill(folder);
  await expectNoAxeViolations(app);
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(app.getByText('Scheduled export saved')).toBeVisible();

  await app.getByRole('button', { name: /acme-sample\.hubspot\.com/ }).click();
  await app.getByRole('button', { name: 'Scheduled exports…' }).click();
  const list = app.getByRole('dialog', { name: 'Scheduled exports' });
  await expect(list.getByRole('heading', { name: /All contacts — Every day at/ })).toBeVisible();
  await expect(list.getByText('Not yet')).toBeVisible();
  await expectNoAxeViolations(app);

  // The time comes (on the app's clock), and the app looks, as it does when the computer wakes.
  clock.moveOn(runAt.getTime() + 1_000 - clock.now());
  preview.services.status.notifyWake();

  const result = list.getByTestId('schedule-result');
  await expect(result).toContainText(/^Saved 120 contacts to “Contacts - All contacts - \d{4}-\d{2}-\d{2}\.csv”\.$/, { timeout: 30_000 });
  const files = await readdir(folder);
  expect(files).toHaveLength(1);
  const rows = parse(await readFile(join(folder, files[0]!), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(sandbox.admin.contactCount());
  const emails = new Set([...sandbox.admin.allContacts()].map((contact) => contact.properties.email ?? ''));
  expect(rows.every((row) => emails.has(row.Email ?? ''))).toBe(true);
  await expect(list.getByRole('button', { name: 'Run now' })).toBeEnabled();

  // Deleting asks first, and keeps the files it saved.
  await list.getByRole('button', { name: 'Delete…' }).click();
  await expect(list.getByRole('group', { name: 'Delete this scheduled export?' })).toBeVisible();
  await expectNoAxeViolations(app);
  await list.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(list.getByText('No scheduled exports yet.', { exact: false })).toBeVisible();
  expect(await readdir(folder)).toHaveLength(1);
});

test('a typed folder outside the home and data folders is refused in words, and nothing is saved', async ({ app }) => {
  await signInAndSync(app);
  await app.getByRole('button', { name: 'Export…' }).click();
  await app.getByRole('dialog', { name: 'Export contacts' }).getByRole('button', { name: 'Export automatically…' }).click();
  const form = app.getByRole('dialog', { name: 'Export automatically' });
  await form.getByRole('textbox', { name: 'Folder' }).fill('/etc');
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(form.getByText('Choose a folder inside your home folder or Contact Desk’s data folder.')).toBeVisible();
  await expect(form.getByTestId('schedule-error'), 'the focus moves to the message').toBeFocused();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await app.getByRole('button', { name: /acme-sample\.hubspot\.com/ }).click();
  await app.getByRole('button', { name: 'Scheduled exports…' }).click();
  await expect(app.getByRole('dialog', { name: 'Scheduled exports' }).getByText('No scheduled exports yet.', { exact: false })).toBeVisible();
});
