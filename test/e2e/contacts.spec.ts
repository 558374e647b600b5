import type { Page } from '@playwright/test';
import { KNOWN_CONTACTS } from '../../sandbox/contacts-data.ts';
import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

/** The text of every cell in the rows on screen, row by row. */
async function visibleRows(app: Page): Promise<string[][]> {
  return app
    .getByRole('table', { name: 'Contacts' })
    .locator('[role="rowgroup"]:last-child [role="row"]')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('[role="cell"]')].map((cell) => cell.textContent ?? '')));
}

test('sign in, Sync now with progress, 5,000 contacts listed, search by non-Latin name and by email prefix, sort', async ({ app, sandbox }) => {
  test.setTimeout(120_000); // HubSpot is slowed down below, and a busy machine adds to that
  // Slow HubSpot down enough that the sync can be watched (and stopped) while it runs, however busy the machine.
  sandbox.admin.setLatency(1500);
  await signIn(app);

  // Signing in starts a sync by itself: stop it half-way, then carry on with Sync now.
  const progress = app.getByTestId('sync-progress');
  await expect(progress).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(app.getByText('Sync stopped', { exact: true })).toBeVisible();
  const syncNow = app.getByRole('button', { name: 'Sync now' });
  await expect(syncNow).toBeEnabled();
  const savedBeforeResume = await app.locator('.contacts__count').textContent();
  expect(savedBeforeResume).not.toBe('5,000 contacts');

  // slow enough that what it shows while it runs can be read, however busy the machine; then fast again
  sandbox.admin.setLatency(3000);
  await syncNow.click();
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await expect(progress).toContainText(/Fetched [\d,]+/);
  await expect(app.getByRole('button', { name: 'Syncing…' })).toBeDisabled();
  await expect(app.getByText('Sync stopped', { exact: true })).toHaveCount(0);
  sandbox.admin.setLatency(0);

  await expect(app.getByText('5,000 contacts', { exact: true })).toBeVisible({ timeout: 45_000 });
  await expect(progress).toHaveCount(0, { timeout: 45_000 });
  await expect(app.getByText(/Last synced (just now|\d+ minutes? ago)/)).toBeVisible();
  sandbox.admin.setLatency(0);

  const table = app.getByRole('table', { name: 'Contacts' });
  await expect(table).toHaveAttribute('aria-rowcount', '5001');
  const domRows = await table.getByRole('row').count();
  expect(domRows).toBeGreaterThan(5);
  expect(domRows).toBeLessThan(100);
  await expectNoAxeViolations(app);

  const search = app.getByRole('searchbox', { name: 'Search contacts' });
  const { nonLatin, cyrillic, email } = KNOWN_CONTACTS;
  await search.fill(nonLatin.firstname);
  await expect(app.getByText(/^[\d,]+ of 5,000 contacts match(es)?$/)).toBeVisible();
  await expect(table.getByRole('cell', { name: nonLatin.email, exact: true })).toBeVisible();
  expect(await visibleRows(app)).toContainEqual(expect.arrayContaining([nonLatin.firstname, nonLatin.lastname, nonLatin.email]));

  await search.fill(cyrillic.lastname);
  await expect(table.getByRole('cell', { name: cyrillic.firstname, exact: true })).toBeVisible();

  await search.fill(email.email.slice(0, 'jose.alv'.length));
  await expect(table.getByRole('cell', { name: email.email, exact: true })).toBeVisible();
  await expect(app.getByText(/^[\d,]+ of 5,000 contacts match(es)?$/)).toBeVisible();
  await expectNoAxeViolations(app);

  // Sort by email, both directions: the rows on screen follow the header.
  await search.fill('');
  await expect(app.getByText('5,000 contacts', { exact: true })).toBeVisible();
  const emailHeader = table.getByRole('columnheader', { name: 'Email' });
  await emailHeader.getByRole('button').click();
  await expect(emailHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => isSorted(await emailColumn(app), 'asc')).toBe(true);
  await emailHeader.getByRole('button').click();
  await expect(emailHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => isSorted(await emailColumn(app), 'desc')).toBe(true);

  // Keyboard: rows are reachable and the arrow keys move between them.
  await table.locator('[role="row"][aria-rowindex="2"]').focus();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  await expect(table.locator('[role="row"][aria-rowindex="4"]')).toBeFocused();
  await app.keyboard.press('End');
  await expect(table.locator('[role="row"][aria-rowindex="5001"]')).toBeFocused();
});

async function emailColumn(app: Page): Promise<string[]> {
  const header = await app.getByRole('columnheader').allTextContents();
  const column = header.findIndex((text) => text.trim() === 'Email');
  return (await visibleRows(app)).map((cells) => cells[column] ?? '').filter((value) => value !== '');
}

/** In the language's order (Intl.Collator, case and accents aside), as the table sorts text (issue 15). */
function isSorted(values: string[], direction: 'asc' | 'desc'): boolean {
  if (values.length < 5) return false;
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  return values.every((value, index) => {
    if (index === 0) return true;
    const order = collator.compare(values[index - 1]!, value);
    return direction === 'asc' ? order <= 0 : order >= 0;
  });
}

test.describe('column chooser', () => {
  test.use({ setup: { contacts: 30 } });

  test('adds a column from the properties HubSpot has, and keeps it after a restart of the window', async ({ app }) => {
    await signIn(app);
    await expect(app.getByText('30 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });
    const table = app.getByRole('table', { name: 'Contacts' });
    await expect(table.getByRole('columnheader', { name: 'Create Date' })).toHaveCount(0);

    await app.getByRole('button', { name: 'Columns' }).click();
    await app.getByRole('searchbox', { name: 'Find a column' }).fill('create');
    await app.getByRole('checkbox', { name: 'Create Date' }).check();
    await expect(table.getByRole('columnheader', { name: 'Create Date' })).toBeVisible();
    await expectNoAxeViolations(app);
    await app.keyboard.press('Escape');
    await expect(app.getByRole('button', { name: 'Columns' })).toBeFocused();

    await app.reload();
    await expect(table.getByRole('columnheader', { name: 'Create Date' })).toBeVisible();
    await expect(table.getByRole('columnheader')).toHaveCount(9); // the eight default columns (Contact owner among them) and Create Date
  });

  test('a column that is not synced yet fills in with the next sync', async ({ app }) => {
    await signIn(app);
    await expect(app.getByText('30 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });

    await app.getByRole('button', { name: 'Columns' }).click();
    await app.getByRole('searchbox', { name: 'Find a column' }).fill('city');
    const city = app.getByRole('checkbox', { name: /^City/ });
    await expect(city).toHaveAccessibleName(/Filled in by the next sync/);
    await city.check();
    await app.keyboard.press('Escape');

    await app.getByRole('searchbox', { name: 'Search contacts' }).fill(KNOWN_CONTACTS.email.email);
    const table = app.getByRole('table', { name: 'Contacts' });
    await expect(table.getByRole('columnheader', { name: 'City' })).toBeVisible();
    await app.getByRole('button', { name: 'Sync now' }).click();
    await expect(table.getByRole('cell', { name: 'Madrid', exact: true })).toBeVisible({ timeout: 30_000 });
  });
});
