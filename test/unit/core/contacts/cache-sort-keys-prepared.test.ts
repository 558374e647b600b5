/**
 * Each reader worker makes its sort keys' tables once it has answered a call, one reader at a time,
 * so the first search sorted by a name does not wait for them (cache-client.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openContactsCache } from '../../../../electron/core/contacts/cache.ts';
import type { Logger } from '../../../../electron/core/ports.ts';

const PREPARED = 'A reader prepared its sort keys';

test('each reader prepares its sort keys once, after answering a call, and the table keeps being answered', { timeout: 30_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-sort-keys-prepared-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const preparations: number[] = [];
  let bothPrepared!: () => void;
  const both = new Promise<void>((resolve) => (bothPrepared = resolve));
  const log: Logger = {
    info(message, fields) {
      if (message !== PREPARED) return;
      preparations.push(fields?.ms as number);
      if (preparations.length === 2) bothPrepared();
    },
    warn() {},
    error() {},
  };
  const cache = openContactsCache(join(dir, 'contacts.sqlite'), { log, readers: 2, prepareSortKeys: true });
  await cache.upsertContacts([{ id: '1', properties: { hs_object_id: '1', lastname: 'Álvarez' }, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' }]);
  assert.deepEqual(preparations, [], 'no reader prepares before it has answered a call');
  // both readers answer, then prepare in turn while these reads keep coming
  await Promise.all([cache.count(''), cache.count('')]);
  for (let i = 0; i < 20; i++) assert.equal(await cache.count('alv'), 1);
  await both;
  for (let i = 0; i < 5; i++) await cache.query({ search: 'alv', sort: { column: 'lastname', direction: 'asc' }, columns: ['lastname'], offset: 0, limit: 10 });
  await cache.close();
  assert.equal(preparations.length, 2, 'each reader prepared once');
  assert.ok(preparations.every((ms) => ms > 0), `each made its tables (${preparations.join(', ')} ms)`);
});
