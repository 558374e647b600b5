import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { unprotectCell } from '../../electron/core/export/formula-policy.ts';
import { previewDownloadsDir } from '../../electron/preview/http-bridge.ts';
import { findLibreOffice, openWorkbookInLibreOffice } from '../support/spreadsheet.ts';
import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

const run = promisify(execFile);

// Tall enough that every matching row is on screen at once.
test.use({ setup: { contacts: 300 }, viewport: { width: 1280, height: 1100 } });

async function signInAndSync(app: Page): Promise<void> {
  await signIn(app);
  const syncNow = app.getByRole('button', { name: 'Sync now' });
  if (await syncNow.isEnabled()) await syncNow.click();
  await expect(app.getByText('300 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });
}

/** The table's header labels and every row's cells, as on screen. */
async function tableOnScreen(app: Page): Promise<{ headers: string[]; rows: string[][] }> {
  const table = app.getByRole('table', { name: 'Contacts' });
  const headers = (await table.getByRole('columnheader').allTextContents()).map((text) => text.trim());
  const rows = await table
    .locator('[role="rowgroup"]:last-child [role="row"]')
    .evaluateAll((elements) => elements.map((row) => [...row.querySelectorAll('[role="cell"]')].map((cell) => cell.getAttribute('title') ?? cell.textContent ?? '')));
  return { headers, rows };
}

test('exports the current search results as shown: the downloaded CSV has exactly the table\'s rows', async ({ app, sandbox }) => {
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
  const { headers, rows: shown } = await tableOnScreen(app);
  expect(shown.flat()).toContain('Customer'); // lifecycle stages are shown by label

  await app.getByRole('button', { name: 'Export…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Export contacts' });
  await expect(dialog.getByText(/^Contacts as of /)).toBeVisible();
  const onlyMatching = dialog.getByRole('radio', { name: `Only the ${matching} contact${matching === 1 ? '' : 's'} matching “${companyWord}”` });
  await expect(onlyMatching).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^As shown in Contact Desk/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^CSV \(\.csv\)/ })).toBeChecked();
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

  // The same rows as the table, in the table's order, and each one is the sandbox's contact.
  expect(rows.map((cells) => cells.map(unprotectCell))).toEqual(shown);
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

test('an Excel workbook of the search results: the same cells as the table, as text cells', async ({ app }) => {
  test.setTimeout(120_000); // LibreOffice opens the workbook too
  const soffice = await findLibreOffice();
  test.skip(soffice.path === null, soffice.path === null ? soffice.reason : '');
  await signInAndSync(app);
  await app.getByRole('searchbox', { name: 'Search contacts' }).fill('Acme');
  const count = app.getByText(/^[\d,]+ of 300 contacts match(es)?$/);
  await expect(count).toBeVisible();
  const matching = Number((await count.textContent())!.split(' ')[0]!.replace(/,/g, ''));
  const table = app.getByRole('table', { name: 'Contacts' });
  await expect(table.locator('[role="rowgroup"]:last-child [role="row"]:not(.grid__row--loading)')).toHaveCount(matching);
  const { headers, rows: shown } = await tableOnScreen(app);

  await app.getByRole('button', { name: 'Export…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Export contacts' });
  await dialog.getByRole('radio', { name: /^Excel workbook \(\.xlsx\)/ }).check();
  await expect(dialog.getByRole('checkbox', { name: 'Excel-friendly' })).toHaveCount(0); // CSV options only for CSV
  await expectNoAxeViolations(app);
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Export \d+ contacts?$/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^contacts-search-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(dialog.getByText(/^Saved \d+ contacts?$/)).toBeVisible();

  const [sheet, ...others] = await openWorkbookInLibreOffice(soffice.path!, (await file.path())!);
  expect(others).toEqual([]);
  expect(sheet!.name).toBe('Contacts');
  expect(sheet!.rows[0]!.map((cell) => cell.text)).toEqual(headers);
  const cells = sheet!.rows.slice(1).map((row) => headers.map((_, c) => row[c] ?? { text: '', valueType: null, formula: null, value: null }));
  expect(cells.flat().filter((cell) => cell.formula !== null)).toEqual([]);
  expect(cells.map((row) => row.map((cell) => cell.text))).toEqual(shown);
  expect(new Set(cells.flat().filter((cell) => cell.text !== '').map((cell) => cell.valueType))).toEqual(new Set(['string']));
});

test('an export that fails shows why, with the focus on the message', async ({ app, preview }) => {
  // A real full disk: a tiny file system where the preview saves its downloads (needs root, as in CI).
  const downloads = previewDownloadsDir(preview.dataDir);
  await mkdir(downloads, { recursive: true });
  const mounted = await run('mount', ['-t', 'tmpfs', '-o', 'size=8k', 'tmpfs', downloads]).then(
    () => true,
    () => false,
  );
  test.skip(!mounted, 'no small disk can be mounted here (needs root)');
  try {
    await signInAndSync(app);
    await app.getByRole('button', { name: 'Export…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Export contacts' });
    await dialog.getByRole('button', { name: /^Export 300 contacts$/ }).click();

    const message = dialog.getByTestId('export-error');
    await expect(message).toBeFocused();
    await expect(message.getByRole('alert')).toContainText('The disk is full');
    await expect(message).toContainText('The disk is full, so the export wasn’t saved. Free up some space or choose another drive, then try again.');
    await expect(message).not.toContainText('Something went wrong');
    await expect(message).toBeInViewport();
    await expectNoAxeViolations(app);
    await dialog.getByRole('button', { name: 'Back to the export options' }).click();
    await expect(dialog.getByRole('radio', { name: /^As shown in Contact Desk/ })).toBeVisible();
  } finally {
    await run('umount', [downloads]);
  }
});
