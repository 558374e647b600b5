import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

test.use({ setup: { contacts: 30 } });

test('the header follows HubSpot going down and coming back, and Check connection updates it at once', async ({ app, sandbox }) => {
  await signIn(app);
  const status = app.getByTestId('connection-status');
  await expect(status).toContainText('Connected', { timeout: 30_000 });
  await expect(status.locator('svg[data-state="connected"]')).toBeVisible();

  sandbox.admin.setFaults({ down: true });
  await app.getByRole('button', { name: 'Check connection' }).click();
  // The check starts at once; HubSpot's 503s are retried a few times before it gives up.
  await expect(status).toContainText('Checking…');
  await expect(status).toContainText('HubSpot not responding', { timeout: 40_000 });
  await expect(status.locator('svg[data-state="hubspot-unavailable"]')).toBeVisible();
  await expect(app.getByText('HubSpot is not responding', { exact: true })).toBeVisible();
  await status.focus();
  await expect(app.getByRole('tooltip')).toContainText("HubSpot isn't answering right now");
  await app.screenshot({ path: '/tmp/cd-status-down.png' });
  await expectNoAxeViolations(app);

  sandbox.admin.setFaults({});
  await app.getByRole('button', { name: 'Check connection' }).click();
  await expect(status).toContainText('Connected');
  await expect(app.getByText('HubSpot is not responding', { exact: true })).toHaveCount(0);
});

test('with the sandbox stopped, the header says offline and the saved contacts stay browsable', async ({ app, sandbox }) => {
  await signIn(app);
  const status = app.getByTestId('connection-status');
  await expect(status).toContainText('Connected', { timeout: 30_000 });
  await expect(app.getByText('30 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });

  await sandbox.close();
  await app.getByRole('button', { name: 'Check connection' }).click();
  await expect(status).toContainText('Offline', { timeout: 20_000 });
  await expect(status.locator('svg[data-state="offline"]')).toBeVisible();
  await expect(app.getByText('You are offline', { exact: true })).toBeVisible();
  await expect(app.getByText('30 contacts', { exact: true })).toBeVisible();
  await app.getByRole('searchbox', { name: 'Search contacts' }).fill('José');
  await expect(app.getByText(/^[1-9]\d* of 30 contacts match(es)?$/)).toBeVisible();
  await expect(app.getByRole('cell', { name: 'Álvarez', exact: true })).toBeVisible();
  await app.screenshot({ path: '/tmp/cd-status-offline.png' });
  await expectNoAxeViolations(app);
});
