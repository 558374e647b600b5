import { test, expect, expectNoAxeViolations } from './fixtures.ts';

test.use({ setup: { contacts: 30 } });

test('opens on the welcome screen, says it shows sample data, and passes an accessibility scan', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'Welcome to Contact Desk' })).toBeVisible();
  await expect(app.getByText('Your browser will open so you can sign in to HubSpot and allow Contact Desk to read your contacts.')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Connect to HubSpot' })).toBeEnabled();
  await expect(app.getByText('Sample data', { exact: true })).toBeVisible();
  await expect(app.getByText(/You are looking at sample data from a practice HubSpot account/)).toBeVisible();
  await expectNoAxeViolations(app);
});
