import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAuthorizationUrl } from '../../../../electron/core/auth/authorization-url.ts';

const config = { authBaseUrl: 'https://app.hubspot.com', clientId: 'client-123', scopes: ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'] };
const request = { redirectUri: 'http://localhost:53682/oauth-callback', state: 'st-ate_123', codeChallenge: 'c'.repeat(43) };

test('the consent URL carries client, scopes, redirect, state and an S256 challenge', () => {
  const url = new URL(buildAuthorizationUrl(config, request));
  assert.equal(url.origin + url.pathname, 'https://app.hubspot.com/oauth/authorize');
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    client_id: 'client-123',
    scope: 'oauth crm.objects.contacts.read crm.schemas.contacts.read',
    redirect_uri: 'http://localhost:53682/oauth-callback',
    state: 'st-ate_123',
    code_challenge: 'c'.repeat(43),
    code_challenge_method: 'S256',
  });
});

test('scopes are separated by %20, as HubSpot documents, and the redirect URI is encoded', () => {
  const href = buildAuthorizationUrl(config, request);
  assert.match(href, /[?&]scope=oauth%20crm\.objects\.contacts\.read%20crm\.schemas\.contacts\.read(&|$)/);
  assert.match(href, /[?&]redirect_uri=http%3A%2F%2Flocalhost%3A53682%2Foauth-callback(&|$)/);
});

test('a base URL with a trailing slash or a sandbox origin gives the same path', () => {
  const url = new URL(buildAuthorizationUrl({ ...config, authBaseUrl: 'http://127.0.0.1:4010/' }, request));
  assert.equal(url.href.split('?')[0], 'http://127.0.0.1:4010/oauth/authorize');
});
