import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { createAuthorizationSecrets } from '../../../electron/core/auth/pkce.ts';
import { createTokenClient } from '../../../electron/core/auth/token-client.ts';
import { isAppError } from '../../../electron/core/errors.ts';
import type { ErrorKind } from '../../../electron/core/errors.ts';
import { startSandbox } from '../../../sandbox/server.ts';
import { recordingLog } from './world.ts';

const redirectUri = 'http://localhost:53682/oauth-callback';

async function setup(t: TestContext, options: Parameters<typeof startSandbox>[0] = {}) {
  const sandbox = await startSandbox({ contacts: 5, ...options });
  t.after(() => sandbox.close());
  const log = recordingLog();
  const client = createTokenClient({
    config: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, authBaseUrl: sandbox.url, apiBaseUrl: sandbox.url },
    log,
  });
  const grant = async () => {
    const secrets = await createAuthorizationSecrets();
    const code = sandbox.admin.authorize({ redirectUri, state: secrets.state, codeChallenge: secrets.codeChallenge });
    return { code, redirectUri, codeVerifier: secrets.codeVerifier };
  };
  const tokenRequests = () => sandbox.admin.stats().byPath['POST /oauth/{v}/token'] ?? 0;
  return { sandbox, client, log, grant, tokenRequests };
}

const failsWith = (kind: ErrorKind, sentence?: RegExp) => (error: unknown) => isAppError(error) && error.kind === kind && (!sentence || sentence.test(error.message));

test('exchange, introspect, refresh and revoke against the 2026-03 endpoints', async (t) => {
  const { sandbox, client, grant } = await setup(t, { accounts: [{ hubId: 77, domain: 'shop.example', userEmail: 'kim@shop.example' }] });
  const issued = await client.exchangeCode(await grant());
  assert.equal(issued.expiresInSeconds, 1800);
  assert.ok(issued.refreshToken);

  assert.deepEqual(await client.introspect(issued.accessToken), {
    active: true,
    hubId: 77,
    hubDomain: 'shop.example',
    userEmail: 'kim@shop.example',
    userId: 71_000_001, // the sandbox numbers its users from 71,000,001
    // the sandbox's programmatic "Connect app" grants what the app asks for, optional scopes included
    scopes: ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.objects.owners.read', 'crm.lists.read'],
  });

  const refreshed = await client.refresh(issued.refreshToken ?? '');
  assert.notEqual(refreshed.accessToken, issued.accessToken);
  assert.equal(refreshed.refreshToken, issued.refreshToken, 'this sandbox does not rotate');

  await client.revoke(issued.refreshToken ?? '');
  await client.revoke(issued.refreshToken ?? '');
  await assert.rejects(client.refresh(issued.refreshToken ?? ''), failsWith('revoked', /sign in again/));
  const byPath = sandbox.admin.stats().byPath;
  assert.deepEqual(Object.keys(byPath).filter((key) => key.startsWith('POST /oauth')).sort(), [
    'POST /oauth/{v}/token',
    'POST /oauth/{v}/token/introspect',
    'POST /oauth/{v}/token/revoke',
  ]);
});

test('a code is single-use, and a wrong verifier is refused: both in plain words', async (t) => {
  const { client, grant } = await setup(t);
  const first = await grant();
  await client.exchangeCode(first);
  await assert.rejects(client.exchangeCode(first), failsWith('hubspot-error', /one-time code had expired or was already used/));
  const second = await grant();
  await assert.rejects(client.exchangeCode({ ...second, codeVerifier: 'x'.repeat(43) }), failsWith('hubspot-error', /Click Connect to HubSpot to try again/));
});

test('an expired token introspects as inactive', async (t) => {
  const { sandbox, client, grant } = await setup(t);
  const issued = await client.exchangeCode(await grant());
  sandbox.admin.expireAccessTokens();
  assert.deepEqual(await client.introspect(issued.accessToken), { active: false });
});

test('HubSpot down: retried once, then "hubspot-down"', async (t) => {
  const { sandbox, client, grant, tokenRequests } = await setup(t);
  const issued = await client.exchangeCode(await grant());
  sandbox.admin.setFaults({ down: true });
  const before = tokenRequests();
  await assert.rejects(client.refresh(issued.refreshToken ?? ''), failsWith('hubspot-down', /isn't working properly right now/));
  assert.equal(tokenRequests() - before, 2);
});

test('a dropped connection is retried once and then reported as no answer', async (t) => {
  const { sandbox, client, grant } = await setup(t);
  const issued = await client.exchangeCode(await grant());
  sandbox.admin.setFaults({ dropConnectionRate: 1 });
  await assert.rejects(client.introspect(issued.accessToken), failsWith('hubspot-down', /didn't answer in time/));
  sandbox.admin.setFaults({ serverErrorRate: 0 });
  assert.equal((await client.introspect(issued.accessToken)).active, true);
});

test('a code exchange is never sent twice: the code is single-use', async (t) => {
  const { sandbox, client, grant, tokenRequests } = await setup(t);
  const code = await grant();
  sandbox.admin.setFaults({ dropConnectionRate: 1 });
  await assert.rejects(client.exchangeCode(code), failsWith('hubspot-down', /didn't answer in time/));
  assert.equal(tokenRequests(), 1);
});

test('a single 5xx is absorbed by the retry', async (t) => {
  const { sandbox, client, grant, tokenRequests } = await setup(t, { seed: 3 });
  const issued = await client.exchangeCode(await grant());
  sandbox.admin.setFaults({ serverErrorRate: 0.5 });
  let rescued = 0;
  for (let i = 0; i < 30 && rescued === 0; i++) {
    const before = tokenRequests();
    const ok = await client.refresh(issued.refreshToken ?? '').then(() => true, (error: unknown) => (assert.ok(failsWith('hubspot-down')(error)), false));
    const sent = tokenRequests() - before;
    assert.ok(ok ? sent <= 2 : sent === 2, `${sent} request(s) for a refresh that ${ok ? 'worked' : 'failed'}`);
    if (ok && sent === 2) rescued++;
  }
  assert.equal(rescued, 1, 'a refresh whose first request got a 5xx succeeded on its retry');
});

test('a wrong client secret is explained as a setup problem and never logged', async (t) => {
  const sandbox = await startSandbox({ contacts: 5 });
  t.after(() => sandbox.close());
  const log = recordingLog();
  const client = createTokenClient({ config: { clientId: sandbox.clientId, clientSecret: 'wrong-secret-value', authBaseUrl: sandbox.url, apiBaseUrl: sandbox.url }, log });
  await assert.rejects(client.refresh('na1-whatever'), failsWith('hubspot-error', /ask whoever set up Contact Desk to check its HubSpot app settings/i));
  assert.ok(!log.text().includes('wrong-secret-value'));
  assert.ok(!log.text().includes('na1-whatever'));
  assert.match(log.text(), /BAD_CLIENT_SECRET/);
});

test('nothing listening at HubSpot\'s address: "can\'t be reached", at once and without retrying', async (t) => {
  const { sandbox, client } = await setup(t);
  await sandbox.close();
  const started = Date.now();
  await assert.rejects(client.refresh('na1-anything'), failsWith('hubspot-unreachable', /can't connect to HubSpot's address/));
  await assert.rejects(client.revoke('na1-anything'), failsWith('hubspot-unreachable'));
  assert.ok(Date.now() - started < 2_000);
});
