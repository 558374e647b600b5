import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { GENERATED_PROPERTIES, createContactGenerator } from '../../../sandbox/contacts-data.ts';
import { decodeCursor, encodeCursor } from '../../../sandbox/cursor.ts';
import { RollingLimiter, WindowMax } from '../../../sandbox/rate-limit.ts';
import { search } from '../../../sandbox/search.ts';
import { ContactStore } from '../../../sandbox/store.ts';

const END = Date.parse('2026-06-01T00:00:00Z');

test('generator: reader and full contact agree; dates monotonic; binary searches find the first id', () => {
  const g = createContactGenerator({ seed: 3, total: 5000, endMs: END });
  for (const id of [1, 2, 14, 25, 77, 4999, 5000]) {
    const c = g.contact(id);
    const read = g.reader(id);
    for (const name of GENERATED_PROPERTIES) assert.equal(read(name) ?? null, c.properties[name], `${id}.${name}`);
    assert.equal(read('no_such_property'), undefined);
  }
  for (let id = 2; id <= 5000; id++) {
    assert.ok(g.createdMs(id) >= g.createdMs(id - 1));
    assert.ok(g.modifiedMs(id) >= g.modifiedMs(id - 1));
    assert.ok(g.modifiedMs(id) > g.createdMs(id));
  }
  assert.ok(g.modifiedMs(5000) < END && g.createdMs(1) >= END - 3 * 366 * 86_400_000);
  const ms = g.modifiedMs(1234);
  const first = g.firstIdModifiedAtLeast(ms);
  assert.ok(first <= 1234 && g.modifiedMs(first) === ms && (first === 1 || g.modifiedMs(first - 1) < ms));
  assert.equal(g.firstIdCreatedAtLeast(END + 1), 5001);
  assert.equal(g.firstIdCreatedAtLeast(0), 1);
});

test('cursor: round trip, and any change to it is rejected', () => {
  const key = randomBytes(32);
  const c = encodeCursor(key, { id: 42, a: false });
  assert.deepEqual(decodeCursor(key, c), { id: 42, a: false });
  assert.notEqual(encodeCursor(key, { id: 42, a: false }), c, 'random IV');
  assert.equal(decodeCursor(randomBytes(32), c), undefined);
  for (let i = 0; i < c.length; i++) {
    const flipped = c.slice(0, i) + (c[i] === 'A' ? 'B' : 'A') + c.slice(i + 1);
    const d = decodeCursor(key, flipped);
    assert.ok(d === undefined || (d.id === 42 && d.a === false), `position ${i}`);
  }
  assert.equal(decodeCursor(key, 'NTI1Cg=='), undefined);
  assert.equal(decodeCursor(key, ''), undefined);
});

test('rolling limiter and window max', () => {
  const l = new RollingLimiter(3, 1000);
  assert.deepEqual([0, 10, 20, 30].map((t) => l.tryAcquire('a', t).ok), [true, true, true, false]);
  assert.equal(l.tryAcquire('b', 30).ok, true, 'per key');
  assert.equal(l.tryAcquire('a', 999).ok, false);
  assert.equal(l.tryAcquire('a', 1000).ok, true, 'the first slot rolled out');
  const w = new WindowMax(1000);
  for (const t of [0, 100, 200, 1150, 1160, 1170, 1180]) w.record('x', t);
  assert.equal(w.max, 5);
});

test('search over the store: overlay merged into lastmodifieddate order, DESC too', () => {
  const store = new ContactStore(createContactGenerator({ seed: 1, total: 100, endMs: END }));
  store.update(3, { firstname: 'A' }, END + 10);
  store.update(1, { firstname: 'B' }, END + 20);
  store.archive(2, END + 30);
  const asc = search(store, { sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }], limit: 200 }, 10_000, END + 40);
  const ids = asc.contacts.map((c) => c.id);
  assert.equal(asc.total, 99);
  assert.deepEqual(ids.slice(-2), ['3', '1']);
  assert.ok(!ids.includes('2'));
  const desc = search(store, { sorts: ['-lastmodifieddate'], limit: 3 }, 10_000, END + 40);
  assert.deepEqual(desc.contacts.map((c) => c.id), ['1', '3', '100']);
});
