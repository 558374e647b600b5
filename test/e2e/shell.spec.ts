import { test, expect, expectConsoleMessages, expectNoAxeViolations, signIn } from './fixtures.ts';

test.use({ setup: { contacts: 30 } });

test('Settings from the account menu, by keyboard: the check interval is saved', async ({ app, preview }) => {
  await signIn(app);
  const accountButton = app.getByRole('button', { name: /acme-sample\.hubspot\.com/ });
  await accountButton.focus();
  await app.keyboard.press('Enter');
  await app.getByRole('button', { name: 'Settings…' }).focus();
  await app.keyboard.press('Enter');

  const dialog = app.getByRole('dialog', { name: 'Settings' });
  const interval = dialog.getByRole('combobox', { name: 'Check the connection to HubSpot every' });
  await expect(interval).toBeFocused();
  await expect(interval).toHaveValue('5');
  // The preview has no tray, so there is no close-to-tray choice to offer.
  await expect(dialog.getByRole('checkbox', { name: /Keep running in the tray/ })).toHaveCount(0);
  await expectNoAxeViolations(app);

  await interval.selectOption({ label: '15 minutes' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  expect(preview.services.settings().checkIntervalMinutes).toBe(15);
});

test('a dialog the browser closes by itself can be opened again', async ({ app }) => {
  await signIn(app);
  const openSettings = async () => {
    await app.getByRole('button', { name: /acme-sample\.hubspot\.com/ }).click();
    await app.getByRole('button', { name: 'Settings…' }).click();
  };
  const dialog = app.getByRole('dialog', { name: 'Settings' });
  await openSettings();
  await expect(dialog).toBeVisible();

  // What Chromium does on a second Escape, whatever the page asked.
  await dialog.evaluate((element) => (element as unknown as { close(): void }).close());
  await expect(dialog).toBeHidden();
  await openSettings();
  await expect(dialog).toBeVisible();
});

test('when the preview server stops, the page says so and offers to reload', async ({ app, preview }) => {
  await expect(app.getByRole('button', { name: 'Connect to HubSpot' })).toBeVisible();
  expectConsoleMessages(/net::ERR_CONNECTION_REFUSED/);
  await preview.close();

  await expect(app.getByText('The preview server stopped', { exact: true })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Reload page' })).toBeVisible();
  await app.getByRole('button', { name: 'Connect to HubSpot' }).click();
  await expect(app.getByText(/The preview server stopped or restarted/)).toBeVisible();
  await expectNoAxeViolations(app);
});

test('when the preview server stops while connected, the header no longer says Connected', async ({ app, preview }) => {
  await signIn(app);
  const status = app.getByTestId('connection-status');
  await expect(status).toContainText('Connected', { timeout: 30_000 });
  expectConsoleMessages(/net::ERR_CONNECTION_REFUSED/);
  await preview.close();

  await expect(app.getByText('The preview server stopped', { exact: true })).toBeVisible();
  await expect(status).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Check connection' })).toHaveCount(0);
  await expectNoAxeViolations(app);
});
