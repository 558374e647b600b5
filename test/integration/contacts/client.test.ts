import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { IssuedTokens } from '../../../electron/core/auth/token-client.ts';
import { isAppError } from '../../../electron/core/errors.ts';
import type { AppError } from '../../../electron/core/errors.ts';
import { createHubSpotClient } from '../../../electron/core/hubspot/client.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import type { Clock } from '../../../electron/core/ports.ts';
import { createContactsApi } from '../../../electron/core/hubspot/contacts-api.ts';
import { nextUtcMidnight } from '../../../electron/core/hubspot/api-errors.ts';
import { appSession, assertNoTokensLogged, createWorld, quickRetry, recordingLogger } from './world.ts';
import type { World } from './world.ts';

const listOne = { properties: ['firstname', 'email'], limit: 1 };

function kindOf(expected: AppError['kind']) {
  return (error: unknown) => {
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    assert.equal(error.kind, expected, error.message);
    assert.match(error.message, /^[A-Z].*\.$/s, 'a sentence');
    return true;
  };
}

test('an access token HubSpot no longer accepts is refreshed once and the call retried', async (t) => {
  const world = await createWorld(t, { contacts: 10 });
  const api = createContactsApi(world.client);
  const before = await world.tokens.accessToken();
  world.sandbox.admin.expireAccessTokens();
  const page = await api.listContactsPage(listOne);
  assert.equal(page.results.length, 1);
  assert.equal(world.tokens.refreshes(), 1);
  assert.notEqual(await world.tokens.accessToken(), before);
  assertNoTokensLogged(world.log, [before, await world.tokens.accessToken(), world.tokens.refreshToken()]);
});

/** The first `count` refreshes are sent while HubSpot answers every call with 503 (the token client's own second try included); it is back after each. */
function refreshesWhileDown(world: World, count: number) {
  let left = count;
  return (refresh: (refreshToken: string) => Promise<IssuedTokens>) => async (refreshToken: string) => {
    if (left-- <= 0) return refresh(refreshToken);
    world.sandbox.admin.setFaults({ down: true });
    try {
      return await refresh(refreshToken);
    } finally {
      world.sandbox.admin.setFaults({});
    }
  };
}

test('a refresh that meets HubSpot down counts as a failed attempt of the request, which then goes through', async (t) => {
  const world = await createWorld(t, { contacts: 10 });
  const { client, persisted } = await appSession(world, 60, refreshesWhileDown(world, 1));
  world.sandbox.admin.expireAccessTokens();
  const page = await createContactsApi(client).listContactsPage(listOne);
  assert.equal(page.results.length, 1);
  assert.equal(persisted.length, 1, 'the refresh after the outage');
  const failures = world.log.lines.filter((line) => line.message === 'A HubSpot request failed before an answer arrived');
  assert.deepEqual(failures.map((line) => [line.fields?.kind, line.fields?.attempt]), [['hubspot-down', 1]]);
});

test('a refresh that keeps meeting HubSpot down ends the request as "hubspot-down" after its attempts', async (t) => {
  const world = await createWorld(t, { contacts: 10 });
  const { client } = await appSession(world, 60, refreshesWhileDown(world, Infinity));
  world.sandbox.admin.expireAccessTokens();
  await assert.rejects(createContactsApi(client).listContactsPage(listOne), kindOf('hubspot-down'));
  const failures = world.log.lines.filter((line) => line.message === 'A HubSpot request failed before an answer arrived');
  assert.equal(failures.length, 6, 'the default attempts');
});

