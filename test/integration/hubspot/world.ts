/** A sandbox, a signed-in token source and the app's real HubSpot client, closed after the test. */
import type { TestContext } from 'node:test';
import { createHubSpotClient } from '../../../electron/core/hubspot/client.ts';
import type { HubSpotClient } from '../../../electron/core/hubspot/client.ts';
import { startSandbox } from '../../../sandbox/server.ts';
import type { Sandbox, SandboxOptions } from '../../../sandbox/server.ts';
import { signInToSandbox } from '../../support/sandbox-tokens.ts';

export interface ApiWorld {
  sandbox: Sandbox;
  client: HubSpotClient;
}

export async function apiWorld(t: TestContext, options: SandboxOptions = {}): Promise<ApiWorld> {
  const sandbox = await startSandbox(options);
  t.after(() => sandbox.close());
  const tokens = await signInToSandbox(sandbox);
  const rate = options.rateLimit ?? { max: 110, intervalMs: 10_000 };
  const client = createHubSpotClient({
    baseUrl: sandbox.url,
    tokens,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    limits: { max: rate.max, intervalMs: rate.intervalMs },
  });
  return { sandbox, client };
}
