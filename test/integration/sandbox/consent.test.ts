import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sandbox } from '../../../sandbox/server.ts';
import { CONTACTS_V, api, json, pkcePair, postForm, sandbox } from './helpers.ts';
import type { TokenBody } from './helpers.ts';

function authorizeUrl(sb: Sandbox, params: Record<string, string | undefined>, path = '/oauth/authorize'): string {
  const url = new URL(path, sb.url);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

function validParams(sb: Sandbox, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    client_id: sb.clientId,
    redirect_uri: sb.redirectUris[0],
    scope: 'oauth crm.objects.contacts.read crm.schemas.contacts.read',
    state: 'st-123/+=',
    ...extra,
  };
}

function requestId(html: string): string {
  const m = /name="request_id" value="([^"]+)"/.exec(html);
  assert.ok(m, 'the page carries a request id');
  return m[1] as string;
}

async function decide(sb: Sandbox, fields: Record<string, string>): Promise<Response> {
  return fetch(`${sb.url}/oauth/authorize/decision`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

test('consent page: accessible HTML with app name, scopes in plain words, labelled account picker, Connect app and Cancel', async (t) => {
  const sb = await sandbox(t, {
    contacts: 5,
    accounts: [
      { hubId: 111, domain: 'first.hubspot.com', userEmail: 'a@first.example' },
      { hubId: 222, domain: 'second.hubspot.com', userEmail: 'b@second.example' },
    ],
  });
  const res = await fetch(authorizeUrl(sb, validParams(sb, { optional_scope: 'crm.objects.companies.read' })));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
  const html = await res.text();
  assert.match(html, /^<!doctype html>/i);
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<title>[^<]+<\/title>/);
  assert.match(html, /<h1>Connect Contact Desk \(sandbox\) to HubSpot<\/h1>/);
  assert.match(html, /View your contacts/);
  assert.match(html, /View the list of contact properties/);
  assert.match(html, /optional/);
  assert.match(html, /<legend>Choose an account<\/legend>/);
  assert.match(html, /<label><input type="radio" name="account" value="111" checked> first\.hubspot\.com/);
  assert.match(html, /<label><input type="radio" name="account" value="222"> second\.hubspot\.com/);
  assert.match(html, /<form method="post" action="\/oauth\/authorize\/decision">/);
  assert.match(html, /<button type="submit"[^>]*name="decision" value="connect">Connect app<\/button>/);
  assert.match(html, /<button type="submit"[^>]*name="decision" value="cancel">Cancel<\/button>/);
  assert.doesNotMatch(html, /<script/i);
});

test('Connect app redirects with code and state; the code exchanges, with PKCE, for the chosen account', async (t) => {
  const sb = await sandbox(t, {
    contacts: 5,
    accounts: [
      { hubId: 111, domain: 'first.hubspot.com', userEmail: 'a@first.example' },
      { hubId: 222, domain: 'second.hubspot.com', userEmail: 'b@second.example' },
    ],
  });
  const { verifier, challenge } = pkcePair();
  const redirectUri = sb.redirectUris[2] as string;
  const html = await (await fetch(authorizeUrl(sb, validParams(sb, { redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' })))).text();
  const res = await decide(sb, { request_id: requestId(html), account: '222', decision: 'connect' });
  assert.equal(res.status, 302);
  const location = new URL(res.headers.get('location') as string);
  assert.equal(`${location.origin}${location.pathname}`, redirectUri);
  assert.equal(location.searchParams.get('state'), 'st-123/+=');
  const code = location.searchParams.get('code') as string;
  assert.ok(code);

  const base = { grant_type: 'authorization_code', client_id: sb.clientId, client_secret: sb.clientSecret, redirect_uri: redirectUri, code };
  const tok = await postForm(sb, '/oauth/2026-03/token', { ...base, code_verifier: verifier });
  assert.equal(tok.status, 200);
  const body = await json<TokenBody>(tok);
  assert.equal(body.hub_id, 222);
  assert.deepEqual(body.scopes, ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read']);
  assert.equal((await api(sb, body.access_token, CONTACTS_V)).status, 200);

  // the consent request is single use
  const again = await decide(sb, { request_id: requestId(html), account: '222', decision: 'connect' });
  assert.equal(again.status, 400);
  assert.equal(again.headers.get('location'), null);
});

test('Cancel redirects with error=access_denied, error_description and state', async (t) => {
  const sb = await sandbox(t, { contacts: 5 });
  const html = await (await fetch(authorizeUrl(sb, validParams(sb)))).text();
  const res = await decide(sb, { request_id: requestId(html), decision: 'cancel' });
  assert.equal(res.status, 302);
  const location = new URL(res.headers.get('location') as string);
  assert.equal(location.searchParams.get('error'), 'access_denied');
  assert.ok(location.searchParams.get('error_description'));
  assert.equal(location.searchParams.get('state'), 'st-123/+=');
  assert.equal(location.searchParams.get('code'), null);
});

test('invalid client_id, redirect_uri, scopes or account give an error page, never a redirect', async (t) => {
  const sb = await sandbox(t, { contacts: 5 });
  const cases: [string, string][] = [
    [authorizeUrl(sb, validParams(sb, { client_id: 'unknown' })), 'could not be found'],
    [authorizeUrl(sb, validParams(sb, { client_id: undefined })), 'could not be found'],
    [authorizeUrl(sb, validParams(sb, { redirect_uri: 'http://localhost:9999/oauth-callback' })), 'Redirect URL mismatch'],
    [authorizeUrl(sb, validParams(sb, { redirect_uri: 'http://127.0.0.1:53682/oauth-callback' })), 'Redirect URL mismatch'],
    [authorizeUrl(sb, validParams(sb, { redirect_uri: `${sb.redirectUris[0]}/` })), 'Redirect URL mismatch'],
    [authorizeUrl(sb, validParams(sb, { redirect_uri: undefined })), 'Redirect URL mismatch'],
    [authorizeUrl(sb, validParams(sb, { scope: 'oauth crm.objects.contacts.raed' })), 'Unknown scopes'],
    [authorizeUrl(sb, validParams(sb, { scope: undefined })), 'Missing scopes'],
    [authorizeUrl(sb, validParams(sb), '/oauth/999/authorize'), 'Account not found'],
  ];
  for (const [url, text] of cases) {
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 400, url);
    assert.equal(res.headers.get('location'), null, url);
    const html = await res.text();
    assert.match(html, /<html lang="en">/);
    assert.ok(html.includes(text), `${url}: ${text}`);
    assert.match(html, /role="alert"/);
  }
  // the account-specific form works for a real account
  const ok = await fetch(authorizeUrl(sb, validParams(sb), '/oauth/243000111/authorize'));
  assert.equal(ok.status, 200);
  // a malformed code_challenge goes back to the app as invalid_request (redirect_uri is trusted by then)
  const badPkce = await fetch(authorizeUrl(sb, validParams(sb, { code_challenge: 'short', code_challenge_method: 'S256' })), { redirect: 'manual' });
  assert.equal(badPkce.status, 302);
  assert.equal(new URL(badPkce.headers.get('location') as string).searchParams.get('error'), 'invalid_request');
  // an expired or unknown decision is an error page
  const stale = await decide(sb, { request_id: 'nope', decision: 'connect' });
  assert.equal(stale.status, 400);
});
