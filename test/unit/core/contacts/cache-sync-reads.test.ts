import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { countIds, EVERY_CONTACT_COUNT_SQL } from '../../../../electron/core/contacts/cache-sync-reads.ts';
import { openWriter, type Writer } from '../../../../electron/core/contacts/cache-writer.ts';
import { upsertContacts } from '../../../../electron/core/contacts/cache-writes.ts';

function writerWith(t: TestContext, ids: number[]): Writer {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-sync-reads-'));
  const w = openWriter(join(dir, 'contacts.sqlite'));
  t.after(async () => {
    await w.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const contacts = ids.map((id) => ({ id: String(id), properties: { hs_object_id: String(id), lastname: `Name ${id}` }, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }));
  upsertContacts(w, contacts);
  return w;
}

const cacheKib = (w: Writer) => -(w.conn.db.prepare('PRAGMA cache_size').get() as { cache_size: number }).cache_size;

test('every contact is counted on an index, not by walking the table, and with a small page cache', (t) => {
  const w = writerWith(t, [5, 10, 15, 20, 1_000_000_000_001]);
  const plan = w.conn.db.prepare(`EXPLAIN QUERY PLAN ${EVERY_CONTACT_COUNT_SQL}`).all() as { detail: string }[];
  assert.match(plan.map((step) => step.detail).join('; '), /COVERING INDEX/);

  const own = cacheKib(w);
  const seen: number[] = [];
  const statement = w.conn.statement.bind(w.conn);
  t.mock.method(w.conn, 'statement', (sql: string) => {
    if (sql === EVERY_CONTACT_COUNT_SQL) seen.push(cacheKib(w));
    return statement(sql);
  });
  assert.equal(countIds(w, { from: 0, end: null }), 5);
  assert.equal(seen.length, 1, 'counted with that statement');
  assert.ok(seen[0]! < own, `a smaller page cache while counting (${seen[0]} KiB, own ${own} KiB)`);
  assert.equal(cacheKib(w), own, 'the writer has its own page cache back');

  // spans and marked counts are unchanged
  assert.equal(countIds(w, { from: 10, end: 20 }), 2);
  assert.equal(countIds(w, { from: 10, end: null }), 4);
});
