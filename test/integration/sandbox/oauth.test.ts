import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTACTS_V, api, connect, json, pkcePair, postForm, sandbox } from './helpers.ts';
import type { TokenBody } from './helpers.ts';

type ErrBody = { error: string; error_description: string; status: string; message: string; correlationId: string };

test('authorization_code grant works at the 2026-03, v3 and v1 token paths with HubSpot-shaped bodies', async (t) => {
  const sb = await sandbox(t, { contacts: 30 });
  const redirectUri = sb.redirectUris[1] as string;
  for (const path of ['/oauth/2026-03/token', '/oauth/v3/token', '/oauth/v1/token']) {
    const code = sb.admin.authorize({ redirectUri });
    const res = await postForm(sb, path, { grant_type: 'authorization_code', client_id: sb.clientId, client_secret: sb.clientSecret, redirect_uri: redirectUri, code });
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const body = await json<TokenBody>(res);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 1800);
    assert.equal(body.hub_id, 243_000_111);
    assert.equal(typeof body.user_id, 'number');
    assert.equal(typeof body.token_use, 'string');
    // the programmatic "Connect app" grants what the app asks for, optional scopes included
    assert.deepEqual(body.scopes, ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.objects.owners.read', 'crm.lists.read']);
    const { length } = body.access_token;
    assert.ok(length >= 150 && length <= 300, `access token length ${length} (HubSpot's run up to about 300)`);
    assert.match(body.access_token, /^CO[A-Za-z0-9_-]+$/);
    assert.ok(body.refresh_token.length > 20);
    const contacts = await api(sb, body.access_token, `${CONTACTS_V}?limit=1`);
    assert.equal(contacts.status, 200);
  }
});

test('access token lengths vary like HubSpot\'s, repeat for the same seed, and stay within 150..300 characters', async (t) => {
  const lengthsFor = async (seed: number): Promise<number[]> => {
    const sb = await sandbox(t, { contacts: 1, seed });
    const lengths: number[] = [];
    for (let i = 0; i < 40; i++) lengths.push((await connect(sb)).access_token.length);
    return lengths;
  };
  const first = await lengthsFor(7);
  assert.deepEqual(await lengthsFor(7), first);
  assert.ok(new Set(first).size > 10, `lengths vary: ${first.join(',')}`);
  for (const length of first) assert.ok(length >= 150 && length <= 300, `access token length ${length}`);
});

