import type { Locator, Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures.ts';

test.use({ setup: { contacts: 2000 } });

/** The rows in the DOM, each as its row number (aria-rowindex) and cells' text. */
async function shownRows(table: Locator): Promise<string[]> {
  return table
    .locator('[role="rowgroup"]:last-child [role="row"]')
    .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('aria-rowindex')}: ${[...row.querySelectorAll('[role="cell"]')].map((cell) => cell.textContent).join(' | ')}`));
}

/** Whether a row element stands in the table's visible area (after a far scroll, only once the page has placed rows there). */
async function rowsInView(table: Locator): Promise<boolean> {
  return table.evaluate((grid) => {
    const view = grid.getBoundingClientRect();
    return [...grid.querySelectorAll('[role="rowgroup"]:last-child [role="row"]')].some((row) => {
      const box = row.getBoundingClientRect();
      const middle = (box.top + box.bottom) / 2;
      return middle > view.top && middle < view.bottom;
    });
  });
}

/** Scrolls the table to `fraction` of its height and waits until every row there shows its contact. */
async function scrollTo(app: Page, table: Locator, fraction: number): Promise<void> {
  await table.evaluate((grid, f) => {
    grid.scrollTop = (grid.scrollHeight - grid.clientHeight) * f;
  }, fraction);
  // the rows from before the scroll stay in the DOM, out of view, until the page handles the scroll
  await expect.poll(() => rowsInView(table), { message: 'rows are placed where the table was scrolled to' }).toBe(true);
  await expect(table.locator('[role="rowgroup"]:last-child .skeleton')).toHaveCount(0);
  await expect(app.locator('[role="table"][aria-busy="true"]')).toHaveCount(0);
}

test('scrolling far keeps the row elements and rewrites them in place; the focused row is never reused for another contact', async ({ app }) => {
  await signIn(app);
  await expect(app.getByText('2,000 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });
  const table = app.getByRole('table', { name: 'Contacts' });
  await scrollTo(app, table, 0);
  const atTop = await shownRows(table);
  expect(atTop[0]).toMatch(/^2: /);

  // mark the elements (a property, not an attribute: nothing the page would notice)
  await table.locator('[role="rowgroup"]:last-child [role="row"]').evaluateAll((rows) => rows.forEach((row) => Object.assign(row, { keptFromTop: true })));
  await scrollTo(app, table, 0.5);
  const inMiddle = await shownRows(table);
  expect(Number(inMiddle[0]?.split(':')[0])).toBeGreaterThan(900);
  const kept = await table.locator('[role="rowgroup"]:last-child [role="row"]').evaluateAll((rows) => rows.filter((row) => 'keptFromTop' in row).length);
  // all but at most two: the row Tab reaches (keyed by its contact, see rowKey), and a slot the rows in the middle may not need
  expect(atTop.length - kept, 'the elements shown at the top now show rows in the middle').toBeLessThanOrEqual(2);

  await scrollTo(app, table, 0);
  expect(await shownRows(table), 'back at the top, each row shows its own contact again').toEqual(atTop);

  // the focused row: scrolled far away, its element does not show another contact
  await table.locator('[role="row"][aria-rowindex="3"]').focus();
  await scrollTo(app, table, 0.5);
  const focused = await table.evaluate((grid) => grid.ownerDocument.activeElement?.getAttribute('aria-rowindex') ?? null);
  expect(focused === null || focused === '3', `the focused element shows row ${focused}`).toBe(true);
});
