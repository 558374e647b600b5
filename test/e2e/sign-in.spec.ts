import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';
import { KNOWN_CONTACTS } from '../../sandbox/contacts-data.ts';

test.use({ setup: { contacts: 30 } });

/** Clicks Connect to HubSpot and returns the consent page the app opened in a new tab. */
async function openConsentPage(app: Page): Promise<Page> {
  const consentPage = app.context().waitForEvent('page');
  await app.getByRole('button', { name: 'Connect to HubSpot' }).click();
  const consent = await consentPage;
  await consent.waitForLoadState();
  return consent;
}

test('Connect to HubSpot → Connect app on the consent page → the app shows the portal; Sign out → welcome screen', async ({ app }) => {
  const consent = await openConsentPage(app);
  await expect(app.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeVisible();
  await expect(app.getByRole('link', { name: 'Open the HubSpot sign-in page' })).toHaveAttribute('href', consent.url());
  await expectNoAxeViolations(app);

  await consent.getByRole('button', { name: 'Connect app' }).click();
  const accountButton = app.getByRole('button', { name: /acme-sample\.hubspot\.com/ });
  await expect(accountButton).toBeVisible();
  await accountButton.click();
  await expect(app.getByText('pat.jones@acme-sample.example')).toBeVisible();
  await expectNoAxeViolations(app);

  await app.getByRole('button', { name: 'Sign out…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Sign out of HubSpot?' });
  await expect(dialog.getByRole('checkbox', { name: /Also delete the contacts saved on this computer/ })).not.toBeChecked();
  await expectNoAxeViolations(app);
  await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();

  await expect(app.getByRole('heading', { name: 'Welcome to Contact Desk' })).toBeVisible();
  await expect(app.getByText('You are signed out.')).toBeVisible();
  await expect(app.getByRole('button', { name: /acme-sample\.hubspot\.com/ })).toHaveCount(0);
});

test('Cancel on the consent page → the app says access was declined and offers to connect again', async ({ app }) => {
  const consent = await openConsentPage(app);
  await consent.getByRole('button', { name: 'Cancel' }).click();

  await expect(app.getByText('Access was declined')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Connect to HubSpot' })).toBeEnabled();
  await expectNoAxeViolations(app);
});

test('Cancel while waiting returns to the welcome screen without an error', async ({ app }) => {
  await openConsentPage(app);
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('button', { name: 'Connect to HubSpot' })).toBeVisible();
  await expect(app.getByRole('alert')).toHaveCount(0);
});

/** The contact cache and its WAL as bytes, as anyone able to read the disk would see them. */
function cacheOnDisk(dataDir: string): Buffer {
  const read = (path: string) => {
    try {
      return readFileSync(path);
    } catch {
      return Buffer.alloc(0);
    }
  };
  return Buffer.concat(['contacts.sqlite', 'contacts.sqlite-wal'].map((name) => read(join(dataDir, name))));
}

test('Sign out with "Also delete the contacts saved on this computer" → the cache file no longer holds a contact', async ({ app, preview }) => {
  const email = Buffer.from(KNOWN_CONTACTS.email.email);
  await signIn(app);
  await expect(app.getByText('30 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(cacheOnDisk(preview.dataDir).includes(email), 'the synced contacts are on disk').toBe(true);

  await app.getByRole('button', { name: /acme-sample\.hubspot\.com/ }).click();
  await app.getByRole('button', { name: 'Sign out…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Sign out of HubSpot?' });
  await dialog.getByRole('checkbox', { name: /Also delete the contacts saved on this computer/ }).check();
  await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();

  // Said once the app has finished deleting them.
  await expect(app.getByText('You are signed out. The contacts saved on this computer were deleted.')).toBeVisible();
  expect(cacheOnDisk(preview.dataDir).includes(email), `${KNOWN_CONTACTS.email.email} is still in contacts.sqlite or its WAL`).toBe(false);
});

