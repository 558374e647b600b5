/**
 * Views in the preview: the Filters panel, chips and count, saving a view and getting it back after
 * a restart, a HubSpot list, and keyboard and screen-reader checks of the panel and menus. Counts
 * are checked against the sandbox's own contacts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { sandboxEnvironment } from '../../electron/core/config.ts';
import { startPreview, type Preview } from '../../electron/preview/preview.ts';
import { KNOWN_LISTS } from '../../sandbox/lists.ts';
import { startSandbox, type Sandbox, type SandboxContact } from '../../sandbox/server.ts';
import { freeRedirectUris } from '../support/free-ports.ts';
import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

const CONTACTS = 300;
test.use({ viewport: { width: 1280, height: 1000 } });

/** A sandbox and a preview on a data folder that outlives the preview, so the app can be restarted. */
async function world(): Promise<{ sandbox: Sandbox; dataDir: string; start(): Promise<Preview>; close(): Promise<void> }> {
  const sandbox = await startSandbox({ contacts: CONTACTS, redirectUris: await freeRedirectUris() });
  const dataDir = await mkdtemp(join(tmpdir(), 'contact-desk-e2e-views-'));
  const redirectPorts = sandbox.redirectUris.map((uri) => Number(new URL(uri).port));
  const previews: Preview[] = [];
  return {
    sandbox,
    dataDir,
    async start() {
      const preview = await startPreview({ env: { ...sandboxEnvironment(sandbox, redirectPorts), CONTACT_DESK_DATA_DIR: dataDir }, port: 0 });
      previews.push(preview);
      return preview;
    },
    async close() {
      for (const preview of previews) await preview.close();
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.key`, { force: true });
    },
  };
}

async function waitForSync(app: Page): Promise<void> {
  await expect(app.getByText(`${CONTACTS} contacts`, { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });
}

const filtersPanel = (app: Page) => app.getByRole('dialog', { name: 'Filters' });

async function openSection(app: Page, title: string) {
  const section = filtersPanel(app).locator('details', { has: app.locator('summary', { hasText: title }) });
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  return section;
}

const count = (app: Page) => app.locator('.contacts__count');

/** Exports the view on screen as CSV through the dialog; the file's name and its rows' emails. */
async function exportView(app: Page, scopeLabel: string | RegExp, button: string | RegExp): Promise<{ fileName: string; emails: string[] }> {
  await app.getByRole('button', { name: 'Export…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Export contacts' });
  await expect(dialog.getByRole('radio', { name: scopeLabel })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^All \d+ contacts$/ })).not.toBeChecked();
  await expectNoAxeViolations(app);
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: button }).click();
  const file = await download;
  await expect(dialog.getByText(/^Saved \d+ contacts?$/)).toBeVisible();
  const [header, ...rows] = parse(await readFile((await file.path())!), { bom: true, relax_column_count: false }) as string[][];
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  const email = header!.indexOf('Email');
  expect(email).toBeGreaterThanOrEqual(0);
  return { fileName: file.suggestedFilename(), emails: rows.map((row) => row[email]!) };
}

const emailsOf = (contacts: SandboxContact[]) => contacts.map((contact) => contact.properties.email ?? '').sort();

test('Lifecycle stage "Customer" and owner "Me": chips and count as the sandbox says, saved as a view that is back after a restart and exports exactly its rows', async ({ page }) => {
  // signs in, syncs, and restarts the app: slow on a busy machine
  test.slow();
  const w = await world();
  try {
    let preview = await w.start();
    await page.goto(preview.url);
    await signIn(page);
    await waitForSync(page);

    await page.getByRole('button', { name: /^Filters/ }).click();
    await expect(filtersPanel(page)).toBeVisible();
    // the keyboard goes into the panel: its first group, then the next ones with Tab
    await expect(filtersPanel(page).locator('summary').first()).toBeFocused();
    const stage = await openSection(page, 'Lifecycle stage');
    await stage.getByRole('checkbox', { name: 'Customer', exact: true }).focus();
    await page.keyboard.press('Space');
    const allCustomers = [...w.sandbox.admin.allContacts()].filter((contact) => contact.properties.lifecyclestage === 'customer').length;
    await expect(count(page)).toHaveText(`${allCustomers} of ${CONTACTS} contacts`);
    const owner = await openSection(page, 'Contact owner');
    await owner.getByRole('checkbox', { name: /^Me( |$)/ }).check();
    const me = w.sandbox.admin.ownerOfSignedInUser().id;
    const myCustomers = [...w.sandbox.admin.allContacts()].filter((contact) => contact.properties.lifecyclestage === 'customer' && contact.properties.hubspot_owner_id === me);
    const customers = myCustomers.length;
    expect(customers).toBeGreaterThan(0);
    expect(customers).toBeLessThan(allCustomers);
    await expect(count(page)).toHaveText(`${customers} of ${CONTACTS} contacts`);
    await expect(page.getByRole('group', { name: 'Active filters' }).getByText('Lifecycle stage: Customer')).toBeVisible();
    await expect(page.getByRole('group', { name: 'Active filters' }).getByText('Contact owner: Me')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(filtersPanel(page)).toBeHidden();

    await page.getByRole('button', { name: /^View: All contacts/ }).click();
    const menu = page.getByRole('menu', { name: 'Views' });
    await expect(menu.getByRole('menuitemradio', { name: 'All contacts' })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.keyboard.press('End');
    await expect(menu.getByRole('menuitem', { name: 'Save view…' })).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Save view' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('   ');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Give the view a name.');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('My customers');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'View: My customers' })).toBeVisible();

    await preview.close();
    preview = await w.start();
    await page.goto(preview.url);
    await expect(page.getByRole('button', { name: 'View: My customers' })).toBeVisible({ timeout: 30_000 });
    await expect(count(page)).toHaveText(`${customers} of ${CONTACTS} contacts`);
    await expect(page.getByRole('group', { name: 'Active filters' }).getByText('Lifecycle stage: Customer')).toBeVisible();

    const contacts = customers === 1 ? 'contact' : 'contacts';
    const exported = await exportView(page, `Only the ${customers} ${contacts} in “My customers”`, `Export ${customers} ${contacts} in “My customers”`);
    expect(exported.fileName).toMatch(/^My customers \d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.emails.sort()).toEqual(emailsOf(myCustomers));

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(count(page)).toHaveText(`${CONTACTS} contacts`);
    await expect(page.getByRole('button', { name: 'View: My customers, changed' })).toBeVisible();
  } finally {
    await w.close();
  }
});

test('a HubSpot list: chosen by name, its members fetched, counted and exported; a list deleted in HubSpot says so', async ({ page }) => {
  test.slow();
  const w = await world();
  try {
    const preview = await w.start();
    await page.goto(preview.url);
    await signIn(page);
    await waitForSync(page);

    await page.getByRole('button', { name: /^Filters/ }).click();
    const lists = await openSection(page, 'HubSpot list');
    await lists.getByRole('button', { name: 'Refresh lists' }).click();
    await lists.getByRole('searchbox', { name: 'Find a list by name' }).fill('vip');
    await lists.getByRole('radio', { name: /^VIP partners/ }).check();
    const members = w.sandbox.admin.listMembers(KNOWN_LISTS.vip.listId).length;
    await expect(count(page)).toHaveText(`${members} of ${CONTACTS} contacts`);
    await expect(page.getByRole('group', { name: 'Active filters' }).getByText('List: VIP partners')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');

    // its members are what the export holds
    const memberIds = new Set(w.sandbox.admin.listMembers(KNOWN_LISTS.vip.listId).map(String));
    const exported = await exportView(page, `Only the ${members} filtered contacts`, `Export ${members} contacts`);
    expect(exported.fileName).toMatch(/^contacts-filtered-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.emails.sort()).toEqual(emailsOf([...w.sandbox.admin.allContacts()].filter((contact) => memberIds.has(contact.id))));

    w.sandbox.admin.deleteList(KNOWN_LISTS.vip.listId);
    await page.getByRole('button', { name: 'Sync now' }).click();
    const chip = page.getByRole('group', { name: 'Active filters' }).getByRole('listitem');
    await expect(chip).toContainText('(no longer available)', { timeout: 30_000 });
    await expect(chip).toContainText('was deleted in HubSpot');
    await expect(count(page)).toHaveText(`${CONTACTS} of ${CONTACTS} contacts`);
    await expectNoAxeViolations(page);
  } finally {
    await w.close();
  }
});