test('a request that waited its turn goes with the token current then, even after two replacements', async (t) => {
  const world = await createWorld(t, { contacts: 10, faults: { burst429: 1, retryAfterSeconds: 1 } });
  // the first wait for the Retry-After is held until the test lets it go
  let waitBegan: () => void = () => {};
  const waiting = new Promise<void>((resolve) => (waitBegan = resolve));
  const held: { endWait?: () => void } = {};
  const clock: Clock = {
    ...systemClock,
    setTimeout(callback, ms) {
      if (ms < 500 || held.endWait) return setTimeout(callback, ms);
      held.endWait = callback;
      waitBegan();
      return setTimeout(() => {}, 0);
    },
  };
  const client = createHubSpotClient({ baseUrl: world.sandbox.url, tokens: world.tokens, clock, retry: quickRetry });
  const page = createContactsApi(client).listContactsPage(listOne);
  await waiting;
  // meanwhile the token it first had is replaced, and that one runs out too
  const first = await world.tokens.accessToken();
  world.sandbox.admin.expireAccessTokens();
  await world.tokens.refreshAfterUnauthorized(first);
  world.sandbox.admin.expireAccessTokens();
  held.endWait?.();
  assert.equal((await page).results.length, 1);
  assert.equal(world.tokens.refreshes(), 2);
});

test('revoked access ends as "revoked" with a sentence that says to sign in again', async (t) => {
  const world = await createWorld(t, { contacts: 10 });
  world.sandbox.admin.revokeAllTokens();
  await assert.rejects(createContactsApi(world.client).listContactsPage(listOne), kindOf('revoked'));
});

test('a scope that was not granted ends as "missing-scope"', async (t) => {
  const world = await createWorld(t, { contacts: 10 });
  world.sandbox.admin.setGrantedScopes(['oauth', 'crm.schemas.contacts.read']);
  const api = createContactsApi(world.client);
  await assert.rejects(api.checkConnection(), kindOf('missing-scope'));
  assert.ok((await api.listProperties()).length > 0, 'what was granted still works');
});

test('a 429 with Retry-After waits that long, then succeeds', async (t) => {
  const world = await createWorld(t, { contacts: 10, faults: { burst429: 1, retryAfterSeconds: 1 } });
  const started = Date.now();
  await createContactsApi(world.client).listContactsPage(listOne);
  assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
  assert.equal(world.sandbox.admin.stats().tooManyRequests, 1);
});

// (no time limit in the assertions: a client that waited the hour would fail by the test's own timeout)
test('a 429 asking for a long wait ends as "rate-limited" instead of hanging', { timeout: 60_000 }, async (t) => {
  const world = await createWorld(t, { contacts: 10, faults: { burst429: 1, retryAfterSeconds: 3600 } });
  await assert.rejects(createContactsApi(world.client).listContactsPage(listOne), (error: unknown) => {
    kindOf('rate-limited')(error);
    assert.equal((error as AppError).details?.retryAfterSeconds, 3600, 'the wait HubSpot asked for reaches the status check');
    return true;
  });
  assert.equal(world.sandbox.admin.stats().byPath['GET /crm/objects/contacts'], 1, 'not retried');
});

test('a 429 without Retry-After waits out the interval HubSpot announced', async (t) => {
  const world = await createWorld(t, { contacts: 10, rateLimit: { max: 1000, intervalMs: 700 }, faults: { burst429: 1 } });
  const started = Date.now();
  await createContactsApi(world.client).listContactsPage(listOne);
  assert.ok(Date.now() - started >= 650, `waited ${Date.now() - started} ms`);
});

test('a search 429 waits a second and goes on', async (t) => {
  const world = await createWorld(t, { contacts: 10, faults: { burst429: 1 } });
  const started = Date.now();
  const page = await createContactsApi(world.client).searchContacts({ limit: 1 });
  assert.equal(page.total, 10);
  assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
});

test('each 429 a search draws widens the search padding; the general one keeps its own', async (t) => {
  const world = await createWorld(t, { contacts: 10, faults: { burst429: 2 } });
  assert.equal(world.client.limits().search.padMs, 25);
  // the same request refused twice: the retry went out under the padding the first 429 widened
  const page = await createContactsApi(world.client).searchContacts({ limit: 1 });
  assert.equal(page.total, 10);
  assert.equal(world.client.limits().search.padMs, 100);
  assert.equal(world.client.limits().general.padMs, 200);
});

test('the daily limit stops at once and says when it can resume', async (t) => {
  const world = await createWorld(t, { contacts: 10, faults: { dailyLimitReached: true } });
  await assert.rejects(createContactsApi(world.client).listContactsPage(listOne), (error: unknown) => {
    kindOf('daily-limit')(error);
    assert.equal((error as AppError).details?.resumeAt, nextUtcMidnight(Date.now()));
    return true;
  });
  assert.equal(world.sandbox.admin.stats().byPath['GET /crm/objects/contacts'], 1, 'not retried');
});

