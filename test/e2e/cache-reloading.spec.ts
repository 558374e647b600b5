/**
 * Issue 14: the cache worker that answers the table stops (here on purpose: the test's cache worker
 * ends its thread on the first call that mentions "crash once <token>"). The search that was in
 * flight fails with a sentence and a Try again, the page says it is reloading, then asks again by
 * itself, and every saved contact is still there.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { test, expect, columnTexts, signIn } from './fixtures.ts';
import { crashOnceMarker } from '../support/crash-once.ts';

test.use({ setup: { contacts: 300, faultyCache: true } });

/** Run in the page: notes whether "Reloading your saved contacts…" is ever up (it is, only while a new worker opens the cache). */
const WATCH_FOR_RELOADING = `
  window.sawReloading = false;
  new MutationObserver(() => {
    if (document.querySelector('[role="status"].cache-reloading')?.textContent === 'Reloading your saved contacts…') window.sawReloading = true;
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
`;

test('the part that reads saved contacts stopping: the search fails with a sentence and Try again, "Reloading your saved contacts…", then the page asks again by itself', async ({ app }) => {
  const token = randomUUID().replaceAll('-', '');
  await signIn(app);
  await expect(app.getByText('300 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });

  // watched from inside the page, so a short note is seen too
  await app.evaluate(WATCH_FOR_RELOADING);
  const search = app.getByRole('searchbox', { name: 'Search contacts' });
  const failed = app
    .locator('.contacts__notices .notice')
    .filter({ hasText: 'Contact Desk is reloading your saved contacts. Try again in a moment.' })
    .filter({ has: app.getByRole('button', { name: 'Try again' }) });
  try {
    await search.fill(`crash once ${token}`);
    await expect(failed).toBeVisible();
    await expect.poll(() => app.evaluate('window.sawReloading')).toBe(true);

    // The page asks again without a click (test/integration/contacts/cache-reload.test.ts: the app says
    // how many contacts are saved once the new worker is ready), and the search is answered.
    await expect(app.getByText('0 of 300 contacts match', { exact: true })).toBeVisible();
    await expect(failed).toHaveCount(0);
    await expect(app.locator('.cache-reloading')).toHaveCount(0);
  } finally {
    await rm(crashOnceMarker(token), { force: true });
  }

  // Every saved contact is still there.
  await search.fill('');
  await expect(app.getByText('300 contacts', { exact: true })).toBeVisible();
  await expect.poll(async () => (await columnTexts(app, 'Last Name')).filter((name) => name !== '').length).toBeGreaterThan(10);
});
