import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { openAesSecretBox } from '../../../electron/preview/aes-secret-box.ts';
import { openJsonFileStore } from '../../../electron/preview/json-file-store.ts';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'contact-desk-support-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('the AES secret box round-trips, keeps its key in a private file and reuses it', async (t) => {
  const dir = await tempDir(t);
  const keyFile = join(dir, 'keys', 'box.key');
  const box = await openAesSecretBox({ keyFile });
  const ciphertext = await box.encrypt('top secret ✓');
  assert.ok(!Buffer.from(ciphertext).includes(Buffer.from('top secret')));
  assert.equal(await box.decrypt(ciphertext), 'top secret ✓');
  assert.notDeepEqual(await box.encrypt('top secret ✓'), ciphertext, 'a fresh IV every time');
  assert.equal((await stat(keyFile)).mode & 0o777, 0o600);

  const reopened = await openAesSecretBox({ keyFile });
  assert.equal(await reopened.decrypt(ciphertext), 'top secret ✓');
  assert.equal(reopened.protection, 'os');
  assert.equal((await openAesSecretBox({ keyFile, protection: 'weak' })).protection, 'weak');
});

test('the AES secret box refuses tampered ciphertext and other keys', async (t) => {
  const dir = await tempDir(t);
  const box = await openAesSecretBox({ keyFile: join(dir, 'a.key') });
  const other = await openAesSecretBox({ keyFile: join(dir, 'b.key') });
  const ciphertext = await box.encrypt('hello');
  const tampered = Uint8Array.from(ciphertext);
  tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
  await assert.rejects(box.decrypt(tampered));
  await assert.rejects(other.decrypt(ciphertext));
  await assert.rejects(box.decrypt(new Uint8Array([9, 9, 9])));
});

test('the JSON file store persists across opens and hands out copies', async (t) => {
  const file = join(await tempDir(t), 'nested', 'store.json');
  const store = openJsonFileStore(file);
  assert.equal(store.get('missing'), undefined);
  store.set('settings', { columns: ['email'] });
  store.set('__proto__', 'just a key');
  (store.get('settings') as { columns: string[] }).columns.push('mutated');

  const reopened = openJsonFileStore(file);
  assert.deepEqual(reopened.get('settings'), { columns: ['email'] });
  assert.equal(reopened.get('__proto__'), 'just a key');
  reopened.delete('settings');
  assert.equal(openJsonFileStore(file).get('settings'), undefined);
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  assert.throws(() => reopened.set('x', undefined));
});

test('a damaged JSON store is set aside and the store starts empty', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'store.json');
  await writeFile(file, '{"half": ');
  const store = openJsonFileStore(file);
  assert.equal(store.get('half'), undefined);
  store.set('fresh', 1);
  assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { fresh: 1 });
  const names = await readdir(dir);
  assert.ok(names.some((name) => name.startsWith('store.json.damaged-')), 'the damaged file is kept for inspection');
});
