import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

test.use({ setup: { contacts: 300 } });

test('HubSpot going down under a sync gives one notice; Sync now says why it waits; a later "sign in again" replaces it; each clears with its cause', async ({ app, sandbox }) => {
  await signIn(app);
  const progress = app.getByTestId('sync-progress');
  await expect(app.getByText('300 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(progress).toHaveCount(0, { timeout: 30_000 });

  // HubSpot goes down; the app doesn't know yet, so Sync now starts a sync that fails.
  sandbox.admin.setFaults({ down: true });
  await app.getByRole('button', { name: 'Sync now' }).click();

  // The sync gives up and the status check confirms it: one message for both.
  const notices = app.locator('.contacts__notices .notice');
  const status = app.getByTestId('connection-status');
  await expect(status).toContainText('HubSpot not responding', { timeout: 45_000 });
  await expect(progress).toHaveCount(0, { timeout: 45_000 });
  await expect(notices).toHaveCount(1);
  await expect(notices).toContainText("HubSpot isn't answering right now");
  await expect(notices).toContainText(/Your [\d,]+ saved contacts? (is|are) still here/);
  await expect(notices).toContainText('Contact Desk keeps trying by itself, and finishes the sync that stopped.');
  await expect(app.getByText(/Sync stopped/)).toHaveCount(0);

  // Sync now can't work: it says why (hover or keyboard focus) instead of starting a sync that fetches nothing.
  const syncNow = app.getByRole('button', { name: 'Sync now' });
  await expect(syncNow).toHaveAttribute('aria-disabled', 'true');
  await syncNow.focus();
  await expect(app.getByRole('tooltip').filter({ hasText: "HubSpot isn't answering right now. Contact Desk syncs by itself once it does." })).toBeVisible();
  await expect(syncNow).toHaveAccessibleDescription(/syncs by itself once it does/);
  await syncNow.press('Enter');
  await syncNow.click({ force: true });
  await expect(progress).toHaveCount(0);
  await expect(app.getByText(/Fetched 0/)).toHaveCount(0);
  await expectNoAxeViolations(app);

  // HubSpot stops accepting the sign-in: that is the news now, alone.
  sandbox.admin.setFaults({});
  sandbox.admin.revokeAllTokens();
  await app.getByRole('button', { name: 'Check connection' }).click();
  await expect(notices.filter({ hasText: 'Please sign in to HubSpot again' })).toBeVisible({ timeout: 20_000 });
  await expect(notices).toHaveCount(1);
  await expect(app.getByText(/HubSpot isn't answering|Sync stopped/)).toHaveCount(0);

  // Signing in again clears it, and the sync carries on.
  const consentPage = app.context().waitForEvent('page');
  await notices.getByRole('button', { name: 'Sign in again' }).click();
  const consent = await consentPage;
  await consent.getByRole('button', { name: 'Connect app' }).click();
  await consent.close();
  await expect(status).toContainText(/Connected|Syncing/, { timeout: 20_000 });
  await expect(notices).toHaveCount(0);
  await expect(app.getByText(/Last synced just now/)).toBeVisible({ timeout: 45_000 });
});
