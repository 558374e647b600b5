import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { createAuthorizationSecrets } from '../../../../electron/core/auth/pkce.ts';

test('the code challenge is the S256 hash of the verifier (RFC 7636 §4.2)', async () => {
  const { codeVerifier, codeChallenge } = await createAuthorizationSecrets();
  assert.equal(codeChallenge, createHash('sha256').update(codeVerifier).digest('base64url'));
});

test('the verifier uses only unreserved characters and has 43 to 128 of them', async () => {
  const { codeVerifier } = await createAuthorizationSecrets();
  assert.match(codeVerifier, /^[A-Za-z0-9\-._~]{43,128}$/);
});

test('every attempt gets a fresh verifier and state', async () => {
  const first = await createAuthorizationSecrets();
  const second = await createAuthorizationSecrets();
  assert.notEqual(first.codeVerifier, second.codeVerifier);
  assert.notEqual(first.state, second.state);
  assert.notEqual(first.state, first.codeVerifier);
  assert.ok(first.state.length >= 32, 'state carries at least 128 bits');
});
