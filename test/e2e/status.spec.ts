import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxEnvironment } from '../../electron/core/config.ts';
import { startPreview } from '../../electron/preview/preview.ts';
import { startSandbox } from '../../sandbox/server.ts';
import { freeRedirectUris } from '../support/free-ports.ts';
import { startTcpRelay } from '../support/tcp-relay.ts';
import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

test.use({ setup: { contacts: 30 } });

test('the header follows HubSpot going down and coming back, and Check connection updates it at once', async ({ app, sandbox }) => {
  await signIn(app);
  const status = app.getByTestId('connection-status');
  await expect(status).toContainText('Connected', { timeout: 30_000 });
  await expect(status.locator('svg[data-state="connected"]')).toBeVisible();

  sandbox.admin.setFaults({ down: true });
  await app.getByRole('button', { name: 'Check connection' }).click();
  // A check is a probe: one retry of the 503, then the header says so (well before the next scheduled check).
  await expect(status).toContainText('HubSpot not responding', { timeout: 10_000 });
  await expect(status.locator('svg[data-state="hubspot-unavailable"]')).toBeVisible();
  await expect(app.getByText('HubSpot is not responding', { exact: true })).toBeVisible();
  await status.focus();
  await expect(app.getByRole('tooltip')).toContainText("HubSpot isn't answering right now");
  await expectNoAxeViolations(app);

  sandbox.admin.setFaults({});
  await app.getByRole('button', { name: 'Check connection' }).click();
  await expect(status).toContainText('Connected');
  await expect(app.getByText('HubSpot is not responding', { exact: true })).toHaveCount(0);
});

test("HubSpot's address refusing connections: can't be reached (offline once the OS says so), the saved contacts browsable, then connected", async ({ page }) => {
  const sandbox = await startSandbox({ contacts: 30, redirectUris: await freeRedirectUris() });
  const front = await startTcpRelay(sandbox.url);
  const dataDir = await mkdtemp(join(tmpdir(), 'contact-desk-e2e-'));
  const redirectPorts = sandbox.redirectUris.map((uri) => Number(new URL(uri).port));
  const preview = await startPreview({ env: { ...sandboxEnvironment({ ...sandbox, url: front.url }, redirectPorts), CONTACT_DESK_DATA_DIR: dataDir }, port: 0 });
  try {
    await page.goto(preview.url);
    await signIn(page);
    const status = page.getByTestId('connection-status');
    await expect(status).toContainText('Connected', { timeout: 30_000 });
    await expect(page.getByText('30 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });

    await front.cut();
    await page.getByRole('button', { name: 'Check connection' }).click();
    await expect(status).toContainText("HubSpot can't be reached", { timeout: 20_000 });
    await expect(status.locator('svg[data-state="hubspot-unreachable"]')).toBeVisible();
    const notices = page.getByRole('main');
    await expect(notices.getByText("HubSpot can't be reached", { exact: true })).toBeVisible();
    await expect(page.getByText(/internet/)).toHaveCount(0);

    // What the desktop shell does when the OS says the network is gone.
    preview.services.status.notifyNetworkChange(false);
    await expect(status).toContainText('Offline', { timeout: 20_000 });
    await expect(status.locator('svg[data-state="offline"]')).toBeVisible();
    await expect(page.getByText('You are offline', { exact: true })).toBeVisible();
    await expect(page.getByText('30 contacts', { exact: true })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('José');
    await expect(page.getByText(/^[1-9]\d* of 30 contacts match(es)?$/)).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Álvarez', exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    await front.restore();
    preview.services.status.notifyNetworkChange(true);
    await page.getByRole('button', { name: 'Check connection' }).click();
    await expect(status).toContainText('Connected', { timeout: 20_000 });
    await expect(page.getByText('You are offline', { exact: true })).toHaveCount(0);
  } finally {
    // the page stops calling the preview first: a table reload after "Connected" found it closed
    await page.goto('about:blank');
    await preview.close();
    await front.cut();
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.key`, { force: true });
  }
});
