import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTACTS_V, api, connect, json, postForm, sandbox } from './helpers.ts';

test('rate limit: X-HubSpot-RateLimit-* headers, then 429 TEN_SECONDLY_ROLLING with HubSpot body; rolling window', async (t) => {
  const sb = await sandbox(t, { contacts: 20, rateLimit: { max: 5, intervalMs: 1000 } });
  const { access_token: token } = await connect(sb);
  const remaining: (string | null)[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await api(sb, token, `${CONTACTS_V}/1`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-hubspot-ratelimit-interval-milliseconds'), '1000');
    assert.equal(res.headers.get('x-hubspot-ratelimit-max'), '5');
    remaining.push(res.headers.get('x-hubspot-ratelimit-remaining'));
    await res.arrayBuffer();
  }
  assert.deepEqual(remaining, ['4', '3', '2', '1', '0']);
  const limited = await api(sb, token, CONTACTS_V);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), null, 'no Retry-After unless configured');
  const body = await json(limited);
  assert.deepEqual(Object.keys(body).sort(), ['correlationId', 'errorType', 'message', 'policyName', 'status']);
  assert.equal(body.status, 'error');
  assert.equal(body.message, 'You have reached your ten_secondly_rolling limit.');
  assert.equal(body.errorType, 'RATE_LIMIT');
  assert.equal(body.policyName, 'TEN_SECONDLY_ROLLING');

  const stats = sb.admin.stats();
  assert.equal(stats.maxInAnyWindow, 6);
  assert.equal(stats.tooManyRequests, 1);
  assert.equal(stats.byPath['GET /crm/objects/contacts/{id}'], 5);
  assert.equal(stats.byPath['GET /crm/objects/contacts'], 1);
  assert.ok(stats.apiRequests >= 7, 'token exchange counts as an API request');

  sb.admin.advanceClock(1001);
  const again = await api(sb, token, CONTACTS_V);
  assert.equal(again.status, 200, 'the window rolled on');
  sb.admin.resetStats();
  assert.equal(sb.admin.stats().maxInAnyWindow, 0);
  assert.equal(sb.admin.stats().requests, 0);
});

test('rate limit is per account, and OAuth calls do not count against it', async (t) => {
  const sb = await sandbox(t, {
    contacts: 5,
    rateLimit: { max: 2, intervalMs: 60_000 },
    accounts: [{ hubId: 1, domain: 'a.hubspot.com', userEmail: 'a@a.example' }, { hubId: 2, domain: 'b.hubspot.com', userEmail: 'b@b.example' }],
  });
  const a = await connect(sb, { hubId: 1 });
  const b = await connect(sb, { hubId: 2 });
  for (let i = 0; i < 2; i++) assert.equal((await api(sb, a.access_token, CONTACTS_V)).status, 200);
  assert.equal((await api(sb, a.access_token, CONTACTS_V)).status, 429);
  assert.equal((await api(sb, b.access_token, CONTACTS_V)).status, 200);
  const refreshed = await postForm(sb, '/oauth/2026-03/token', { grant_type: 'refresh_token', client_id: sb.clientId, client_secret: sb.clientSecret, refresh_token: a.refresh_token });
  assert.equal(refreshed.status, 200);
});

test('faults: burst429, daily limit, Retry-After', async (t) => {
  const sb = await sandbox(t, { contacts: 5, faults: { burst429: 2, retryAfterSeconds: 3 } });
  const { access_token: token } = await connect(sb);
  for (let i = 0; i < 2; i++) {
    const r = await api(sb, token, CONTACTS_V);
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '3');
    assert.equal((await json(r)).policyName, 'TEN_SECONDLY_ROLLING');
  }
  assert.equal((await api(sb, token, CONTACTS_V)).status, 200);
  sb.admin.setFaults({ dailyLimitReached: true });
  const daily = await api(sb, token, CONTACTS_V);
  assert.equal(daily.status, 429);
  const db = await json(daily);
  assert.equal(db.policyName, 'DAILY');
  assert.equal(db.message, 'You have reached your daily limit.');
  assert.equal(daily.headers.get('retry-after'), null, 'setFaults replaced the earlier faults');
  sb.admin.setFaults({});
  assert.equal((await api(sb, token, CONTACTS_V)).status, 200);
});

