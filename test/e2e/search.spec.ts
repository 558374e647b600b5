import { searchMaxLength } from '../../electron/ipc/contract.ts';
import { HOSTILE_CONTACTS } from '../../sandbox/contacts-data.ts';
import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

test.use({ setup: { contacts: 60 } });

test('a search longer than the app takes is shortened with a quiet note, not an error, and matches nothing', async ({ app }) => {
  await signIn(app);
  await expect(app.getByText('60 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  const search = app.getByRole('searchbox', { name: 'Search contacts' });

  const long = 'Xylophone '.repeat(60);
  await search.fill(long);
  await expect(search).toHaveValue(long.slice(0, searchMaxLength));
  await expect(app.getByText('Only the first 500 characters are searched.')).toBeVisible();
  await expect(app.getByText(/^No contacts match “Xylophone Xylophone .*…”$/)).toBeVisible();
  await expect(app.getByRole('alert')).toHaveCount(0);
  await expect(app.getByText(/Something went wrong|could not read/)).toHaveCount(0);
  await expectNoAxeViolations(app);

  await search.fill('Acme');
  await expect(app.getByText('Only the first 500 characters are searched.')).toHaveCount(0);
  await expect(app.getByText(/^[1-9]\d* of 60 contacts match(es)?$/)).toBeVisible();
});

test('punctuation alone matches nothing special and says so; an emoji finds the contacts that have it', async ({ app }) => {
  await signIn(app);
  await expect(app.getByText('60 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  const search = app.getByRole('searchbox', { name: 'Search contacts' });

  for (const typed of ['"', '*', '(', '%', '\\']) {
    await search.fill(typed);
    await expect(app.getByText(`No contacts match “${typed}”`, { exact: true }), typed).toBeVisible();
    await expect(app.getByText(/^0 of 60 contacts match$/)).toBeVisible();
  }
  await expect(app.getByRole('alert')).toHaveCount(0);

  await search.fill('🍕');
  await expect(app.getByRole('cell', { name: HOSTILE_CONTACTS.emoji.value, exact: true })).toBeVisible();
  await expect(app.getByText(/^[1-9] of 60 contacts match(es)?$/)).toBeVisible();
  await expectNoAxeViolations(app);
});
