/**
 * The connection status against the sandbox over real HTTP: the real auth service (restored from
 * an encrypted store in a temp dir), the real HubSpot client and its `checkConnection`, and the
 * monitor on the system clock. Each case turns a sandbox fault on and off and reads the status.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { createAuthService } from '../../../electron/core/auth/auth-service.ts';
import type { HubSpotConfig } from '../../../electron/core/auth/hubspot-config.ts';
import { createAuthorizationSecrets } from '../../../electron/core/auth/pkce.ts';
import { sessionTokensFrom } from '../../../electron/core/auth/session.ts';
import { createTokenClient } from '../../../electron/core/auth/token-client.ts';
import { createTokenStore } from '../../../electron/core/auth/token-store.ts';
import { defaultRedirectPorts, defaultScopes } from '../../../electron/core/config.ts';
import { createHubSpotClient } from '../../../electron/core/hubspot/client.ts';
import { createContactsApi } from '../../../electron/core/hubspot/contacts-api.ts';
import { systemClock, type Logger } from '../../../electron/core/ports.ts';
import { createConnectionMonitor, type ConnectionMonitor } from '../../../electron/core/status/connection-monitor.ts';
import type { ConnectionState, StatusView } from '../../../electron/ipc/types.ts';
import { startSandbox } from '../../../sandbox/server.ts';
import { aesSecretBox } from '../../../electron/preview/aes-secret-box.ts';
import { openJsonFileStore } from '../../../electron/preview/json-file-store.ts';
import { freePorts } from '../../support/free-ports.ts';
import { startTcpRelay } from '../../support/tcp-relay.ts';

const portal = 'acme-sample.hubspot.com';

/**
 * A signed-in monitor whose first check has answered `firstState`. `apiOrigin` points the checks
 * (not the sign-in) somewhere else, e.g. a port nobody listens on.
 */
async function signedInMonitor(t: TestContext, options: { throughRelay?: boolean; apiOrigin?: string; firstState?: ConnectionState } = {}) {
  // A short rate-limit window: after a 429 the client waits for the window to pass, here 0.2 s.
  const sandbox = await startSandbox({ contacts: 20, rateLimit: { max: 110, intervalMs: 200 } });
  t.after(() => sandbox.close());
  const relay = options.throughRelay ? await startTcpRelay(sandbox.url) : null;
  if (relay) t.after(() => relay.close());
  const origin = relay?.url ?? sandbox.url;

  const dir = await mkdtemp(join(tmpdir(), 'contact-desk-status-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const logged: string[] = [];
  const log: Logger = {
    info: (message, fields) => logged.push(JSON.stringify([message, fields])),
    warn: (message, fields) => logged.push(JSON.stringify([message, fields])),
    error: (message, fields) => logged.push(JSON.stringify([message, fields])),
  };
  const config: HubSpotConfig = {
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    scopes: defaultScopes,
    redirectPorts: defaultRedirectPorts,
    authBaseUrl: origin,
    apiBaseUrl: origin,
  };
  const secretBox = aesSecretBox(randomBytes(32));
  const store = openJsonFileStore(join(dir, 'store.json'));

  // A sign-in from an earlier session: the user clicked "Connect app" (the sandbox's programmatic
  // consent), the code was exchanged for real, and the tokens were saved encrypted.
  const pkce = await createAuthorizationSecrets();
  const redirectUri = sandbox.redirectUris[0]!;
  const code = sandbox.admin.authorize({ redirectUri, codeChallenge: pkce.codeChallenge, codeChallengeMethod: 'S256' });
  const issued = await createTokenClient({ config, log }).exchangeCode({ code, redirectUri, codeVerifier: pkce.codeVerifier });
  await createTokenStore({ secretBox, store, log }).save(sessionTokensFrom(issued, Date.now()));

  const auth = createAuthService({ config, ports: { clock: systemClock, secretBox, store, openInBrowser: async () => {}, focusApp: () => {}, log } });
  t.after(() => auth.dispose());
  assert.equal((await auth.restore()).status, 'signed-in');

  // The real client, with its waits shortened so the suite stays fast: quick retries, and a 429 is
  // reported at once instead of waited out (each wait is seconds long).
  const client = createHubSpotClient({
    baseUrl: options.apiOrigin ?? origin,
    tokens: auth.tokens,
    log,
    random: () => 0.5,
    retry: { baseDelayMs: 5, maxDelayMs: 20, maxRateLimitedWaits: 0 },
  });
  const contacts = createContactsApi(client);
  const notices: string[] = [];
  const monitor = createConnectionMonitor({
    check: (signal) => contacts.checkConnection(signal),
    auth,
    clock: systemClock,
    intervalMinutes: () => 5,
    notify: (title) => notices.push(title),
    log,
    settleMs: 20,
  });
  monitor.start();
  t.after(() => monitor.stop());
  await untilState(monitor, options.firstState ?? 'connected');

  t.after(() => {
    for (const secret of [issued.accessToken, issued.refreshToken!, sandbox.clientSecret]) {
      assert.ok(!logged.some((line) => line.includes(secret)), 'no token or client secret in the log');
    }
  });
  return { sandbox, relay, auth, monitor, notices };
}

function untilState(monitor: ConnectionMonitor, state: ConnectionState): Promise<StatusView> {
  if (monitor.status().state === state) return Promise.resolve(monitor.status());
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`status stayed ${monitor.status().state}, expected ${state}`)), 5_000);
    const stop = monitor.onChange((status) => {
      if (status.state !== state) return;
      clearTimeout(timeout);
      stop();
      resolve(status);
    });
  });
}

