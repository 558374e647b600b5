import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { signIn, startWorld } from './world.ts';

/** Every file under the data directory, as raw bytes decoded leniently. */
async function dataDirText(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  assert.ok(files.length > 0, 'the data directory holds the store');
  return (await Promise.all(files.map((file) => readFile(file, 'latin1')))).join('\n');
}

function assertNoTokenIn(text: string, tokens: { accessToken: string; refreshToken: string }) {
  for (const secret of [tokens.accessToken, tokens.refreshToken]) {
    for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]) {
      assert.ok(!text.includes(form), 'no token, plain or merely encoded, in the data directory');
    }
  }
}

test('a restart on the same data directory restores the sign-in; no token is on disk in plain text', async (t) => {
  const world = await startWorld(t);
  const { account } = await signIn(world);
  const accessToken = await world.service.tokens.accessToken();

  const restarted = await world.restart();
  assert.equal(restarted.state().status, 'signed-out', 'nothing is known before restore()');
  const restored = await restarted.restore();
  assert.equal(restored.status, 'signed-in');
  assert.deepEqual(restored.status === 'signed-in' && restored.account, account);
  assert.equal(await restarted.tokens.accessToken(), accessToken, 'the same session continues');

  const stored = JSON.parse(await readFile(join(world.dataDir, 'store.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(typeof stored['auth.tokens'], 'string', 'the tokens are kept as ciphertext');
  const refreshToken = await refreshTokenOf(world);
  assertNoTokenIn(await dataDirText(world.dataDir), { accessToken, refreshToken });
  assert.ok(!world.log.text().includes(accessToken) && !world.log.text().includes(refreshToken), 'no token in the log');
});

test('restoring while HubSpot cannot be reached keeps the last known account', async (t) => {
  const world = await startWorld(t);
  const { account } = await signIn(world);
  await world.sandbox.close();
  const restored = await (await world.restart()).restore();
  assert.equal(restored.status, 'signed-in');
  assert.deepEqual(restored.status === 'signed-in' && restored.account, account);
});

test('restoring a token HubSpot no longer takes refreshes it and carries on', async (t) => {
  const world = await startWorld(t);
  await signIn(world);
  const before = await world.service.tokens.accessToken();
  world.sandbox.admin.expireAccessTokens();
  const restarted = await world.restart();
  assert.equal((await restarted.restore()).status, 'signed-in');
  const after = await restarted.tokens.accessToken();
  assert.notEqual(after, before);
  const contacts = await fetch(`${world.sandbox.url}/crm/objects/2026-03/contacts?limit=1`, { headers: { authorization: `Bearer ${after}` } });
  assert.equal(contacts.status, 200);
});

test('a saved sign-in that cannot be decrypted (another key) asks to sign in again', async (t) => {
  const world = await startWorld(t);
  const { account } = await signIn(world);
  const restored = await (await world.restart({ keyFile: `${world.keyFile}.other` })).restore();
  assert.equal(restored.status, 'needs-sign-in');
  if (restored.status !== 'needs-sign-in') return;
  assert.match(restored.reason.message, /couldn't read the sign-in it saved on this computer — sign in again/);
  assert.deepEqual(restored.account, account);
  const stored = JSON.parse(await readFile(join(world.dataDir, 'store.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(stored['auth.tokens'], undefined, 'the unreadable ciphertext is dropped');
});

test('weak storage: nothing token-like is kept until the user agrees; then the sign-in survives restarts', async (t) => {
  const world = await startWorld(t, { protection: 'weak' });
  const signedIn = await signIn(world);
  assert.deepEqual(signedIn.storage, { protection: 'weak', remembered: false });
  const stored = () => readFile(join(world.dataDir, 'store.json'), 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>);
  assert.equal((await stored())['auth.tokens'], undefined);

  const notKept = await (await world.restart()).restore();
  assert.equal(notKept.status, 'signed-out');
  assert.match(notKept.status === 'signed-out' ? (notKept.notice ?? '') : '', /didn't keep your sign-in because this computer has no secure place to store it/);

  await signIn(world);
  const remembered = await world.service.rememberSignIn(true);
  assert.deepEqual(remembered.status === 'signed-in' && remembered.storage, { protection: 'weak', remembered: true });
  assert.equal(typeof (await stored())['auth.tokens'], 'string');
  const kept = await (await world.restart()).restore();
  assert.equal(kept.status, 'signed-in');
  assert.deepEqual(kept.status === 'signed-in' && kept.storage, { protection: 'weak', remembered: true });

  const forgotten = await world.service.rememberSignIn(false);
  assert.deepEqual(forgotten.status === 'signed-in' && forgotten.storage, { protection: 'weak', remembered: false });
  assert.equal((await stored())['auth.tokens'], undefined, 'withdrawing consent deletes the saved sign-in');
  assert.equal(world.service.state().status, 'signed-in', 'but this session goes on');
});

/** The refresh token only exists inside the ciphertext; decrypt it the way the app would. */
async function refreshTokenOf(world: Awaited<ReturnType<typeof startWorld>>): Promise<string> {
  const stored = JSON.parse(await readFile(join(world.dataDir, 'store.json'), 'utf8')) as Record<string, string>;
  const plaintext = await world.secretBox.decrypt(Buffer.from(stored['auth.tokens'] ?? '', 'base64'));
  const { refreshToken } = JSON.parse(plaintext) as { refreshToken: string };
  assert.ok(refreshToken.length > 10);
  return refreshToken;
}
