/**
 * An installed copy takes its HubSpot app settings from its build alone (issue 13.5, SECURITY.md
 * "Packaged settings cannot be redirected"): what any program running as the user can write — a
 * config.json in the data folder, HUBSPOT_* variables — cannot send the sign-in (and with it the
 * client secret) elsewhere, and a resources file edited to name an origin the build was not made
 * with stops the app with a sentence.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { expectCleanRun } from './harness/expectations.ts';
import { launchApp, type LaunchOptions, type RehearsedApp } from './harness/launch.ts';
import { startWorld, type RehearsalWorld } from './harness/world.ts';

let world: RehearsalWorld;
let app: RehearsedApp | null = null;

test.beforeEach(async () => {
  world = await startWorld({ sandbox: { contacts: 5 } });
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern
test.afterEach(async ({}, testInfo) => {
  if (app && testInfo.status !== testInfo.expectedStatus) await testInfo.attach('rehearsal records', { body: `${app.summary()}\n\nApp output:\n${app.output}`, contentType: 'text/plain' });
  await app?.dispose();
  app = null;
  await world.dispose();
});

async function launch(browser: Browser, options: Partial<LaunchOptions> = {}): Promise<RehearsedApp> {
  app = await launchApp({ browser, appRoot: world.appRoot, home: world.home, resources: world.resources, ...options });
  return app;
}

/** A server the sign-in must never reach: a look-alike of HubSpot's consent page. */
const elsewhere = 'https://app.hubspot.com.sign-in.example';

test('config.json in the data folder and HUBSPOT_* variables cannot send the sign-in elsewhere', async ({ browser }) => {
  mkdirSync(world.userData, { recursive: true });
  writeFileSync(join(world.userData, 'config.json'), JSON.stringify({ HUBSPOT_AUTH_BASE_URL: elsewhere, HUBSPOT_API_BASE_URL: elsewhere, HUBSPOT_CLIENT_ID: 'someone-else' }));
  const started = await launch(browser, { env: { HUBSPOT_AUTH_BASE_URL: elsewhere, HUBSPOT_API_BASE_URL: elsewhere, HUBSPOT_CLIENT_ID: 'someone-else', HUBSPOT_CLIENT_SECRET: 'x' } });
  const page = await started.mainPage();
  await page.getByRole('button', { name: 'Connect to HubSpot' }).click();
  const consent = new URL(String((await started.waitFor('shell.openExternal')).url));
  expect(consent.origin).toBe(world.sandbox.url);
  expect(consent.searchParams.get('client_id')).toBe(world.sandbox.clientId);
  await started.call('os.quit', {});
  expect(await started.exited).toEqual({ code: 0, signal: null });
  expectCleanRun(started);
});

test('a resources file edited to name an origin the build was not made with: the app says it was changed and does not start', async ({ browser }) => {
  const file = join(world.resources, 'config.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), HUBSPOT_AUTH_BASE_URL: elsewhere }));
  const started = await launch(browser);
  expect(await started.exited).toEqual({ code: 1, signal: null });
  const [box, ...more] = started.find('dialog.showErrorBox');
  expect(more).toEqual([]);
  expect(String(box?.content)).toContain(`This copy of Contact Desk has been changed: its settings send sign-ins to ${elsewhere}`);
  expect(started.find('BrowserWindow.new')).toEqual([]);
  expectCleanRun(started);
});
