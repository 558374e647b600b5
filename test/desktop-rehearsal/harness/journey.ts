/**
 * For a spec file whose tests are stages of one journey through one app: a world and the packed app
 * launched before the first test, the app's records attached to a test that fails, and both closed
 * after the last. The file's own variables get the world, app and page through `launched`.
 */
import { test, type Browser, type Page } from '@playwright/test';
import { attachRecordsIfFailed } from './expectations.ts';
import { launchApp, type RehearsedApp } from './launch.ts';
import { startWorld, type RehearsalWorld } from './world.ts';

export interface Journey {
  world: RehearsalWorld;
  app: RehearsedApp;
  page: Page;
}

export function oneAppJourney(options: { contacts: number }, launched: (journey: Journey) => void, afterLaunch?: (journey: Journey, browser: Browser) => Promise<void>): void {
  let world: RehearsalWorld | null = null;
  let app: RehearsedApp | null = null;
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async ({ browser }) => {
    world = await startWorld({ sandbox: { contacts: options.contacts } });
    app = await launchApp({ browser, appRoot: world.appRoot, home: world.home, resources: world.resources });
    const journey = { world, app, page: await app.mainPage() };
    launched(journey);
    await afterLaunch?.(journey, browser);
  });
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern
  test.afterEach(async ({}, testInfo) => {
    if (app) await attachRecordsIfFailed(app, testInfo);
  });
  test.afterAll(async () => {
    await app?.dispose();
    await world?.dispose();
  });
}
