import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { test, expect, columnTexts, expectNoAxeViolations, signIn } from './fixtures.ts';

const CONTACTS = 40;
// Tall enough that every row is in the DOM at once (the table only renders what fits).
test.use({ setup: { contacts: CONTACTS }, viewport: { width: 1280, height: 2400 } });

test('a saved view sorted by a property HubSpot no longer has: contacts in the usual order, and a notice that says so', async ({ app, preview }) => {
  await signIn(app);
  await expect(app.getByText(`${CONTACTS} contacts`, { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });

  // A view saved while the account had a "favourite_colour" property, sorted by it, newest first;
  // HubSpot has since deleted the property (the sandbox never had it).
  const view = await preview.services.handlers.saveView({
    name: 'By colour',
    definition: { filters: [], search: '', columns: ['hs_object_id', 'lastname', 'favourite_colour'], sort: { column: 'favourite_colour', direction: 'desc' } },
  });
  await preview.services.handlers.useView({ id: view.id });
  await app.reload();
  await expect(app.getByRole('button', { name: 'View: By colour' })).toBeVisible({ timeout: 30_000 });

  const notice = app.getByRole('status').filter({ hasText: 'Contacts are in their usual order' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('“favourite_colour” the table was sorted by no longer exists in HubSpot');
  const table = app.getByRole('table', { name: 'Contacts' });
  await expect(table.locator('[role="rowgroup"]:last-child [role="row"]:not(.grid__row--loading)')).toHaveCount(CONTACTS);
  // the usual order: by record id, ascending; no column claims to be sorted
  const ids = (await columnTexts(app, 'Record ID')).map(Number);
  expect(ids).toHaveLength(CONTACTS);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  await expect(table.locator('[role="columnheader"][aria-sort]')).toHaveCount(0);
  await expectNoAxeViolations(app);

  // the export of the view comes in the same order, without an error
  await app.getByRole('button', { name: 'Export…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Export contacts' });
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Export \d+ contacts/ }).click();
  const file = await download;
  await expect(dialog.getByText(`Saved ${CONTACTS} contacts`)).toBeVisible();
  const [header, ...rows] = parse(await readFile((await file.path())!), { bom: true }) as string[][];
  const idColumn = header!.indexOf('Record ID');
  expect(idColumn).toBeGreaterThanOrEqual(0);
  expect(rows.map((row) => Number(row[idColumn]!.replace(/^'/, '')))).toEqual(ids);
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  // dismissed from the keyboard
  const dismiss = app.getByRole('button', { name: 'Dismiss the notice about sorting' });
  await dismiss.focus();
  await expect(dismiss).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);

  // sorting by a column HubSpot still has works as ever, with nothing to say
  await table.getByRole('button', { name: /Last Name/ }).click();
  await expect(table.getByRole('columnheader', { name: /Last Name/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(notice).toHaveCount(0);
});
