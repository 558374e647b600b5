import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../../../electron/core/errors.ts';
import { isTemporarilyUnavailable, keychainRetryDelaysMs, retryWhileTemporarilyUnavailable } from '../../../electron/desktop/keychain-retry.ts';

// Electron 45's message (shell/browser/api/electron_api_safe_storage.cc).
const temporarily = () => new Error('safeStorage.decryptStringAsync is temporarily unavailable. Please try again.');
const broken = () => new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');

function waits() {
  const asked: number[] = [];
  return { asked, wait: async (ms: number) => void asked.push(ms) };
}

test('"temporarily unavailable" is asked again until the keychain answers', async () => {
  const { asked, wait } = waits();
  let calls = 0;
  const result = await retryWhileTemporarilyUnavailable(async () => {
    calls += 1;
    if (calls < 3) throw temporarily();
    return 'tokens';
  }, { wait });
  assert.equal(result, 'tokens');
  assert.deepEqual(asked, keychainRetryDelaysMs.slice(0, 2));
});

test('a keychain that stays locked ends as storage-locked (the sign-in is kept), not as a lost sign-in', async () => {
  const { asked, wait } = waits();
  await assert.rejects(
    retryWhileTemporarilyUnavailable(async () => {
      throw temporarily();
    }, { wait, delaysMs: [1, 2, 3] }),
    (error) => isAppError(error) && error.kind === 'storage-locked' && /keychain is locked/.test(error.message),
  );
  assert.deepEqual(asked, [1, 2, 3]);
});

test('any other failure is passed on at once', async () => {
  const { asked, wait } = waits();
  await assert.rejects(retryWhileTemporarilyUnavailable(async () => {
    throw broken();
  }, { wait }), /Error while decrypting/);
  assert.deepEqual(asked, []);
  assert.equal(isTemporarilyUnavailable(broken()), false);
  assert.equal(isTemporarilyUnavailable('temporarily unavailable'), false, 'only errors');
});
