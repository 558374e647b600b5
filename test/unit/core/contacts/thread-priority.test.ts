import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openContactsCache } from '../../../../electron/core/contacts/cache.ts';
import { currentThreadId, lowerThreadPriority, WRITER_NICE } from '../../../../electron/core/contacts/thread-priority.ts';

test('the thread id comes from /proc/thread-self on Linux, and nowhere else', () => {
  assert.equal(currentThreadId(() => '4242/task/4250', 'linux'), 4250);
  assert.equal(currentThreadId(() => 'garbage', 'linux'), null);
  assert.equal(
    currentThreadId(() => {
      throw new Error('no /proc');
    }, 'linux'),
    null,
  );
  assert.equal(currentThreadId(() => '4242/task/4250', 'darwin'), null);
  assert.equal(currentThreadId(() => '4242/task/4250', 'win32'), null);
});

test('lowering the priority sets the nice value of the thread, not of the process; it never throws', () => {
  const calls: [number, number][] = [];
  assert.equal(lowerThreadPriority(10, { threadId: () => 4250, set: (id, nice) => calls.push([id, nice]) }), true);
  assert.deepEqual(calls, [[4250, 10]]);
  assert.equal(lowerThreadPriority(10, { threadId: () => null, set: () => assert.fail('no thread id: nothing is set') }), false);
  assert.equal(
    lowerThreadPriority(10, {
      threadId: () => 4250,
      set: () => {
        throw new Error('EACCES');
      },
    }),
    false,
  );
});

/** Name and nice value of each thread of this process. */
function threads(): { name: string; nice: number }[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [{ name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), nice: Number(fields[16]) }];
    } catch {
      return []; // ended meanwhile
    }
  });
}

test('the cache writer runs below the main thread\'s priority; the main thread and the readers do not', { skip: process.platform !== 'linux' }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-priority-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const before = threads().filter((thread) => thread.nice === WRITER_NICE).length;
  const cache = openContactsCache(join(dir, 'contacts.sqlite'), { readers: 2 });
  t.after(() => cache.close());
  await cache.upsertContacts([{ id: '1', properties: { hs_object_id: '1', firstname: 'Ada' }, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' }], { watermark: 1 });
  assert.equal(await cache.count(''), 1, 'a reader answered');
  const now = threads();
  assert.equal(now[0]?.name, 'MainThread');
  assert.equal(now[0]?.nice, 0, 'the main thread keeps its priority');
  assert.ok(now.filter((thread) => thread.nice === WRITER_NICE).length > before, 'the writer thread runs at the lower priority');
  assert.ok(now.filter((thread) => thread.name === 'WorkerThread' && thread.nice === 0).length >= 2, 'both readers keep their priority');
});
