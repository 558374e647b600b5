/**
 * Issue 14: the cache worker that answers the table stops or hangs (here on purpose: the test's
 * cache worker ends its thread on the first call that mentions "crash once <token>", and hangs on
 * "hang now").
 * - Stopped: the search that was in flight fails with a sentence and a Try again, the page says it
 *   is reloading, then asks again by itself, and every saved contact is still there.
 * - Hung ("hang once <token>"): the search is cut off with a sentence, other reads are answered
 *   meanwhile, no reload; the sentence's Try again asks again.
 * - Stopping again and again (here: every new worker ends as it starts): not restarted for ever; a
 *   notice says so, and its Try again brings the contacts back.
 */
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, columnTexts, signIn } from './fixtures.ts';
import { crashAtStartMarker, crashOnceMarker } from '../support/crash-once.ts';

test.use({ setup: { contacts: 300, faultyCache: true } });

/** Run in the page: notes whether "Reloading your saved contacts…" is ever up (it is, only while a new worker opens the cache). */
const WATCH_FOR_RELOADING = `
  window.sawReloading = false;
  new MutationObserver(() => {
    if (document.querySelector('[role="status"].cache-reloading')?.textContent === 'Reloading your saved contacts…') window.sawReloading = true;
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
`;

/** Signed in, the 300 contacts synced, and the page watching for the reloading note; the search box. */
async function syncedAndWatched(app: Page): Promise<Locator> {
  await signIn(app);
  await expect(app.getByText('300 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });
  // watched from inside the page, so a short note is seen too
  await app.evaluate(WATCH_FOR_RELOADING);
  return app.getByRole('searchbox', { name: 'Search contacts' });
}

/** The notice for a failed table query, with its Try again. */
const tableNotice = (app: Page, sentence: string): Locator =>
  app.locator('.contacts__notices .notice').filter({ hasText: sentence }).filter({ has: app.getByRole('button', { name: 'Try again' }) });

/** One page of contacts asked for as the page's bridge asks (HTTP to the preview), beside what the table asks. */
const QUERY_FROM_THE_PAGE = `fetch('/ipc/queryContacts', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ input: { search: '', sort: { column: 'lastname', direction: 'asc' }, columns: ['lastname'], offset: 0, limit: 5 } }),
}).then((response) => response.json())`;

test('the part that reads saved contacts stopping: the search fails with a sentence and Try again, "Reloading your saved contacts…", then the page asks again by itself', async ({ app }) => {
  const token = randomUUID().replaceAll('-', '');
  const search = await syncedAndWatched(app);
  const failed = tableNotice(app, 'Contact Desk is reloading your saved contacts. Try again in a moment.');
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

test('a search that takes too long: stopped with a sentence and Try again, other reads answered meanwhile, no reload; Try again asks again', async ({ app }) => {
  const token = randomUUID().replaceAll('-', '');
  const search = await syncedAndWatched(app);
  const stopped = tableNotice(app, 'That search was taking too long, so Contact Desk stopped it. Try a longer or more specific search.');
  try {
    await search.fill(`hang once ${token}`);
    // The cache's other reader answers while this search holds the first (until the 5 s budget runs out).
    expect(await app.evaluate(QUERY_FROM_THE_PAGE)).toMatchObject({ ok: true, value: { total: 300 } });
    await expect(stopped).toHaveCount(0);
    await expect(stopped).toBeVisible({ timeout: 15_000 });
    expect(await app.evaluate('window.sawReloading'), 'a search cut off is not a reload').toBe(false);

    // nothing asks again by itself; the notice's Try again does (and this time the search is answered)
    await stopped.getByRole('button', { name: 'Try again' }).click();
    await expect(stopped).toHaveCount(0);
    await expect(app.getByText('0 of 300 contacts match', { exact: true })).toBeVisible();
  } finally {
    await rm(crashOnceMarker(token), { force: true });
  }

  await search.fill('');
  await expect(app.getByText('300 contacts', { exact: true })).toBeVisible();
});

test('the part that reads saved contacts stopping again and again: not restarted for ever, a notice instead, and its Try again brings the contacts back', async ({ app, preview }) => {
  const token = randomUUID().replaceAll('-', '');
  const search = await syncedAndWatched(app);
  const everyWorkerEnds = crashAtStartMarker(join(preview.dataDir, 'contacts.sqlite'));
  const notice = app.locator('.contacts__notices .notice').filter({ hasText: 'Your saved contacts could not be reloaded' });
  try {
    await writeFile(everyWorkerEnds, '');
    await search.fill(`crash once ${token}`);
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Your contacts are still on this computer.');
    await expect(notice).toContainText('Clear the search box, then choose Try again.');
    // the one notice: the table's own (a query that failed) is not shown beside it
    await expect(app.locator('.contacts__notices .notice')).toHaveCount(1);
    await expect(app.locator('.cache-reloading')).toHaveCount(0);

    await rm(everyWorkerEnds);
    await notice.getByRole('button', { name: 'Try again' }).click();
    await expect(app.getByText('0 of 300 contacts match', { exact: true })).toBeVisible();
    await expect(notice).toHaveCount(0);
  } finally {
    await rm(everyWorkerEnds, { force: true });
    await rm(crashOnceMarker(token), { force: true });
  }

  await search.fill('');
  await expect(app.getByText('300 contacts', { exact: true })).toBeVisible();
  await expect.poll(async () => (await columnTexts(app, 'Last Name')).filter((name) => name !== '').length).toBeGreaterThan(10);
});
