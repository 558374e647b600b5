/**
 * PKCE downgrade (issue 13.9, RFC 9700 §2.1.1): someone strips the code_challenge from the consent
 * request the app opened, or slips the app a code issued for another challenge. HubSpot (here the
 * sandbox) issues such codes, but the app's exchange, which always sends its code_verifier, must
 * then fail: no sign-in, nothing saved, and the code is of no use to anyone afterwards.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { AuthWorld } from './world.ts';
import { startWorld, visit, waitForState } from './world.ts';

/** The user's browser goes through the consent page with this (tampered) request and back to the app. */
async function approve(consentUrl: URL): Promise<{ callback: URL; code: string }> {
  const consent = await fetch(consentUrl);
  assert.equal(consent.status, 200);
  const requestId = /name="request_id" value="([^"]+)"/.exec(await consent.text())?.[1] ?? '';
  const decision = await fetch(new URL('/oauth/authorize/decision', consentUrl), {
    method: 'POST',
    body: new URLSearchParams({ request_id: requestId, decision: 'connect' }),
    redirect: 'manual',
  });
  const callback = new URL(decision.headers.get('location') ?? '');
  return { callback, code: callback.searchParams.get('code') ?? '' };
}

async function assertNotSignedIn(world: AuthWorld, page: { html: string }): Promise<void> {
  const state = await waitForState(world.service, 'signed-out');
  assert.equal(state.error?.kind, 'hubspot-error');
  assert.match(state.error?.message ?? '', /one-time code/);
  assert.match(page.html, /not connected/);
  assert.equal(world.service.account(), null);
  const stats = world.sandbox.admin.stats().byPath;
  assert.equal(stats['POST /oauth/{v}/token'], 1, 'one refused exchange');
  assert.equal(stats['POST /oauth/{v}/token/introspect'] ?? 0, 0, 'no token was issued to look at');
}

async function redeemWithout(world: AuthWorld, code: string, redirectUri: string, verifier?: string): Promise<number> {
  const res = await fetch(`${world.sandbox.url}/oauth/2026-03/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: world.sandbox.clientId, client_secret: world.sandbox.clientSecret, redirect_uri: redirectUri, code,
      ...(verifier ? { code_verifier: verifier } : {}),
    }),
  });
  return res.status;
}

test('a consent request stripped of its code_challenge gives a code the app cannot redeem, and nobody else can either', async (t) => {
  const world = await startWorld(t);
  world.browser.action = 'nothing';
  await world.service.startSignIn();
  const tampered = world.browser.lastConsentUrl();
  assert.ok(tampered.searchParams.get('code_challenge'), 'the app asked with PKCE');
  tampered.searchParams.delete('code_challenge');
  tampered.searchParams.delete('code_challenge_method');

  const { callback, code } = await approve(tampered);
  const page = await visit(callback.href);
  await assertNotSignedIn(world, page);
  assert.equal(await redeemWithout(world, code, callback.origin + callback.pathname), 400, 'the code is spent');
});

test('a code issued for someone else\'s code_challenge, slipped into the app\'s callback, is refused', async (t) => {
  const world = await startWorld(t);
  world.browser.action = 'nothing';
  await world.service.startSignIn();
  const request = world.browser.lastConsentUrl();
  const attackerVerifier = randomBytes(32).toString('base64url');
  request.searchParams.set('code_challenge', createHash('sha256').update(attackerVerifier).digest('base64url'));

  const { callback, code } = await approve(request);
  const page = await visit(callback.href);
  await assertNotSignedIn(world, page);
  assert.equal(await redeemWithout(world, code, callback.origin + callback.pathname, attackerVerifier), 400, 'a failed verifier burns the code');
});
