import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { unprotectCell } from '../../electron/core/export/formula-policy.ts';
import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

// Tall enough that every matching row is on screen at once.
test.use({ setup: { contacts: 300 }, viewport: { width: 1280, height: 1100 } });

async function signInAndSync(app: Page): Promise<void> {
  await signIn(app);
  const syncNow = app.getByRole('button', { name: 'Sync now' });
  if (await syncNow.isEnabled()) await syncNow.click();
  await expect(app.getByText('300 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });
}

test('exports the current search results: the downloaded file has exactly those rows', async ({ app, sandbox }) => {
  await signInAndSync(app);

  const companyWord = 'Acme';
  await app.getByRole('searchbox', { name: 'Search contacts' }).fill(companyWord);
  const count = app.getByText(/^[\d,]+ of 300 contacts match(es)?$/);
  await expect(count).toBeVisible();
  const matching = Number((await count.textContent())!.split(' ')[0]!.replace(/,/g, ''));
  expect(matching).toBeGreaterThan(0);
  expect(matching).toBeLessThan(300);

  // Every matching row is on screen (the table renders what fits plus a margin).
  const table = app.getByRole('table', { name: 'Contacts' });
  await expect(table.locator('[role="rowgroup"]:last-child [role="row"]:not(.grid__row--loading)')).toHaveCount(matching);
  const headers = (await table.getByRole('columnheader').allTextContents()).map((text) => text.trim());
  const shown = await table
    .locator('[role="rowgroup"]:last-child [role="row"]')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('[role="cell"]')].map((cell) => cell.getAttribute('title') ?? cell.textContent ?? '')));

  await app.getByRole('button', { name: 'Export to CSV…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Export contacts to CSV' });
  await expect(dialog.getByText(/^Contacts as of /)).toBeVisible();
  const onlyMatching = dialog.getByRole('radio', { name: `Only the ${matching} contact${matching === 1 ? '' : 's'} matching “${companyWord}”` });
  await expect(onlyMatching).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Excel-friendly' })).toBeChecked();
  await expectNoAxeViolations(app);

  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Export \d+ contacts?$/ }).click();
  const file = await download;
  await expect(dialog.getByText(`Saved ${matching} contact${matching === 1 ? '' : 's'}`)).toBeVisible();

  const text = await readFile((await file.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [headerRow, ...rows] = parse(text, { bom: true, relax_column_count: false }) as string[][];
  expect(headerRow).toEqual(headers);
  expect(rows).toHaveLength(matching);

  // The same rows as the table (order aside), and each one is the sandbox's contact.
  const key = (cells: string[]) => JSON.stringify(cells);
  expect(rows.map(unprotect).map(key).sort()).toEqual(shown.map(key).sort());
  const emailColumn = headers.indexOf('Email');
  const byEmail = new Map([...sandbox.admin.allContacts()].map((contact) => [contact.properties.email ?? '', contact]));
  for (const row of rows) {
    const contact = byEmail.get(row[emailColumn]!);
    expect(contact, `contact ${row[emailColumn]} exists in HubSpot`).toBeDefined();
    expect(`${contact!.properties.firstname} ${contact!.properties.lastname} ${contact!.properties.company}`).toContain(companyWord);
  }
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();
});

/** Undoes the export's formula guard (one leading apostrophe on risky values) to compare with the table. */
const unprotect = (cells: string[]): string[] => cells.map(unprotectCell);
