import { test, expect, signIn } from './fixtures.ts';

test.use({ setup: { contacts: 30 } });

// Every test fails on a console error or warning, a CSP violation or an uncaught exception (see
// fixtures.ts); this one walks through every screen, menu and dialog so each is covered.
test('every screen, menu and dialog opens without a console error, warning or CSP violation', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'Welcome to Contact Desk' })).toBeVisible();
  await signIn(app);
  await expect(app.getByText('30 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });

  const search = app.getByRole('searchbox', { name: 'Search contacts' });
  await search.fill('no such contact anywhere');
  await expect(app.getByText(/^No contacts match/)).toBeVisible();
  await search.fill('');

  await app.getByRole('button', { name: 'Columns' }).click();
  await expect(app.getByRole('searchbox', { name: 'Find a column' })).toBeVisible();
  await app.keyboard.press('Escape');

  await app.getByRole('button', { name: /^Export/ }).click();
  await expect(app.getByRole('dialog', { name: /^Export/ })).toBeVisible();
  await app.keyboard.press('Escape');

  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(app.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await app.keyboard.press('Escape');

  await app.getByRole('button', { name: /acme-sample\.hubspot\.com/ }).click();
  await app.getByRole('button', { name: 'Sign out…' }).click();
  const signOut = app.getByRole('dialog', { name: 'Sign out of HubSpot?' });
  await signOut.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(app.getByText('You are signed out.')).toBeVisible();
});