test('server errors and dropped connections are retried until the answer comes', async (t) => {
  const world = await createWorld(t, { contacts: 50, faults: { serverErrorRate: 0.4, dropConnectionRate: 0.2 } });
  const api = createContactsApi(world.client);
  let after: string | undefined;
  const ids: string[] = [];
  do {
    const page = await api.listContactsPage({ properties: ['email'], limit: 5, after });
    ids.push(...page.results.map((c) => c.id));
    after = page.next ?? undefined;
  } while (after);
  assert.equal(ids.length, 50);
  const stats = world.sandbox.admin.stats();
  assert.ok(stats.serverErrors > 0, 'the faults happened');
});

test('HubSpot being down ends as "hubspot-down" after a bounded number of attempts', async (t) => {
  const world = await createWorld(t, { contacts: 10 }, { retry: { ...quickRetry, maxAttempts: 3 } });
  world.sandbox.admin.setFaults({ down: true });
  await assert.rejects(createContactsApi(world.client).listContactsPage(listOne), kindOf('hubspot-down'));
  assert.equal(world.sandbox.admin.stats().byPath['GET /crm/objects/contacts'], 3);
});

// the answers would take ten minutes: a client that waited for them would fail by the test's own timeout
test('an answer that takes too long is abandoned and retried, then reported as HubSpot not answering', { timeout: 60_000 }, async (t) => {
  const world = await createWorld(t, { contacts: 10 }, { timeoutMs: 100, retry: { ...quickRetry, maxAttempts: 2 } });
  world.sandbox.admin.setLatency(600_000);
  await assert.rejects(createContactsApi(world.client).listContactsPage(listOne), kindOf('hubspot-down'));
  assert.equal(world.sandbox.admin.stats().byPath['GET /crm/objects/contacts'], 2, 'retried once');
});

test('nothing listening ends as "HubSpot can\'t be reached"', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const client = createHubSpotClient({
    baseUrl: `http://127.0.0.1:${port}`,
    tokens: { accessToken: async () => 'token', refreshAfterUnauthorized: async () => 'token' },
    retry: quickRetry,
  });
  await assert.rejects(createContactsApi(client).checkConnection(), kindOf('hubspot-unreachable'));
});

async function answering(t: TestContext, body: string, contentType = 'application/json'): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('answers in a shape HubSpot does not send end as "hubspot-error", without retrying', async (t) => {
  const tokens = { accessToken: async () => 'token', refreshAfterUnauthorized: async () => 'token' };
  for (const body of ['{"results":"nope"}', '{"results":[{"id":"1"}]}', '{"results":[{"id":"abc","properties":{},"createdAt":"x","updatedAt":"y"}]}', '<html>Sign in to the Wi-Fi</html>', '']) {
    const log = recordingLogger();
    const client = createHubSpotClient({ baseUrl: await answering(t, body, body.startsWith('<') ? 'text/html' : 'application/json'), tokens, log, retry: quickRetry });
    await assert.rejects(createContactsApi(client).listContactsPage(listOne), kindOf('hubspot-error'), body);
    assert.equal(log.lines.filter((line) => line.level === 'warn').length, 1, 'one attempt');
  }
});

const contact = (fields: Record<string, unknown>) => ({ id: '7', properties: { firstname: 'Ana' }, createdAt: '2026-01-02T03:04:05Z', updatedAt: '2026-01-02T03:04:05Z', archived: false, ...fields });

