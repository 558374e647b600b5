import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, signIn } from './fixtures.ts';

test.use({ setup: { contacts: 30 } });

/** Every control in `area` lies wholly inside the viewport, and the page does not scroll sideways. */
async function expectAllInView(app: Page, area: string): Promise<void> {
  const viewport = app.viewportSize()!;
  const controls = app.locator(`${area} :is(button, a[href], input, select, [tabindex="0"])`);
  const boxes = await controls.evaluateAll((elements) =>
    elements
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => {
        const box = element.getBoundingClientRect();
        return { name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
      }),
  );
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) {
    expect(box.left, `${box.name} starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(box.right, `${box.name} ends inside the window`).toBeLessThanOrEqual(viewport.width);
    expect(box.top, `${box.name} is not above the window`).toBeGreaterThanOrEqual(0);
    expect(box.bottom, `${box.name} is not below the window`).toBeLessThanOrEqual(viewport.height);
  }
  const [scrollWidth, clientWidth] = await app.locator('html').evaluate((root) => [root.scrollWidth, root.clientWidth]);
  expect(scrollWidth, 'no sideways scrolling').toBeLessThanOrEqual(clientWidth);
}

async function signInWithHubSpotDown(app: Page, sandbox: { admin: { setFaults(faults: { down?: boolean }): void } }): Promise<void> {
  await signIn(app);
  await expect(app.getByText('30 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  // The longest status label, so the header is at its widest.
  sandbox.admin.setFaults({ down: true });
  await app.getByRole('button', { name: 'Check connection' }).click();
  await expect(app.getByTestId('connection-status')).toContainText('HubSpot not responding', { timeout: 20_000 });
}

test.describe('at the window’s minimum size, 720 × 480', () => {
  test.use({ viewport: { width: 720, height: 480 } });

  test('every header control is inside the window; the account menu is a compact button; Settings has a gear button', async ({ app, sandbox }) => {
    await expectAllInView(app, 'header');
    await signInWithHubSpotDown(app, sandbox);
    await expectAllInView(app, 'header');
    await expectAllInView(app, '[role="toolbar"]');

    const account = app.getByRole('button', { name: /acme-sample\.hubspot\.com/ });
    expect((await account.boundingBox())!.width, 'the account is a compact button (its name stays for screen readers)').toBeLessThan(90);
    await account.click();
    await expect(app.getByRole('button', { name: 'Sign out…' })).toBeInViewport();
    await app.keyboard.press('Escape');

    await app.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(app.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await expectNoAxeViolations(app);
  });
});

// 200 % zoom of the smallest window: the page lays out in 360 × 240 CSS pixels, drawn at twice the density.
test.describe('at 200 % zoom of the minimum size (360 × 240 CSS pixels)', () => {
  test.use({ viewport: { width: 360, height: 240 }, deviceScaleFactor: 2 });

  test('the header wraps instead of scrolling sideways; every control, menu and dialog stays reachable', async ({ app, sandbox }) => {
    await expectAllInView(app, 'header');
    await signInWithHubSpotDown(app, sandbox);
    await expectAllInView(app, 'header');
    const [scrollWidth, clientWidth] = await app.locator('html').evaluate((root) => [root.scrollWidth, root.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

    // The toolbar is further down (the window scrolls up and down, never sideways).
    for (const name of ['Sync now', 'Columns', /^Export/]) {
      const button = app.getByRole('button', { name });
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    await app.getByRole('button', { name: 'Columns' }).click();
    const find = app.getByRole('searchbox', { name: 'Find a column' });
    const panel = (await find.boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(360);
    await app.keyboard.press('Escape');

    await app.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = app.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeInViewport();
    await expectNoAxeViolations(app);
  });
});
