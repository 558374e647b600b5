/**
 * Accessibility scans with axe-core. axe is loaded into a page once (again after a navigation) and
 * run on its document: the app has no frames, so axe's per-frame runs, which open a blank page of
 * their own to merge results, buy nothing and cost a second or more per scan.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What is used here of axe-core's API, as seen from the page (the tests are compiled without the DOM's types). */
interface PageWithAxe {
  document: unknown;
  axe: {
    run(context: unknown, options: { resultTypes: string[] }): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
  };
}

/** Serious and critical violations on the page as it is now, each as "rule: help (elements)". */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as PageWithAxe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`);
  });
}
