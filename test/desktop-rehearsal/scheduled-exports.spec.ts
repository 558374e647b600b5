/**
 * Scheduled exports in the built app (issue 17): the native folder picker (dialog.showOpenDialog),
 * a run that writes the file, the notification whose click shows the file in its folder, the tray
 * tooltip's next-export line, and File › Scheduled exports….
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { approveInNewTab } from './harness/expectations.ts';
import { oneAppJourney } from './harness/journey.ts';
import type { RehearsedApp } from './harness/launch.ts';
import type { RehearsalWorld } from './harness/world.ts';

const contacts = 40;
let world: RehearsalWorld;
let app: RehearsedApp;
let page: Page;

oneAppJourney({ contacts }, (journey) => ({ world, app, page } = journey), async (journey, browser) => {
  await journey.page.getByRole('button', { name: 'Connect to HubSpot' }).click();
  const { url } = await journey.app.waitFor('shell.openExternal');
  await approveInNewTab(browser, String(url));
  await expect(journey.page.getByText(`${contacts} contacts`, { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(journey.page.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });
});

test('a schedule to a folder chosen in the native picker runs, notifies, and the click shows the file', async () => {
  const folder = join(world.home, 'Team share');
  mkdirSync(folder, { recursive: true });
  app.answers.openDialog = () => ({ canceled: false, filePaths: [folder] });

  await page.getByRole('button', { name: 'Export…' }).click();
  await page.getByRole('dialog', { name: 'Export contacts' }).getByRole('button', { name: 'Export automatically…' }).click();
  const form = page.getByRole('dialog', { name: 'Export automatically' });
  await form.getByRole('button', { name: 'Choose folder…' }).click();
  const asked = await app.waitFor('dialog.showOpenDialog');
  expect(asked.modal, 'the folder picker belongs to the window').toBe(true);
  expect((asked.options as { properties: string[] }).properties).toContain('openDirectory');
  await expect(form.getByText(folder)).toBeVisible();
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Scheduled export saved')).toBeVisible();
  await expect.poll(() => String(app.find('Tray.setToolTip').at(-1)?.toolTip ?? '')).toMatch(/Next export: All contacts, /);

  await app.call('user.clickAppMenuItem', { labels: ['&File', 'Scheduled exports…'] });
  const list = page.getByRole('dialog', { name: 'Scheduled exports' });
  await list.getByRole('button', { name: 'Run now' }).click();
  await expect(list.getByTestId('schedule-result')).toContainText(`Saved ${contacts} contacts to “Contacts - All contacts - `, { timeout: 30_000 });
  const files = readdirSync(folder);
  expect(files).toHaveLength(1);

  const shown = await app.waitFor('Notification.show', (detail) => detail.title === 'Scheduled export saved');
  await app.call('user.clickNotification', { index: shown.index as number });
  const revealed = await app.waitFor('shell.showItemInFolder');
  expect(revealed.fullPath).toBe(join(folder, files[0]!));
});
