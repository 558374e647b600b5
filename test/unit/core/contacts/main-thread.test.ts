/** The main thread only routes messages to the cache workers: it never loads SQLite or a module that opens it. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

test('the services and the cache client load neither node:sqlite nor the connection module on the main thread', () => {
  const script = fileURLToPath(new URL('./fixtures/main-thread-modules.ts', import.meta.url));
  const { found, loaded } = JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as { found: number; loaded: string[] };
  assert.equal(found, 1, 'the cache answered (from its workers)');
  assert.ok(loaded.some((url) => url.endsWith('/contacts/cache-client.ts')), 'the hook saw the main side load');
  assert.deepEqual(loaded.filter((url) => url === 'node:sqlite' || /\/contacts\/cache-(connection|writer|reader|worker)\.ts$/.test(url)), []);
});
