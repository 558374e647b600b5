/**
 * The writer's background checkpointer: what the writer commits reaches the database file itself
 * (not only the write-ahead log) through the other thread.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { startCheckpointer } from '../../../../electron/core/contacts/cache-checkpointer.ts';
import { openCacheConnection } from '../../../../electron/core/contacts/cache-connection.ts';
import type { CachedContact } from '../../../../electron/core/contacts/cache-types.ts';
import { openWriter } from '../../../../electron/core/contacts/cache-writer.ts';
import { upsertContacts } from '../../../../electron/core/contacts/cache-writes.ts';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-checkpointer-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const people = (from: number, count: number): CachedContact[] =>
  Array.from({ length: count }, (_, i) => ({
    id: String(from + i),
    properties: { hs_object_id: String(from + i), firstname: `First${from + i}`, lastname: `Last${from + i}`, email: `p${from + i}@example.com` },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  }));

/** A batched write commits once the messages already waiting have been handled. */
const committed = () => new Promise((resolve) => setImmediate(resolve));

/** How many contacts the database file holds on its own, without its write-ahead log. */
function contactsInFileAlone(path: string, dir: string): number {
  const copy = join(dir, 'file-alone.sqlite');
  copyFileSync(path, copy);
  const conn = openCacheConnection(copy, 'writer');
  try {
    return (conn.db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
  } finally {
    conn.close();
  }
}

test('what the writer commits reaches the database file through the background checkpointer, while the writer stays open', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'contacts.sqlite');
  const writer = openWriter(path);
  t.after(() => writer.close());
  for (let page = 0; page < 3; page++) {
    upsertContacts(writer, people(1 + page * 100, 100), { watermark: page + 1 });
    await committed();
  }
  await writer.checkpointsDone();
  assert.equal(contactsInFileAlone(path, dir), 300, 'the pages are in the file, not only in its log');
});

/** A writer connection with the checkpointer beside it, and a megabyte committed through it. */
function writtenCache(t: TestContext) {
  const dir = tempDir(t);
  const path = join(dir, 'contacts.sqlite');
  const conn = openCacheConnection(path, 'writer');
  const checkpointer = startCheckpointer(path, conn.db);
  t.after(() => {
    checkpointer.close();
    conn.close();
  });
  conn.db.exec('CREATE TABLE filler (blob BLOB)');
  const commitMegabyte = async () => {
    conn.db.prepare('INSERT INTO filler VALUES (randomblob(1048576))').run();
    checkpointer.committed();
    await checkpointer.idle();
  };
  return { dir, path, conn, checkpointer, commitMegabyte };
}

const walBytes = (path: string) => statSync(`${path}-wal`).size;

test('after a quiet minute the -wal file, all copied into the database file, is cut back to nothing', async (t) => {
  const { dir, path, conn, checkpointer, commitMegabyte } = writtenCache(t);
  await commitMegabyte();
  assert.ok(walBytes(path) > 1_000_000, 'the megabyte went through the WAL');

  checkpointer.quiet();

  assert.equal(walBytes(path), 0);
  assert.equal((conn.db.prepare('PRAGMA busy_timeout').get() as { timeout: number }).timeout, 5000, "the writer's wait for locks is back");
  const copy = join(dir, 'file-alone.sqlite');
  copyFileSync(path, copy);
  const alone = openCacheConnection(copy, 'writer');
  t.after(() => alone.close());
  assert.equal((alone.db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n, 1, 'the row is in the file itself');
});

test('a reader still on an older snapshot keeps the -wal file as it is, and the next quiet minute cuts it', async (t) => {
  const { path, checkpointer, commitMegabyte } = writtenCache(t);
  await commitMegabyte();
  const reader = openCacheConnection(path, 'reader');
  t.after(() => reader.close());
  reader.db.exec('BEGIN');
  assert.equal((reader.db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n, 1);
  await commitMegabyte();

  checkpointer.quiet();

  assert.ok(walBytes(path) > 1_000_000, 'what the reader may still need stays');
  assert.equal((reader.db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n, 1, 'the reader keeps its snapshot');
  reader.db.exec('COMMIT');
  await commitMegabyte();
  checkpointer.quiet();
  assert.equal(walBytes(path), 0);
});