test('connected, then each HubSpot trouble the sandbox can cause, each time back to connected', async (t) => {
  const { sandbox, monitor } = await signedInMonitor(t);
  const connected = await monitor.checkNow();
  assert.equal(connected.state, 'connected');
  assert.equal(connected.portal, portal);
  assert.ok(connected.lastSuccessAt !== null && connected.checkedAt === connected.lastSuccessAt);

  sandbox.admin.setFaults({ down: true });
  const down = await monitor.checkNow();
  assert.equal(down.state, 'hubspot-unavailable');
  assert.equal(down.action?.command, 'check-connection');
  assert.equal(down.lastSuccessAt, connected.lastSuccessAt, 'still says when it last worked');

  sandbox.admin.setFaults({});
  assert.equal((await monitor.checkNow()).state, 'connected');

  sandbox.admin.setFaults({ burst429: 1 });
  const slowDown = await monitor.checkNow();
  assert.equal(slowDown.state, 'rate-limited');
  assert.equal(slowDown.label, 'Waiting for HubSpot');

  sandbox.admin.setFaults({});
  assert.equal((await monitor.checkNow()).state, 'connected');

  sandbox.admin.setFaults({ dailyLimitReached: true });
  const daily = await monitor.checkNow();
  assert.equal(daily.state, 'rate-limited');
  assert.equal(daily.label, 'Paused until tomorrow');

  sandbox.admin.setFaults({});
  assert.equal((await monitor.checkNow()).state, 'connected');

  sandbox.admin.setGrantedScopes(['oauth', 'crm.schemas.contacts.read']);
  const missing = await monitor.checkNow();
  assert.equal(missing.state, 'missing-scopes');
  assert.equal(missing.action?.command, 'sign-in');

  sandbox.admin.setGrantedScopes(defaultScopes);
  assert.equal((await monitor.checkNow()).state, 'connected');
});

for (const [what, cutOff] of [
  ['tokens revoked', (admin: { revokeAllTokens(): void }) => admin.revokeAllTokens()],
  ['app uninstalled', (admin: { uninstallApp(): void }) => admin.uninstallApp()],
] as const) {
  test(`${what} → needs sign-in, and no more requests until the user signs in again`, async (t) => {
    const { sandbox, auth, monitor, notices } = await signedInMonitor(t);
    cutOff(sandbox.admin);
    const status = await monitor.checkNow();
    assert.equal(status.state, 'needs-sign-in');
    assert.equal(status.portal, portal);
    assert.equal(status.action?.command, 'sign-in');
    assert.equal(auth.state().status, 'needs-sign-in');
    assert.deepEqual(notices, ['HubSpot connection lost']);

    sandbox.admin.resetStats();
    assert.equal((await monitor.checkNow()).state, 'needs-sign-in');
    monitor.notifyWake();
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(sandbox.admin.stats().requests, 0);
  });
}

test("a network cut in front of HubSpot (the relay refuses connections) → can't be reached, not offline; restored → connected", async (t) => {
  const { relay, monitor } = await signedInMonitor(t, { throughRelay: true });
  await relay!.cut();
  const cut = await monitor.checkNow();
  assert.equal(cut.state, 'hubspot-unreachable');
  assert.equal(cut.label, "HubSpot can't be reached");
  assert.doesNotMatch(cut.sentence, /internet/);
  assert.match(cut.sentence, /saved contacts are still here/);

  await relay!.restore();
  assert.equal((await monitor.checkNow()).state, 'connected');
});

test("sandbox stopped → can't be reached", async (t) => {
  const { sandbox, monitor } = await signedInMonitor(t);
  await sandbox.close();
  const status = await monitor.checkNow();
  assert.equal(status.state, 'hubspot-unreachable');
  assert.match(status.sentence, /saved contacts are still here/);
});

test("HubSpot's address on a port nobody listens on → can't be reached; the OS saying there is no network → offline", async (t) => {
  const { monitor } = await signedInMonitor(t, { apiOrigin: `http://127.0.0.1:${(await freePorts(1))[0]}`, firstState: 'hubspot-unreachable' });
  assert.equal((await monitor.checkNow()).state, 'hubspot-unreachable');

  monitor.notifyNetworkChange(false);
  const offline = await untilState(monitor, 'offline');
  assert.match(offline.sentence, /Check that this computer is connected to the internet/);
});

test('network cut → offline and "lost" once; network back → connected by itself and "again" once', async (t) => {
  const { relay, monitor, notices } = await signedInMonitor(t, { throughRelay: true });
  await relay!.cut();
  monitor.notifyNetworkChange(false);
  await untilState(monitor, 'offline');
  assert.deepEqual(notices, [], 'one failed check may be a blip');
  await monitor.checkNow();
  await monitor.checkNow();
  assert.deepEqual(notices, ['HubSpot connection lost']);

  await relay!.restore();
  monitor.notifyNetworkChange(true);
  const back = await untilState(monitor, 'connected');
  assert.equal(back.portal, portal);
  assert.deepEqual(notices, ['HubSpot connection lost', 'Connected again']);
});
