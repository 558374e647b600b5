import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { test } from 'node:test';
import { isListening, signIn, startWorld, visit, waitForState } from './world.ts';

test('Connect to HubSpot → consent page → Connect app signs in and shows the portal', async (t) => {
  const world = await startWorld(t, { sandbox: { accounts: [{ hubId: 8123, domain: 'acme-office.hubspot.com', userEmail: 'ana@acme.example' }] } });
  const { service, browser } = world;
  const changes: string[] = [];
  service.onChange((state) => changes.push(state.status));

  const started = await service.startSignIn();
  assert.equal(started.status, 'signing-in');
  if (started.status !== 'signing-in') return;
  assert.equal(started.expiresAt - started.startedAt, 5 * 60_000);

  const signedIn = await waitForState(service, 'signed-in');
  assert.deepEqual(signedIn.account, {
    hubId: 8123,
    domain: 'acme-office.hubspot.com',
    userEmail: 'ana@acme.example',
    userId: 71_000_001, // the sandbox numbers its users from 71,000,001
    scopes: ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'],
    missingScopes: [],
  });
  assert.deepEqual(signedIn.storage, { protection: 'os', remembered: true });
  assert.deepEqual(changes, ['signing-in', 'signed-in']);
  assert.deepEqual(service.account(), signedIn.account);

  const page = await browser.lastPage();
  assert.equal(page.status, 200);
  assert.match(page.html, /You're connected — you can close this tab and return to Contact Desk/);
  assert.match(page.headers.get('content-security-policy') ?? '', /^default-src 'none'/);
  assert.equal(world.focusCount(), 1, 'the app window comes to the front');

  const consentUrl = browser.lastConsentUrl();
  const port = Number(new URL(consentUrl.searchParams.get('redirect_uri') ?? '').port);
  assert.equal(port, world.config.redirectPorts[0]);
  assert.equal(await isListening(port), false, 'the listener is gone after the callback');
  assert.equal(await isListening(port, '::1'), false);

  const token = await service.tokens.accessToken();
  const contacts = await fetch(`${world.sandbox.url}/crm/objects/2026-03/contacts?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(contacts.status, 200, 'the token works against the API');
  assert.ok(!world.log.text().includes(token), 'no token in the log');
});

test('the consent URL asks for the configured scopes with PKCE S256 and a one-time state', async (t) => {
  const world = await startWorld(t);
  world.browser.action = 'nothing';
  await world.service.startSignIn();
  const url = world.browser.lastConsentUrl();
  assert.equal(url.origin + url.pathname, `${world.sandbox.url}/oauth/authorize`);
  assert.equal(url.searchParams.get('client_id'), world.sandbox.clientId);
  assert.equal(url.searchParams.get('scope'), world.config.scopes.join(' '));
  assert.equal(url.searchParams.get('redirect_uri'), `http://localhost:${world.config.redirectPorts[0]}/oauth-callback`);
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.match(url.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.match(url.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{43}$/);

  await world.service.reopenSignInPage();
  assert.equal(world.browser.opened.length, 2);
  assert.equal(world.browser.opened[1], world.browser.opened[0], 'the same page opens again');
});

test('Cancel on the consent page ends the attempt as declined, with HubSpot’s words', async (t) => {
  const world = await startWorld(t);
  world.browser.action = 'decline';
  await world.service.startSignIn();
  const state = await waitForState(world.service, 'signed-out');
  assert.equal(state.error?.kind, 'declined');
  assert.match(state.error?.message ?? '', /Contact Desk was not given access to HubSpot \(HubSpot said: “The user declined to connect the app\.”\)/);
  const page = await world.browser.lastPage();
  assert.match(page.html, /was not given access/);
  assert.match(page.html, /You can close this tab and return to Contact Desk/);
  assert.equal(world.focusCount(), 1);
  assert.equal(await isListening(world.config.redirectPorts[0] ?? 0), false);
});

test('hostile or stray requests are refused while the attempt keeps waiting', async (t) => {
  const world = await startWorld(t);
  world.browser.action = 'nothing';
  await world.service.startSignIn();
  const consentUrl = world.browser.lastConsentUrl();
  const redirectUri = consentUrl.searchParams.get('redirect_uri') ?? '';
  const port = new URL(redirectUri).port;
  const goodCallback = world.browser.codeCallbackUrl(consentUrl);
  const code = new URL(goodCallback).searchParams.get('code') ?? '';

  const status = (url: string, init?: RequestInit) => visit(url, init).then((page) => page.status);
  const validQuery = new URL(goodCallback).search.slice(1);
  const refusals: [string, Promise<number>, number][] = [
    ['missing state', status(`${redirectUri}?code=${code}`), 400],
    ['wrong state', status(`${redirectUri}?code=${code}&state=not-the-state`), 400],
    ['an error with a wrong state', status(`${redirectUri}?error=access_denied&state=guess`), 400],
    ['POST', status(goodCallback, { method: 'POST', body: 'x' }), 405],
    ['another path', status(`http://localhost:${port}/favicon.ico`), 404],
    ['another host', statusWithHost(goodCallback, `evil.example:${port}`), 421],
    ['a long URL', status(`${redirectUri}?pad=${'a'.repeat(5_000)}&${validQuery}`), 414],
    ['an oversized URL', status(`${redirectUri}?pad=${'a'.repeat(10_000)}&${validQuery}`), 431],
    ['oversized headers', status(goodCallback, { headers: { 'x-pad': 'b'.repeat(9_000) } }), 431],
  ];
  for (const [name, answered, expected] of refusals) assert.equal(await answered, expected, `${name} is refused`);
  assert.match(await rawExchange(Number(port), 'NOT HTTP AT ALL\r\n\r\n'), /^HTTP\/1\.1 400/, 'garbage gets a 400, not a crash');
  assert.equal(world.service.state().status, 'signing-in', 'the attempt is still waiting');
  assert.equal(world.focusCount(), 0);

  // While the code is being exchanged, a second callback is refused and does not disturb it.
  world.sandbox.admin.setLatency(300);
  const first = visit(goodCallback);
  await waitUntil(async () => (world.sandbox.admin.stats().byPath['POST /oauth/{v}/token'] ?? 0) > 0);
  const second = await visit(goodCallback);
  assert.equal(second.status, 409);
  assert.match((await first).html, /You're connected/);
  await waitForState(world.service, 'signed-in');
  assert.equal(await isListening(Number(port)), false);
  await assert.rejects(visit(goodCallback), 'after the first valid callback nothing listens any more');
});

test('a sign-in nobody finishes times out after 5 minutes', async (t) => {
  const world = await startWorld(t);
  world.browser.action = 'nothing';
  await world.service.startSignIn();
  const port = world.config.redirectPorts[0] ?? 0;
  world.clock.advance(4 * 60_000 + 59_000);
  assert.equal(world.service.state().status, 'signing-in');
  assert.equal(await isListening(port), true);

  world.clock.advance(1_000);
  const state = await waitForState(world.service, 'signed-out');
  assert.equal(state.error?.kind, 'timed-out');
  assert.match(state.error?.message ?? '', /took too long/);
  assert.equal(await isListening(port), false);
  await assert.rejects(world.service.reopenSignInPage(), /already ended/);
});

test('cancelling stops listening; starting again replaces the previous attempt', async (t) => {
  const world = await startWorld(t);
  world.browser.action = 'nothing';
  const port = world.config.redirectPorts[0] ?? 0;
  await world.service.startSignIn();
  const firstConsent = world.browser.lastConsentUrl();
  const cancelled = world.service.cancelSignIn();
  assert.deepEqual(cancelled, { status: 'signed-out' });
  await waitUntil(async () => !(await isListening(port)));

  await world.service.startSignIn();
  await world.service.startSignIn();
  assert.equal(world.browser.opened.length, 3);
  const latest = world.browser.lastConsentUrl();
  assert.notEqual(latest.searchParams.get('state'), firstConsent.searchParams.get('state'));
  assert.equal(new URL(latest.searchParams.get('redirect_uri') ?? '').port, String(port), 'the replaced attempt gave its port back');

  // A code meant for the replaced attempt is refused; the current one still works.
  const stale = await visit(world.browser.codeCallbackUrl(new URL(world.browser.opened[1] ?? '')));
  assert.equal(stale.status, 400);
  assert.equal(world.service.state().status, 'signing-in');
  const fresh = await visit(world.browser.codeCallbackUrl(latest));
  assert.equal(fresh.status, 200);
  await waitForState(world.service, 'signed-in');
});

test('busy ports: the next registered port is used; with all taken the user is told what to do', async (t) => {
  const world = await startWorld(t);
  world.browser.action = 'nothing';
  const [first, second, third] = world.config.redirectPorts as [number, number, number];
  const { createServer } = await import('node:net');
  const occupy = async (port: number, host: string) => {
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
    t.after(() => new Promise((resolve) => server.close(resolve)));
  };

  // Taken on IPv6 only still counts as busy: the browser may resolve localhost to ::1.
  const ipv6 = await occupy(first, '::1').then(() => true, () => false);
  if (!ipv6) await occupy(first, '127.0.0.1');
  await world.service.startSignIn();
  assert.equal(new URL(world.browser.lastConsentUrl().searchParams.get('redirect_uri') ?? '').port, String(second));
  world.service.cancelSignIn();
  await waitUntil(async () => !(await isListening(second)));

  await occupy(second, '127.0.0.1');
  await occupy(third, '127.0.0.1');
  const state = await world.service.startSignIn();
  assert.equal(state.status, 'signed-out');
  if (state.status !== 'signed-out') return;
  assert.equal(state.error?.kind, 'ports-busy');
  assert.match(state.error?.message ?? '', new RegExp(`${first}, ${second}, ${third}.*Close any other copy of Contact Desk`));
  assert.equal(world.browser.opened.length, 1, 'no consent page is opened without a listener');
});

test('an account that did not grant every scope says what is blocked', async (t) => {
  const world = await startWorld(t, { sandbox: { accounts: [{ hubId: 1, domain: 'small.example', userEmail: 'bo@small.example', grantedScopes: ['oauth', 'crm.objects.contacts.read'] }] } });
  const { account } = await signIn(world);
  assert.deepEqual(account.missingScopes, [{ scope: 'crm.schemas.contacts.read', blocks: 'choosing columns (contact properties)' }]);
});

test('a HubSpot refusal of the code exchange shows in the browser and the app', async (t) => {
  const world = await startWorld(t, { config: { clientSecret: 'not-the-secret' } });
  await world.service.startSignIn();
  const state = await waitForState(world.service, 'signed-out');
  assert.equal(state.error?.kind, 'hubspot-error');
  assert.match(state.error?.message ?? '', /doesn't recognise this copy of Contact Desk/);
  const page = await world.browser.lastPage();
  assert.match(page.html, /Contact Desk is not connected/);
  assert.match(page.html, /doesn't recognise this copy of Contact Desk/);
  assert.ok(!world.log.text().includes('not-the-secret'), 'the client secret is never logged');
});

test('HubSpot becoming unreachable before the exchange says so in plain words', async (t) => {
  const world = await startWorld(t);
  world.browser.action = 'nothing';
  await world.service.startSignIn();
  const callback = world.browser.codeCallbackUrl(world.browser.lastConsentUrl());
  await world.sandbox.close();
  const page = await visit(callback);
  assert.match(page.html, /can't connect to HubSpot's address/);
  const state = await waitForState(world.service, 'signed-out');
  assert.equal(state.error?.kind, 'hubspot-unreachable');
});

/** fetch() will not send a Host header of our choosing; a DNS-rebinding page's request would. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = httpRequest({ host: '127.0.0.1', port: target.port, path: target.pathname + target.search, headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}

function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => socket.end(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.once('close', () => resolve(answer));
    socket.once('error', reject);
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
