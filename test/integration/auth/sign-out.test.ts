import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { isAppError } from '../../../electron/core/errors.ts';
import { signIn, startWorld } from './world.ts';
import type { AuthWorld } from './world.ts';

async function savedRefreshToken(world: AuthWorld): Promise<string> {
  const stored = JSON.parse(await readFile(join(world.dataDir, 'store.json'), 'utf8')) as Record<string, string>;
  return (JSON.parse(await world.secretBox.decrypt(Buffer.from(stored['auth.tokens'] ?? '', 'base64'))) as { refreshToken: string }).refreshToken;
}

async function storedKeys(world: AuthWorld): Promise<string[]> {
  return Object.keys(JSON.parse(await readFile(join(world.dataDir, 'store.json'), 'utf8')) as object).filter((key) => key.startsWith('auth.') && key !== 'auth.rememberOnWeakStorage');
}

test('signing out revokes the refresh token at HubSpot and forgets everything here', async (t) => {
  const world = await startWorld(t);
  await signIn(world);
  const refreshToken = await savedRefreshToken(world);

  assert.deepEqual(await world.service.signOut(), { revokedAtHubSpot: true });
  assert.deepEqual(world.service.state(), { status: 'signed-out' });
  assert.equal(world.service.account(), null);
  assert.deepEqual(await storedKeys(world), []);
  await assert.rejects(world.service.tokens.accessToken(), (error) => isAppError(error) && error.kind === 'not-signed-in');

  const refresh = await fetch(`${world.sandbox.url}/oauth/2026-03/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: world.sandbox.clientId, client_secret: world.sandbox.clientSecret, refresh_token: refreshToken }),
  });
  assert.equal(refresh.status, 400, 'HubSpot no longer accepts the refresh token');

  const restored = await (await world.restart()).restore();
  assert.deepEqual(restored, { status: 'signed-out' });
});

test('signing out offline still forgets the sign-in here and says HubSpot was not told', async (t) => {
  const world = await startWorld(t);
  await signIn(world);
  await world.sandbox.close();

  assert.deepEqual(await world.service.signOut(), { revokedAtHubSpot: false });
  const state = world.service.state();
  assert.equal(state.status, 'signed-out');
  assert.match(state.status === 'signed-out' ? (state.notice ?? '') : '', /couldn't reach HubSpot to cancel its access.*Connected Apps/);
  assert.deepEqual(await storedKeys(world), []);
  const restored = await (await world.restart()).restore();
  assert.deepEqual(restored, { status: 'signed-out' });
});

test('signing out while a sign-in is waiting cancels it', async (t) => {
  const world = await startWorld(t);
  world.browser.action = 'nothing';
  await world.service.startSignIn();
  assert.deepEqual(await world.service.signOut(), { revokedAtHubSpot: true });
  assert.deepEqual(world.service.state(), { status: 'signed-out' });
  await assert.rejects(world.service.reopenSignInPage());
});