test('a page is used as HubSpot sent it, except values that are not text, which become text, and a missing "archived", which becomes false', async (t) => {
  const tokens = { accessToken: async () => 'token', refreshAfterUnauthorized: async () => 'token' };
  // one page each: a page is taken as it came only when every contact on it can be
  const cases: [Record<string, unknown>, Record<string, unknown>][] = [
    [contact({ properties: { firstname: 'Ana', email: null, notes: '' } }), contact({ properties: { firstname: 'Ana', email: null, notes: '' } })],
    [contact({ properties: { num_employees: 12, lifetime_value: 1.5 } }), contact({ properties: { num_employees: '12', lifetime_value: '1.5' } })],
    [contact({ properties: { newsletter_opt_in: true } }), contact({ properties: { newsletter_opt_in: 'true' } })],
    [contact({ archived: undefined }), contact({})],
    [contact({ archived: true, archivedAt: '2026-02-03T00:00:00Z' }), contact({ archived: true, archivedAt: '2026-02-03T00:00:00Z' })],
  ];
  for (const [sent, expected] of cases) {
    const body = JSON.stringify({ results: [sent], paging: { next: { after: '11', link: 'https://api.hubapi.com/…' } } });
    const client = createHubSpotClient({ baseUrl: await answering(t, body), tokens, retry: quickRetry });
    assert.deepEqual(await createContactsApi(client).listContactsPage(listOne), { results: [expected], next: '11' }, body);
  }
});

test('each way a page can be broken ends as "hubspot-error", with where and what was wrong logged', async (t) => {
  const tokens = { accessToken: async () => 'token', refreshAfterUnauthorized: async () => 'token' };
  const page = (fields: Record<string, unknown>) => JSON.stringify({ total: 1, results: [contact(fields)] });
  const broken: [string, string, string][] = [
    [page({ id: '12a' }), 'results.0.id', 'invalid_format'],
    [page({ id: '1234567890123456' }), 'results.0.id', 'invalid_format'],
    [page({ id: 7 }), 'results.0.id', 'invalid_type'],
    [page({ properties: { firstname: { value: 'Ana' } } }), 'results.0.properties.firstname', 'invalid_union'],
    [page({ properties: ['Ana'] }), 'results.0.properties', 'invalid_type'],
    [page({ createdAt: 1767322000000 }), 'results.0.createdAt', 'invalid_type'],
    [page({ updatedAt: null }), 'results.0.updatedAt', 'invalid_type'],
    [page({ archived: 'no' }), 'results.0.archived', 'invalid_type'],
    [page({ archivedAt: 5 }), 'results.0.archivedAt', 'invalid_type'],
    [JSON.stringify({ total: 1, results: [contact({})], paging: { next: { after: '' } } }), 'paging.next.after', 'too_small'],
    [JSON.stringify({ total: 1, results: [contact({})], paging: { next: 'x' } }), 'paging.next', 'invalid_type'],
    [JSON.stringify({ total: -1, results: [] }), 'total', 'too_small'],
    [JSON.stringify({ total: 1.5, results: [] }), 'total', 'invalid_type'],
    [JSON.stringify({ total: 1, results: [null] }), 'results.0', 'invalid_type'],
    [JSON.stringify([]), '', 'invalid_type'],
  ];
  for (const [body, at, problem] of broken) {
    const log = recordingLogger();
    const client = createHubSpotClient({ baseUrl: await answering(t, body), tokens, log, retry: quickRetry });
    await assert.rejects(createContactsApi(client).searchContacts({ limit: 1 }), kindOf('hubspot-error'), body);
    const warnings = log.lines.filter((line) => line.level === 'warn');
    assert.deepEqual(
      warnings.map((line) => [line.message, line.fields?.at, line.fields?.problem]),
      [['HubSpot answered in an unexpected shape', at, problem]],
      body,
    );
  }
});

test('HubSpot\'s clock is learned from the Date of its answers, never ahead of it', async (t) => {
  const world = await createWorld(t, { contacts: 10 });
  const api = createContactsApi(world.client);
  assert.equal(api.serverTime(), null, 'nothing is known before an answer');
  // HubSpot's clock an hour and a half past ours: what an office PC with a wrong clock sees
  world.sandbox.admin.advanceClock(90 * 60_000);
  await api.listContactsPage(listOne);
  const learned = api.serverTime();
  const hubspotNow = world.sandbox.admin.now();
  assert.ok(learned !== null);
  assert.ok(learned <= hubspotNow, `not ahead of HubSpot's clock (${hubspotNow - learned} ms behind)`);
  assert.ok(hubspotNow - learned < 2000, `within the header's whole second and the way back (${hubspotNow - learned} ms behind)`);
});

