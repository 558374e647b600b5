/** The rehearsal's own guarantees about its stand-in, checked with small main scripts of its own. */
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { expectCleanRun } from './harness/expectations.ts';
import { launchApp } from './harness/launch.ts';
import { startWorld } from './harness/world.ts';

test('an Electron API the stand-in does not implement fails the rehearsal loudly, by name, even when the app swallows the error', async ({ browser }) => {
  const world = await startWorld({ sandbox: { contacts: 1 } });
  const app = await launchApp({ browser, appRoot: world.appRoot, home: world.home, resources: world.resources, main: fileURLToPath(new URL('fixtures/calls-unimplemented.ts', import.meta.url)) });
  try {
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(app.unimplementedCalls()).toEqual(['app.getGPUFeatureStatus']);
    expect(() => expectCleanRun(app)).toThrow(/app\.getGPUFeatureStatus/);
  } finally {
    await app.dispose();
    await world.dispose();
  }
});
