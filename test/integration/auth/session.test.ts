import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../../electron/core/errors.ts';
import { signIn, startWorld, waitForState } from './world.ts';
import type { AuthWorld } from './world.ts';

const tokenRequests = (world: AuthWorld) => world.sandbox.admin.stats().byPath['POST /oauth/{v}/token'] ?? 0;

async function contactsStatus(world: AuthWorld, token: string): Promise<number> {
  const response = await fetch(`${world.sandbox.url}/crm/objects/2026-03/contacts?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  await response.body?.cancel();
  return response.status;
}

test('60-second tokens are used while fresh and refreshed a few seconds before they expire', async (t) => {
  const world = await startWorld(t, { sandbox: { accessTokenTtlSeconds: 60 } });
  await signIn(world);
  const first = await world.service.tokens.accessToken();
  const afterSignIn = tokenRequests(world);

  world.clock.advance(50_000);
  assert.equal(await world.service.tokens.accessToken(), first, 'no refresh with 10 s left');
  assert.equal(tokenRequests(world), afterSignIn);

  world.clock.advance(5_000);
  const second = await world.service.tokens.accessToken();
  assert.notEqual(second, first, 'refreshed with 5 s left');
  assert.equal(tokenRequests(world), afterSignIn + 1);
  assert.equal(await contactsStatus(world, second), 200);

  world.clock.advance(30_000);
  assert.equal(await world.service.tokens.accessToken(), second, 'the new token has its own 60 seconds');
});

test('concurrent callers share one refresh', async (t) => {
  const world = await startWorld(t, { sandbox: { latencyMs: 50 } });
  await signIn(world);
  const before = tokenRequests(world);
  world.clock.advance(29 * 60_000);
  const tokens = await Promise.all(Array.from({ length: 10 }, () => world.service.tokens.accessToken()));
  assert.equal(new Set(tokens).size, 1);
  assert.equal(tokenRequests(world), before + 1, 'one token request');
});

test('after a 401: one shared refresh, and no second one for a token that is already stale', async (t) => {
  const world = await startWorld(t, { sandbox: { latencyMs: 50 } });
  await signIn(world);
  const rejected = await world.service.tokens.accessToken();
  world.sandbox.admin.expireAccessTokens();
  assert.equal(await contactsStatus(world, rejected), 401);

  const before = tokenRequests(world);
  const retried = await Promise.all(Array.from({ length: 5 }, () => world.service.tokens.refreshAfterUnauthorized(rejected)));
  assert.equal(new Set(retried).size, 1);
  assert.notEqual(retried[0], rejected);
  assert.equal(tokenRequests(world), before + 1);
  assert.equal(await contactsStatus(world, retried[0] ?? ''), 200);

  assert.equal(await world.service.tokens.refreshAfterUnauthorized(rejected), retried[0], 'a late 401 for the old token reuses the new one');
  assert.equal(tokenRequests(world), before + 1);
});

test('a rotated refresh token replaces the old one, also on disk', async (t) => {
  const world = await startWorld(t, { sandbox: { rotateRefreshTokens: true, accessTokenTtlSeconds: 60 } });
  await signIn(world);
  for (let i = 0; i < 2; i++) {
    world.clock.advance(60_000);
    await world.service.tokens.accessToken();
  }
  // The sign-in's refresh token and the first rotated one are dead now; only the latest works.
  const restarted = await world.restart();
  const restored = await restarted.restore();
  assert.equal(restored.status, 'signed-in');
  world.clock.advance(60_000);
  assert.equal(await contactsStatus(world, await restarted.tokens.accessToken()), 200);
  assert.ok(world.log.text().includes('HubSpot rotated the refresh token'));
});

for (const [what, cutOff] of [
  ['revoked', (world: AuthWorld) => world.sandbox.admin.revokeAllTokens()],
  ['uninstalled', (world: AuthWorld) => world.sandbox.admin.uninstallApp()],
] as const) {
  test(`access ${what} at HubSpot → needs sign-in, keeping the account, also after a restart`, async (t) => {
    const world = await startWorld(t);
    const { account } = await signIn(world);
    const rejected = await world.service.tokens.accessToken();
    cutOff(world);

    await assert.rejects(world.service.tokens.refreshAfterUnauthorized(rejected), (error) => isAppError(error) && error.kind === 'revoked');
    const state = await waitForState(world.service, 'needs-sign-in');
    assert.equal(state.reason.kind, 'revoked');
    assert.equal(state.reason.message, "HubSpot no longer accepts Contact Desk's access — sign in again.");
    assert.deepEqual(state.account, account);
    await assert.rejects(world.service.tokens.accessToken(), (error) => isAppError(error) && error.kind === 'revoked');

    const restarted = await world.restart();
    const restored = await restarted.restore();
    assert.equal(restored.status, 'needs-sign-in');
    if (restored.status !== 'needs-sign-in') return;
    assert.deepEqual(restored.account, account);
    assert.equal(restored.reason.kind, 'revoked');

    const again = await signIn(world);
    assert.deepEqual(again.account, account, 'signing in again clears it');
  });
}

test('a refresh that fails because HubSpot cannot be reached keeps using the token while it is still valid', async (t) => {
  const world = await startWorld(t);
  await signIn(world);
  const token = await world.service.tokens.accessToken();
  world.clock.advance(28 * 60_000);
  await world.sandbox.close();
  assert.equal(await world.service.tokens.accessToken(), token);
  world.clock.advance(2 * 60_000);
  await assert.rejects(world.service.tokens.accessToken(), (error) => isAppError(error) && error.kind === 'hubspot-unreachable' && /can't connect to HubSpot's address/.test(error.message));
  assert.equal(world.service.state().status, 'signed-in', 'an unreachable HubSpot is not a reason to sign in again');
});

test('without a sign-in the HubSpot client is told so', async (t) => {
  const world = await startWorld(t);
  await world.service.restore();
  await assert.rejects(world.service.tokens.accessToken(), (error) => isAppError(error) && error.kind === 'not-signed-in');
});