/** The most of these send times that fall in any `windowMs` starting at one of them. */
function mostSentWithin(sentAt: number[], windowMs: number): number {
  return Math.max(...sentAt.map((start) => sentAt.filter((at) => at >= start && at < start + windowMs).length));
}

test('many requests at once are paced under the account limit', async (t) => {
  const world = await createWorld(t, { contacts: 10, rateLimit: { max: 30, intervalMs: 500 } });
  const api = createContactsApi(world.client);
  // when each request leaves the client (a spy; the requests still go to the sandbox): how late they
  // reach it depends on the machine's load, so the sandbox's 429 count is a bench figure, not a test's
  const sentAt: number[] = [];
  const realFetch = globalThis.fetch;
  t.mock.method(globalThis, 'fetch', (...args: Parameters<typeof fetch>) => {
    sentAt.push(performance.now());
    return realFetch(...args);
  });
  const pages = await Promise.all(Array.from({ length: 70 }, () => api.listContactsPage(listOne)));
  assert.equal(pages.length, 70, 'every request answered');
  const mostInAnyWindow = mostSentWithin(sentAt, 500);
  assert.ok(mostInAnyWindow <= 30, `at most 30 sent in any 500 ms, sent ${mostInAnyWindow}`);
  assert.ok(sentAt.length >= 70);
});

test('searches are paced under their own 5 per second', async (t) => {
  const world = await createWorld(t, { contacts: 10, searchRateLimitPerSecond: 5 });
  const api = createContactsApi(world.client);
  // when each search leaves the client, as in the test above: the sandbox's 429 count depends on
  // how late a loaded machine delivers them
  const sentAt: number[] = [];
  const realFetch = globalThis.fetch;
  t.mock.method(globalThis, 'fetch', (...args: Parameters<typeof fetch>) => {
    if (String(args[0]).endsWith('/search')) sentAt.push(performance.now());
    return realFetch(...args);
  });
  const answers = await Promise.all(Array.from({ length: 12 }, () => api.searchContacts({ limit: 1 })));
  assert.equal(answers.length, 12, 'every search answered');
  const mostInAnySecond = mostSentWithin(sentAt, 1000);
  assert.ok(mostInAnySecond <= 5, `at most 5 searches sent in any second, sent ${mostInAnySecond}`);
  assert.ok(sentAt.length >= 12, `every search was sent (${sentAt.length})`);
});

test('a search no longer wanted when its turn comes is not sent, and the next search takes its turn', async (t) => {
  const world = await createWorld(t, { contacts: 10, searchRateLimitPerSecond: 5 });
  const api = createContactsApi(world.client);
  const before = world.sandbox.admin.stats().searchRequests;
  let wanted = true;
  const queued = [api.searchContacts({ limit: 1 }), api.searchContacts({ limit: 1 })];
  const unwanted = api.searchContactsIfWanted({ limit: 1 }, () => wanted);
  const next = api.searchContacts({ limit: 1 });
  // what it was for came another way while it waited behind the others
  wanted = false;
  assert.equal(await unwanted, null);
  await Promise.all([...queued, next]);
  assert.equal(world.sandbox.admin.stats().searchRequests - before, 3, 'the three others only');
  assert.equal((await api.searchContactsIfWanted({ limit: 1 }, () => true))?.total, 10, 'a wanted one is sent and answered');
});

// the answer would take ten minutes: a request that did not stop would fail by the test's own timeout
test('a cancelled request stops at once', { timeout: 60_000 }, async (t) => {
  const world = await createWorld(t, { contacts: 10 }, { timeoutMs: 900_000 });
  world.sandbox.admin.setLatency(600_000);
  const controller = new AbortController();
  const pending = createContactsApi(world.client).listContactsPage(listOne, controller.signal);
  // once HubSpot has the request (in flight, waiting for its answer)
  while (world.sandbox.admin.stats().byPath['GET /crm/objects/contacts'] !== 1) await new Promise((resolve) => setTimeout(resolve, 5));
  controller.abort();
  await assert.rejects(pending, (error: unknown) => isAppError(error) && error.kind === 'cancelled');
});
