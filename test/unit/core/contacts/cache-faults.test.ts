/**
 * The cache workers failing: a crash or a hang is met with a sentence for the calls in flight, a
 * short 'reloading' status and a new worker; a search that takes too long is cut off without
 * holding up other calls; a full disk loses nothing that was answered as saved.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { openContactsCache } from '../../../../electron/core/contacts/cache.ts';
import { RESTARTS_PER_MINUTE } from '../../../../electron/core/contacts/cache-status.ts';
import type { CacheStatus, CachedContact, ContactsCache, ContactsCacheOptions } from '../../../../electron/core/contacts/cache.ts';
import { isAppError } from '../../../../electron/core/errors.ts';
import type { ErrorKind } from '../../../../electron/core/errors.ts';
import { createManualClock } from '../status/manual-clock.ts';
import { crashAtStartMarker } from '../../../support/crash-once.ts';

const faultyWorker = new URL('../../../support/faulty-cache-worker.ts', import.meta.url);

function openTemp(t: TestContext, options: ContactsCacheOptions = {}): { cache: ContactsCache; dbPath: string; statuses: CacheStatus[]; ready: () => Promise<void>; next: (...wanted: CacheStatus[]) => Promise<CacheStatus> } {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-faults-'));
  const dbPath = join(dir, 'contacts.sqlite');
  // (a first open slower than a second, as on a busy machine, would add its own 'reloading, ready')
  const cache = openContactsCache(dbPath, { workerEntry: faultyWorker, slowOpenMs: 3_600_000, ...options });
  t.after(async () => {
    await cache.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const statuses: CacheStatus[] = [];
  cache.onStatus((status) => statuses.push(status));
  const next = (...wanted: CacheStatus[]) => new Promise<CacheStatus>((resolve) => cache.onStatus((status) => wanted.includes(status) && resolve(status)));
  const ready = () => (cache.status() === 'ready' ? Promise.resolve() : next('ready').then(() => undefined));
  return { cache, dbPath, statuses, ready, next };
}

const person = (id: number, firstname: string): CachedContact => ({ id: String(id), properties: { hs_object_id: String(id), firstname }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });

const failsWith = (kind: ErrorKind, sentence: RegExp) => (error: unknown) => {
  assert.ok(isAppError(error), `an AppError, not ${String(error)}`);
  assert.equal(error.kind, kind);
  assert.match(error.message, sentence);
  return true;
};

test('a reader that crashes: its call fails with a sentence, the page is told "reloading" then "ready", and reading goes on', { timeout: 120_000 }, async (t) => {
  const { cache, statuses, ready } = openTemp(t);
  await cache.upsertContacts([person(1, 'Ann')]);
  await assert.rejects(cache.count('crash now'), failsWith('internal', /reloading your saved contacts/));
  await ready();
  assert.deepEqual(statuses, ['reloading', 'ready']);
  assert.equal(await cache.count('ann'), 1);
});

test('the writer crashing: the calls in flight fail, nothing saved before is lost, and a new writer carries on with the next sync', { timeout: 120_000 }, async (t) => {
  const { cache, statuses, ready } = openTemp(t);
  await cache.upsertContacts([person(1, 'Ann')], { watermark: 1 });
  await assert.rejects(cache.removeContacts(['crash now']), failsWith('internal', /restart the part that saves your contacts/));
  await ready();
  assert.deepEqual(statuses, ['reloading', 'ready']);
  assert.equal((await cache.syncState()).watermark, 1);
  // the stopping sync's last pages carry resume points that count lost pages as written: refused
  await assert.rejects(cache.upsertContacts([person(3, 'Late')], { watermark: 3 }), failsWith('internal', /restart the part that saves/));
  await cache.resumeWrites();
  await cache.upsertContacts([person(2, 'Bo')], { watermark: 2 });
  assert.equal(await cache.count(), 2);
  assert.equal((await cache.syncState()).watermark, 2);
});

test('a writer that stops answering is taken to hang and replaced', { timeout: 120_000 }, async (t) => {
  const clock = createManualClock();
  const { cache, statuses, ready } = openTemp(t, { clock, writeBudgetMs: 60_000 });
  await cache.upsertContacts([person(1, 'Ann')]);
  const hung = cache.removeContacts(['hang now']);
  const failed = assert.rejects(hung, failsWith('internal', /restart the part that saves your contacts/));
  await clock.advance(59_000);
  assert.equal(cache.status(), 'ready', 'not before its budget');
  await clock.advance(1_000);
  await failed;
  await ready();
  assert.deepEqual(statuses, ['reloading', 'ready']);
  await cache.resumeWrites();
  await cache.upsertContacts([person(2, 'Bo')]);
  assert.equal(await cache.count(), 2);
});

test(`a search that ends its worker each time it is asked: replaced ${RESTARTS_PER_MINUTE} times, then no more ('unavailable', every call told so) until the person tries again`, { timeout: 120_000 }, async (t) => {
  const { cache, statuses, ready, next } = openTemp(t);
  await cache.upsertContacts([person(1, 'Ann')]);
  for (let time = 1; time <= RESTARTS_PER_MINUTE; time++) {
    await assert.rejects(cache.count('crash now'), failsWith('internal', /reloading your saved contacts/));
    await ready();
  }
  const givenUp = next('unavailable');
  await assert.rejects(cache.count('crash now'), failsWith('internal', /reloading your saved contacts/));
  await givenUp;
  assert.deepEqual(statuses, [...Array.from({ length: RESTARTS_PER_MINUTE }, () => ['reloading', 'ready']).flat(), 'unavailable']);
  const unavailable = failsWith('internal', /^Contact Desk could not reload your saved contacts\. They are still on this computer: choose Try again, or quit and reopen Contact Desk\.$/);
  await assert.rejects(cache.count('ann'), unavailable);
  await assert.rejects(cache.upsertContacts([person(2, 'Bo')]), unavailable);

  await cache.reopen();
  await ready();
  assert.deepEqual(statuses.slice(-2), ['reloading', 'ready']);
  assert.equal(await cache.count('ann'), 1, 'what was saved is there');
  await cache.upsertContacts([person(2, 'Bo')]);
  assert.equal(await cache.count(), 2);
});

test('replacements are counted over a minute: a crash a minute later is replaced again', { timeout: 120_000 }, async (t) => {
  const clock = createManualClock();
  const { cache, ready, next } = openTemp(t, { clock });
  await cache.upsertContacts([person(1, 'Ann')]);
  for (let time = 1; time <= RESTARTS_PER_MINUTE; time++) {
    await assert.rejects(cache.count('crash now'), failsWith('internal', /reloading/));
    await ready();
  }
  await clock.advance(60_000);
  const settled = next('ready', 'unavailable');
  await assert.rejects(cache.count('crash now'), failsWith('internal', /reloading/));
  assert.equal(await settled, 'ready');
  assert.equal(await cache.count('ann'), 1);
});

test('workers that end as they start are not started again and again: unavailable after a few, and back once the person tries again', { timeout: 120_000 }, async (t) => {
  const { cache, dbPath, statuses, ready, next } = openTemp(t);
  await cache.upsertContacts([person(1, 'Ann')]);
  const marker = crashAtStartMarker(dbPath);
  writeFileSync(marker, '');
  t.after(() => rmSync(marker, { force: true }));
  const givenUp = next('unavailable');
  await assert.rejects(cache.count('crash now'), failsWith('internal', /reloading/));
  await givenUp;
  assert.deepEqual(statuses, ['reloading', 'unavailable']);
  await assert.rejects(cache.count('ann'), failsWith('internal', /could not reload your saved contacts/));

  rmSync(marker);
  await cache.reopen();
  await ready();
  assert.equal(await cache.count('ann'), 1);
});

test('a new worker that cannot open the file: unavailable at once, not started again and again', { timeout: 120_000 }, async (t) => {
  const { cache, dbPath, statuses, ready, next } = openTemp(t);
  await cache.upsertContacts([person(1, 'Ann')]);
  // the file moved away (the workers running keep it open) and a folder in its place
  renameSync(dbPath, `${dbPath}.away`);
  mkdirSync(dbPath);
  const givenUp = next('unavailable');
  await assert.rejects(cache.count('crash now'), failsWith('internal', /reloading/));
  await givenUp;
  assert.deepEqual(statuses, ['reloading', 'unavailable']);

  rmSync(dbPath, { recursive: true });
  renameSync(`${dbPath}.away`, dbPath);
  await cache.reopen();
  await ready();
  assert.equal(await cache.count('ann'), 1);
});

test('a search that takes too long is cut off with a message, and never holds up other calls', { timeout: 120_000 }, async (t) => {
  const clock = createManualClock();
  const { cache, statuses } = openTemp(t, { clock, readBudgetMs: 5000 });
  await cache.upsertContacts([person(1, 'Ann'), person(2, 'Anna')]);
  const slow = cache.count('hang now');
  const cutOff = assert.rejects(slow, failsWith('timed-out', /taking too long/));
  // while it runs, the table keeps answering
  assert.equal(await cache.count('ann'), 2);
  assert.equal((await cache.query({ search: 'anna', sort: { column: 'hs_object_id', direction: 'asc' }, columns: ['firstname'], offset: 0, limit: 10 })).total, 1);
  assert.deepEqual((await cache.properties()).length, 0);
  await clock.advance(5000);
  await cutOff;
  assert.deepEqual(statuses, [], 'a search cut off is not a reload');
  assert.deepEqual(await Promise.all([cache.count('ann'), cache.count('anna'), cache.count('')]), [2, 1, 2]);
});

test('a full disk while pages are written: the disk-full sentence, and what is kept is exactly what the sync state says', { timeout: 120_000 }, async (t) => {
  const { cache } = openTemp(t, { maxPageCount: 200 });
  const page = (n: number) => Array.from({ length: 50 }, (_, i) => person(n * 50 + i + 1, `Person ${n} ${'x'.repeat(400)}`));
  const keptAsSaid = async () => {
    const watermark = (await cache.syncState()).watermark ?? 0;
    assert.equal(await cache.count(), watermark * 50, 'the rows are exactly those of the pages the sync state counts');
    return watermark;
  };

  // page after page, as a sync writes them, until the disk is full
  let saved = 0;
  let failure: unknown = null;
  while (failure === null && saved < 100) {
    await cache.upsertContacts(page(saved), { watermark: saved + 1 }).then(() => saved++, (error: unknown) => (failure = error));
  }
  failsWith('disk-full', /^The disk is full, so Contact Desk can't save contacts\. Free up some space, then sync again\.$/)(failure);
  assert.ok(saved > 0, 'some pages fitted');
  assert.equal(await keptAsSaid(), saved);

  // pages the stopping sync still sends (their resume points count the lost page as written) are refused
  // (even one small enough to fit)
  await assert.rejects(cache.upsertContacts([person(100_000, 'Tiny')], { watermark: saved + 2 }), failsWith('disk-full', /disk is full/));
  assert.equal(await keptAsSaid(), saved);

  // the next sync: pages queued faster than they are written share transactions, still nothing half kept
  await cache.resumeWrites();
  const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => cache.upsertContacts(page(saved + i), { watermark: saved + i + 1 })));
  const answeredSaved = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
  for (const outcome of outcomes) if (outcome.status === 'rejected') failsWith('disk-full', /disk is full/)(outcome.reason);
  assert.equal(await keptAsSaid(), saved + answeredSaved, 'every page answered as saved is kept, and only those');
});

test('a first open that takes over a second (an update rebuilding the cache) shows as reloading until the cache is ready', { timeout: 120_000 }, async (t) => {
  const clock = createManualClock();
  const { cache, statuses, ready } = openTemp(t, { clock, slowOpenMs: 1_000 });
  // a worker thread takes far longer than this to start and open the file
  await clock.advance(1_000);
  assert.deepEqual(statuses, ['reloading']);
  assert.equal(await cache.count(), 0);
  await ready();
  assert.deepEqual(statuses, ['reloading', 'ready']);
});

test('a first open that is quick says nothing', { timeout: 120_000 }, async (t) => {
  const clock = createManualClock();
  const { cache, statuses } = openTemp(t, { clock, slowOpenMs: 1_000 });
  assert.equal(await cache.count(), 0);
  await clock.advance(5_000);
  assert.deepEqual(statuses, []);
});