test('codes are single use, expire after 10 minutes, and need the same redirect_uri and client credentials', async (t) => {
  const sb = await sandbox(t, { contacts: 10 });
  const redirectUri = sb.redirectUris[0] as string;
  const base = { grant_type: 'authorization_code', client_id: sb.clientId, client_secret: sb.clientSecret, redirect_uri: redirectUri };

  const code = sb.admin.authorize({ redirectUri });
  assert.equal((await postForm(sb, '/oauth/2026-03/token', { ...base, code })).status, 200);
  const reused = await postForm(sb, '/oauth/2026-03/token', { ...base, code });
  assert.equal(reused.status, 400);
  const reusedBody = await json<ErrBody>(reused);
  assert.equal(reusedBody.error, 'invalid_grant');
  assert.equal(reusedBody.status, 'BAD_AUTH_CODE');
  assert.ok(reusedBody.error_description && reusedBody.message && reusedBody.correlationId);

  const unknown = await json<ErrBody>(await postForm(sb, '/oauth/2026-03/token', { ...base, code: 'not-a-code' }));
  assert.equal(unknown.status, 'BAD_AUTH_CODE');

  const old = sb.admin.authorize({ redirectUri });
  sb.admin.advanceClock(10 * 60_000 + 1000);
  const expired = await postForm(sb, '/oauth/2026-03/token', { ...base, code: old });
  assert.equal(expired.status, 400);
  assert.equal((await json<ErrBody>(expired)).status, 'EXPIRED_AUTH_CODE');

  const c2 = sb.admin.authorize({ redirectUri });
  const wrongRedirect = await postForm(sb, '/oauth/2026-03/token', { ...base, redirect_uri: sb.redirectUris[1], code: c2 });
  assert.equal(wrongRedirect.status, 400);
  assert.equal((await json<ErrBody>(wrongRedirect)).error, 'invalid_grant');

  const c3 = sb.admin.authorize({ redirectUri });
  const wrongSecret = await postForm(sb, '/oauth/2026-03/token', { ...base, client_secret: 'nope', code: c3 });
  assert.equal(wrongSecret.status, 400);
  assert.equal((await json<ErrBody>(wrongSecret)).error, 'invalid_client');
  const wrongClient = await postForm(sb, '/oauth/2026-03/token', { ...base, client_id: 'someone-else', code: c3 });
  assert.equal(wrongClient.status, 400);
  const wrongClientBody = await json<ErrBody>(wrongClient);
  assert.equal(wrongClientBody.error, 'invalid_client');
  assert.equal(wrongClientBody.status, 'BAD_CLIENT_ID');
  // the failed attempts did not burn the code
  assert.equal((await postForm(sb, '/oauth/2026-03/token', { ...base, code: c3 })).status, 200);

  const asJson = await fetch(`${sb.url}/oauth/2026-03/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...base, code: sb.admin.authorize({ redirectUri }) }) });
  assert.equal(asJson.status, 400, 'parameters must be form-encoded');
  assert.equal((await json<ErrBody>(asJson)).error, 'invalid_request');

  const badGrant = await postForm(sb, '/oauth/2026-03/token', { ...base, grant_type: 'password' });
  assert.equal(badGrant.status, 400);
  assert.equal((await json<ErrBody>(badGrant)).error, 'unsupported_grant_type');
});

test('PKCE S256 is verified whenever a code_challenge was sent, and a verifier for a code issued without one is a downgrade', async (t) => {
  const sb = await sandbox(t, { contacts: 10 });
  const redirectUri = sb.redirectUris[0] as string;
  const base = { grant_type: 'authorization_code', client_id: sb.clientId, client_secret: sb.clientSecret, redirect_uri: redirectUri };
  const { verifier, challenge } = pkcePair();

  const missing = await postForm(sb, '/oauth/2026-03/token', { ...base, code: sb.admin.authorize({ redirectUri, codeChallenge: challenge }) });
  assert.equal(missing.status, 400);
  assert.equal((await json<ErrBody>(missing)).error, 'invalid_grant');

  const wrong = await postForm(sb, '/oauth/2026-03/token', { ...base, code: sb.admin.authorize({ redirectUri, codeChallenge: challenge }), code_verifier: pkcePair().verifier });
  assert.equal(wrong.status, 400);

  // a failed verifier burns the code
  const code = sb.admin.authorize({ redirectUri, codeChallenge: challenge });
  assert.equal((await postForm(sb, '/oauth/2026-03/token', { ...base, code, code_verifier: pkcePair().verifier })).status, 400);
  assert.equal((await postForm(sb, '/oauth/2026-03/token', { ...base, code, code_verifier: verifier })).status, 400);

  const ok = await postForm(sb, '/oauth/2026-03/token', { ...base, code: sb.admin.authorize({ redirectUri, codeChallenge: challenge }), code_verifier: verifier });
  assert.equal(ok.status, 200);
  // a code issued without a challenge is not redeemed with a verifier (downgrade), and is burnt
  const plain = sb.admin.authorize({ redirectUri });
  const downgraded = await postForm(sb, '/oauth/2026-03/token', { ...base, code: plain, code_verifier: verifier });
  assert.equal(downgraded.status, 400);
  assert.deepEqual([(await json<ErrBody>(downgraded)).error, (await json<ErrBody>(await postForm(sb, '/oauth/2026-03/token', { ...base, code: plain }))).status], ['invalid_grant', 'BAD_AUTH_CODE']);
  // without PKCE on either side the code still works (HubSpot does not require it)
  assert.equal((await postForm(sb, '/oauth/2026-03/token', { ...base, code: sb.admin.authorize({ redirectUri }) })).status, 200);
});

test('refresh grant issues new access tokens; rotation is configurable', async (t) => {
  const sb = await sandbox(t, { contacts: 10, accessTokenTtlSeconds: 60 });
  const first = await connect(sb);
  assert.equal(first.expires_in, 60);
  const refresh = (rt: string) => postForm(sb, '/oauth/2026-03/token', { grant_type: 'refresh_token', client_id: sb.clientId, client_secret: sb.clientSecret, refresh_token: rt });
  const r1 = await refresh(first.refresh_token);
  assert.equal(r1.status, 200);
  const b1 = await json<TokenBody>(r1);
  assert.notEqual(b1.access_token, first.access_token);
  assert.equal(b1.refresh_token, first.refresh_token, 'no rotation by default');
  assert.equal((await api(sb, b1.access_token, `${CONTACTS_V}/1`)).status, 200);
  assert.equal((await api(sb, first.access_token, `${CONTACTS_V}/1`)).status, 200, 'older access token still valid');

  const bad = await refresh('na1-nope');
  assert.equal(bad.status, 400);
  const badBody = await json<ErrBody>(bad);
  assert.equal(badBody.error, 'invalid_grant');
  assert.equal(badBody.status, 'BAD_REFRESH_TOKEN');

  const wrongSecret = await postForm(sb, '/oauth/2026-03/token', { grant_type: 'refresh_token', client_id: sb.clientId, client_secret: 'x', refresh_token: first.refresh_token });
  assert.equal((await json<ErrBody>(wrongSecret)).error, 'invalid_client');

  const rot = await sandbox(t, { contacts: 10, rotateRefreshTokens: true });
  const t0 = await connect(rot);
  const rr = await postForm(rot, '/oauth/v1/token', { grant_type: 'refresh_token', client_id: rot.clientId, client_secret: rot.clientSecret, refresh_token: t0.refresh_token });
  const rb = await json<TokenBody>(rr);
  assert.notEqual(rb.refresh_token, t0.refresh_token);
  const again = await postForm(rot, '/oauth/v1/token', { grant_type: 'refresh_token', client_id: rot.clientId, client_secret: rot.clientSecret, refresh_token: t0.refresh_token });
  assert.equal((await json<ErrBody>(again)).status, 'BAD_REFRESH_TOKEN');
  const next = await postForm(rot, '/oauth/v1/token', { grant_type: 'refresh_token', client_id: rot.clientId, client_secret: rot.clientSecret, refresh_token: rb.refresh_token });
  assert.equal(next.status, 200);
});

test('expired access tokens give 401 EXPIRED_AUTHENTICATION; unknown ones INVALID_AUTHENTICATION', async (t) => {
  const sb = await sandbox(t, { contacts: 10 });
  const tok = await connect(sb);
  const missing = await api(sb, undefined, CONTACTS_V);
  assert.equal(missing.status, 401);
  const mb = await json(missing);
  assert.equal(mb.status, 'error');
  assert.equal(mb.category, 'INVALID_AUTHENTICATION');
  assert.ok(mb.correlationId);
  const bogus = await api(sb, 'CObogus', CONTACTS_V);
  assert.equal((await json(bogus)).category, 'INVALID_AUTHENTICATION');
  const refreshAsBearer = await api(sb, tok.refresh_token, CONTACTS_V);
  assert.equal(refreshAsBearer.status, 401);

  sb.admin.advanceClock(1800_000 + 5_000);
  const expired = await api(sb, tok.access_token, CONTACTS_V);
  assert.equal(expired.status, 401);
  const eb = await json(expired);
  assert.equal(eb.category, 'EXPIRED_AUTHENTICATION');
  assert.match(String(eb.message), /^The OAuth token used to make this call expired \d+ second\(s\) ago\.$/);

  const fresh = await connect(sb);
  sb.admin.expireAccessTokens();
  const e2 = await api(sb, fresh.access_token, CONTACTS_V);
  assert.equal((await json(e2)).category, 'EXPIRED_AUTHENTICATION');
  // refreshing still works after expiry
  const r = await postForm(sb, '/oauth/2026-03/token', { grant_type: 'refresh_token', client_id: sb.clientId, client_secret: sb.clientSecret, refresh_token: fresh.refresh_token });
  assert.equal(r.status, 200);
});

test('missing scopes give 403 MISSING_SCOPES, also for tokens issued before the change', async (t) => {
  const sb = await sandbox(t, { contacts: 10 });
  const tok = await connect(sb, { scopes: ['oauth', 'crm.objects.contacts.read'] });
  assert.deepEqual(tok.scopes, ['oauth', 'crm.objects.contacts.read']);
  const props = await api(sb, tok.access_token, '/crm/properties/2026-03/contacts');
  assert.equal(props.status, 403);
  const pb = await json(props);
  assert.equal(pb.category, 'MISSING_SCOPES');
  assert.ok(Array.isArray(pb.errors));
  assert.equal((await api(sb, tok.access_token, CONTACTS_V)).status, 200);

  const full = await connect(sb);
  sb.admin.setGrantedScopes(['oauth']);
  assert.equal((await api(sb, full.access_token, CONTACTS_V)).status, 403);
  const later = await connect(sb);
  assert.deepEqual(later.scopes, ['oauth']);
  sb.admin.setGrantedScopes(['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read']);
  assert.equal((await api(sb, full.access_token, CONTACTS_V)).status, 200);
});

test('introspection (2026-03 and legacy v1) describes live tokens and reports dead ones inactive', async (t) => {
  const sb = await sandbox(t, { contacts: 10 });
  const tok = await connect(sb);
  const introspect = (token: string, hint?: string) => postForm(sb, '/oauth/2026-03/token/introspect', { client_id: sb.clientId, client_secret: sb.clientSecret, token, token_type_hint: hint });
  const a = await json(await introspect(tok.access_token, 'access_token'));
  assert.equal(a.active, true);
  assert.equal(a.hub_id, 243_000_111);
  assert.equal(a.hub_domain, 'acme-sample.hubspot.com');
  assert.equal(a.user, 'pat.jones@acme-sample.example');
  assert.equal(a.client_id, sb.clientId);
  assert.equal(a.token_use, 'access_token');
  assert.ok(typeof a.expires_in === 'number' && a.expires_in > 1700 && a.expires_in <= 1800);
  assert.deepEqual(a.scopes, tok.scopes);
  const r = await json(await introspect(tok.refresh_token, 'refresh_token'));
  assert.equal(r.active, true);
  assert.equal(r.token_use, 'refresh_token');
  assert.deepEqual(await json(await introspect('garbage')), { active: false });
  const badClient = await postForm(sb, '/oauth/2026-03/token/introspect', { client_id: sb.clientId, client_secret: 'wrong', token: tok.access_token });
  assert.equal(badClient.status, 400);

  const legacyA = await fetch(`${sb.url}/oauth/v1/access-tokens/${tok.access_token}`);
  assert.equal(legacyA.status, 200);
  const la = await json(legacyA);
  assert.equal(la.token, tok.access_token);
  assert.equal(la.hub_id, 243_000_111);
  assert.equal(la.token_type, 'access');
  assert.equal(la.user, 'pat.jones@acme-sample.example');
  const legacyR = await json(await fetch(`${sb.url}/oauth/v1/refresh-tokens/${tok.refresh_token}`));
  assert.equal(legacyR.token_type, 'refresh');
  assert.equal(legacyR.client_id, sb.clientId);
  assert.equal((await fetch(`${sb.url}/oauth/v1/access-tokens/nope`)).status, 404);

  sb.admin.expireAccessTokens();
  assert.equal((await json(await introspect(tok.access_token))).active, false);
});

test('revoking a refresh token ends refreshing but not the access token already issued', async (t) => {
  const sb = await sandbox(t, { contacts: 10 });
  const tok = await connect(sb);
  const rev = await postForm(sb, '/oauth/2026-03/token/revoke', { client_id: sb.clientId, client_secret: sb.clientSecret, token: tok.refresh_token, token_type_hint: 'refresh_token' });
  assert.equal(rev.status, 200);
  const refresh = await postForm(sb, '/oauth/2026-03/token', { grant_type: 'refresh_token', client_id: sb.clientId, client_secret: sb.clientSecret, refresh_token: tok.refresh_token });
  assert.equal((await json(refresh)).status, 'BAD_REFRESH_TOKEN');
  assert.equal((await api(sb, tok.access_token, `${CONTACTS_V}/1`)).status, 200);
  // revoking an unknown token is not an error (RFC 7009)
  assert.equal((await postForm(sb, '/oauth/2026-03/token/revoke', { client_id: sb.clientId, client_secret: sb.clientSecret, token: 'whatever' })).status, 200);

  const t2 = await connect(sb);
  const del = await fetch(`${sb.url}/oauth/v1/refresh-tokens/${t2.refresh_token}`, { method: 'DELETE' });
  assert.equal(del.status, 204);
  assert.equal((await fetch(`${sb.url}/oauth/v1/refresh-tokens/${t2.refresh_token}`)).status, 404);
  assert.equal((await api(sb, t2.access_token, `${CONTACTS_V}/1`)).status, 200);
});

test('uninstalling the app ends every token of that account; reconnecting works again', async (t) => {
  const sb = await sandbox(t, {
    contacts: 10,
    accounts: [
      { hubId: 1001, domain: 'one.hubspot.com', userEmail: 'a@one.example' },
      { hubId: 1002, domain: 'two.hubspot.com', userEmail: 'b@two.example' },
    ],
  });
  const one = await connect(sb, { hubId: 1001 });
  const oneB = await connect(sb, { hubId: 1001 });
  const two = await connect(sb, { hubId: 1002 });
  assert.equal(two.hub_id, 1002);
  const un = await api(sb, one.access_token, '/appinstalls/2026-03/external-install', { method: 'DELETE' });
  assert.equal(un.status, 204);
  for (const tok of [one, oneB]) {
    assert.equal((await api(sb, tok.access_token, CONTACTS_V)).status, 401);
    const r = await postForm(sb, '/oauth/2026-03/token', { grant_type: 'refresh_token', client_id: sb.clientId, client_secret: sb.clientSecret, refresh_token: tok.refresh_token });
    assert.equal((await json(r)).status, 'BAD_REFRESH_TOKEN');
  }
  assert.equal((await api(sb, two.access_token, CONTACTS_V)).status, 200, 'the other account is untouched');
  const again = await connect(sb, { hubId: 1001 });
  assert.equal((await api(sb, again.access_token, CONTACTS_V)).status, 200);

  sb.admin.uninstallApp(1002);
  assert.equal((await api(sb, two.access_token, CONTACTS_V)).status, 401);
  sb.admin.revokeAllTokens();
  assert.equal((await api(sb, again.access_token, CONTACTS_V)).status, 401);
  const r = await postForm(sb, '/oauth/2026-03/token', { grant_type: 'refresh_token', client_id: sb.clientId, client_secret: sb.clientSecret, refresh_token: again.refresh_token });
  assert.equal((await json(r)).status, 'BAD_REFRESH_TOKEN');
});