test('faults: down answers 503 everywhere but the consent page; serverErrorRate 1 answers 502/503/504', async (t) => {
  const sb = await sandbox(t, { contacts: 5 });
  const { access_token: token, refresh_token: refresh } = await connect(sb);
  sb.admin.setFaults({ down: true });
  assert.equal((await api(sb, token, CONTACTS_V)).status, 503);
  const tok = await postForm(sb, '/oauth/2026-03/token', { grant_type: 'refresh_token', client_id: sb.clientId, client_secret: sb.clientSecret, refresh_token: refresh });
  assert.equal(tok.status, 503);
  const page = await fetch(`${sb.url}/oauth/authorize?client_id=${sb.clientId}&redirect_uri=${encodeURIComponent(sb.redirectUris[0] as string)}&scope=oauth`);
  assert.equal(page.status, 200);

  sb.admin.setFaults({ serverErrorRate: 1 });
  const seen = new Set<number>();
  for (let i = 0; i < 30; i++) {
    const r = await api(sb, token, CONTACTS_V);
    seen.add(r.status);
    const text = await r.text();
    if (r.status === 502) assert.match(text, /502 Bad Gateway/);
    else assert.equal(JSON.parse(text).status, 'error');
  }
  assert.deepEqual([...seen].sort(), [502, 503, 504]);
  assert.ok(sb.admin.stats().serverErrors >= 31);
  sb.admin.setFaults({ serverErrorRate: 0.5 });
  const before = sb.admin.stats().serverErrors;
  for (let i = 0; i < 100; i++) await (await api(sb, token, `${CONTACTS_V}/1`)).arrayBuffer();
  const share = (sb.admin.stats().serverErrors - before) / 100;
  assert.ok(share > 0.25 && share < 0.75, `share ${share}`);
});

test('faults: dropConnectionRate destroys the socket without an answer', async (t) => {
  const sb = await sandbox(t, { contacts: 5 });
  const { access_token: token } = await connect(sb);
  sb.admin.setFaults({ dropConnectionRate: 1 });
  await assert.rejects(api(sb, token, CONTACTS_V), (err: Error) => err instanceof TypeError);
  sb.admin.setFaults({});
  assert.equal((await api(sb, token, CONTACTS_V)).status, 200);
});

test('latency delays API calls but not the consent page; close() ends calls in flight', { timeout: 120_000 }, async (t) => {
  const sb = await sandbox(t, { contacts: 5, latencyMs: 150 });
  const { access_token: token } = await connect(sb);
  // a timer never fires early, so this lower bound holds however busy the machine is
  const started = performance.now();
  await (await api(sb, token, CONTACTS_V)).arrayBuffer();
  assert.ok(performance.now() - started >= 149, 'the API answer waited out the latency');

  // with a minute of latency, the consent page still answers while an API call waits
  sb.admin.setLatency(60_000);
  let apiSettled = false;
  const pending = api(sb, token, CONTACTS_V).then(
    (res) => res,
    (err: unknown) => err,
  ).finally(() => {
    apiSettled = true;
  });
  const consent = await fetch(`${sb.url}/oauth/authorize?client_id=${sb.clientId}&redirect_uri=${encodeURIComponent(sb.redirectUris[0] as string)}&scope=oauth`);
  assert.equal(consent.status, 200);
  await consent.text();
  assert.equal(apiSettled, false, 'the API call is still waiting out its latency');

  // the call has reached the server once it is counted; close() then ends it without waiting
  while (sb.admin.stats().byPath['GET /crm/objects/contacts'] !== 2) await new Promise((resolve) => setImmediate(resolve));
  await sb.close();
  assert.ok((await pending) instanceof Error, 'the waiting call ends with the server');
});
