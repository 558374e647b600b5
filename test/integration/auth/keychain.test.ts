/**
 * Start-up while the OS keychain is slow or locked (the desktop's safeStorage may ask the user to
 * unlock it first): the restore says so ('restoring' / 'unlocking') instead of looking signed out,
 * and a keychain that stays locked keeps the saved sign-in for the next start.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAuthService } from '../../../electron/core/auth/auth-service.ts';
import { AppError } from '../../../electron/core/errors.ts';
import type { SecretBox } from '../../../electron/core/ports.ts';
import { openJsonFileStore } from '../../../electron/preview/json-file-store.ts';
import type { AuthState } from '../../../electron/ipc/types.ts';
import { signIn, startWorld, waitForState, type AuthWorld } from './world.ts';

/** The world's real secret box, behind an OS that answers when the test says, or stays locked. */
function keychain(inner: SecretBox, options: { locked?: boolean } = {}) {
  let answered = false;
  let answer!: () => void;
  const ready = new Promise<void>((resolve) => (answer = resolve)).then(() => void (answered = true));
  const box: SecretBox = {
    ready,
    // Like the desktop's: nothing is vouched for before the OS has answered.
    get protection() {
      return answered ? inner.protection : 'weak';
    },
    encrypt: async (plaintext) => (await ready, inner.encrypt(plaintext)),
    decrypt: async (ciphertext) => {
      await ready;
      if (options.locked) throw new AppError('storage-locked', 'The keychain is locked.');
      return inner.decrypt(ciphertext);
    },
  };
  return { box, answer: () => answer() };
}

function restartWith(world: AuthWorld, secretBox: SecretBox) {
  const service = createAuthService({
    config: world.config,
    ports: { clock: world.clock, secretBox, store: openJsonFileStore(join(world.dataDir, 'store.json')), openInBrowser: world.browser.open, focusApp: () => {}, log: world.log },
  });
  return service;
}

const savedTokens = async (world: AuthWorld) => (JSON.parse(await readFile(join(world.dataDir, 'store.json'), 'utf8')) as Record<string, unknown>)['auth.tokens'];

test('while the keychain has not answered, the restore says it is unlocking; then it signs in as usual', async (t) => {
  const world = await startWorld(t);
  const { account } = await signIn(world);
  await world.service.dispose();
  const os = keychain(world.secretBox);
  const service = restartWith(world, os.box);
  t.after(() => service.dispose());
  const seen: AuthState['status'][] = [];
  service.onChange((state) => seen.push(state.status === 'restoring' ? `restoring:${state.step}` as AuthState['status'] : state.status));

  const restored = service.restore();
  assert.deepEqual(service.state(), { status: 'restoring', step: 'unlocking' });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(service.state(), { status: 'restoring', step: 'unlocking' }, 'still waiting for the keychain');

  os.answer();
  const state = await restored;
  assert.equal(state.status, 'signed-in');
  assert.deepEqual(state.status === 'signed-in' && state.account, account);
  assert.deepEqual(seen, ['restoring:unlocking', 'restoring:checking', 'signed-in']);
});

test('a keychain that stays locked asks to sign in, but keeps the saved sign-in for the next start', async (t) => {
  const world = await startWorld(t);
  const { account } = await signIn(world);
  await world.service.dispose();
  const before = await savedTokens(world);
  assert.equal(typeof before, 'string');

  const locked = keychain(world.secretBox, { locked: true });
  locked.answer();
  const service = restartWith(world, locked.box);
  const state = await service.restore();
  await service.dispose();
  assert.equal(state.status, 'needs-sign-in');
  if (state.status !== 'needs-sign-in') return;
  assert.equal(state.reason.kind, 'storage-locked');
  assert.deepEqual(state.account, account, 'the last known account is still shown');
  assert.equal(await savedTokens(world), before, 'the saved sign-in is not forgotten');

  const unlocked = keychain(world.secretBox);
  unlocked.answer();
  const next = restartWith(world, unlocked.box);
  t.after(() => next.dispose());
  assert.equal((await next.restore()).status, 'signed-in', 'once unlocked, the next start restores it');
  assert.equal((await waitForState(next, 'signed-in')).status, 'signed-in');
});

test('what the keychain protects is only judged once it has answered', async (t) => {
  const world = await startWorld(t);
  await signIn(world);
  await world.service.dispose();
  // Signed in before, no tokens now (as after an OS reset of the keychain entry): a plain signed-out
  // start, not "this computer has no secure place", which a box that has not answered would suggest.
  const store = openJsonFileStore(join(world.dataDir, 'store.json'));
  store.delete('auth.tokens');
  const os = keychain(world.secretBox);
  const service = restartWith(world, os.box);
  t.after(() => service.dispose());
  const restored = service.restore();
  setImmediate(() => os.answer());
  assert.deepEqual(await restored, { status: 'signed-out' });
});

test('a sign-in finished before the keychain has answered is saved once it has', async (t) => {
  const world = await startWorld(t);
  await world.service.dispose();
  const os = keychain(world.secretBox);
  const service = restartWith(world, os.box);
  t.after(() => service.dispose());
  world.browser.action = 'approve';
  await service.startSignIn();
  await world.browser.lastPage();
  os.answer();
  const state = await waitForState(service, 'signed-in');
  assert.deepEqual(state.storage, { protection: 'os', remembered: true });
  assert.equal(typeof (await savedTokens(world)), 'string', 'kept, not dropped as if the computer had no keychain');
});
