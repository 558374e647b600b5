/**
 * What the app does with people's data across sign-in and sign-out (issues 19.3 and 13.4), through
 * the services the shells build, against the sandbox, looking at the files on disk as anyone able
 * to read the disk would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_CONTACTS } from '../../sandbox/contacts-data.ts';
import type { ContactsSummary } from '../../electron/ipc/types.ts';
import { firstPortal, secondPortal, startAppWorld } from './app-world.ts';

/** Values of the first portal's contacts that must not survive on disk once they are deleted. */
const traces = [KNOWN_CONTACTS.email.email, KNOWN_CONTACTS.nonLatin.email, KNOWN_CONTACTS.email.lastname];
const onDisk = (bytes: Buffer) => traces.filter((trace) => bytes.includes(Buffer.from(trace, 'utf8')));

test('signing in to a different portal empties the cache before the new portal’s first screen asks for contacts', async (t) => {
  const world = await startAppWorld(t);
  const { handlers } = world.services;
  await world.signInAndSync(firstPortal.hubId);
  assert.equal((await handlers.getContactsSummary(undefined)).count, 30);
  assert.deepEqual(onDisk(world.cacheBytes()), traces, 'the first portal’s contacts are on disk');

  await handlers.signOut({ deleteCachedContacts: false });
  assert.equal((await handlers.getContactsSummary(undefined)).count, 30, 'signing out keeps them unless asked');

  // The second portal's sync must not refill the cache before the test looks: HubSpot says its daily limit is reached.
  world.sandbox.admin.setFaults({ dailyLimitReached: true });
  // As the page does: the moment the app says who is signed in, it asks for the contacts.
  const firstLook = new Promise<ContactsSummary>((resolve, reject) => {
    const stop = world.services.onEvent((event, payload) => {
      if (event !== 'authChanged' || (payload as { status: string }).status !== 'signed-in') return;
      stop();
      handlers.getContactsSummary(undefined).then(resolve, reject);
    });
  });
  const signedIn = await world.signIn(secondPortal.hubId);
  assert.equal(signedIn.account.domain, secondPortal.domain);
  assert.equal((await firstLook).count, 0, 'the new portal never shows the previous portal’s contacts');
  assert.deepEqual(onDisk(world.cacheBytes()), [], 'nothing of the previous portal is left in the cache file or its WAL');
});

test('signing out with "Delete saved contacts" empties the cache file and its WAL on disk', async (t) => {
  const world = await startAppWorld(t);
  const { handlers } = world.services;
  await world.signInAndSync(firstPortal.hubId);
  assert.deepEqual(onDisk(world.cacheBytes()), traces);

  const result = await handlers.signOut({ deleteCachedContacts: true });
  assert.equal(result.cachedContactsDeleted, true);
  assert.equal((await handlers.getContactsSummary(undefined)).count, 0);
  assert.deepEqual(onDisk(world.cacheBytes()), [], 'no contact’s email or name is left in contacts.sqlite or contacts.sqlite-wal');
});

const posixOnly = process.platform === 'win32' ? 'no POSIX modes on Windows (the user profile’s ACLs apply)' : false;
const modeOf = (path: string) => statSync(path).mode & 0o777;

test('the data folder is 0700 and the cache with its WAL and SHM 0600, so other users of the computer read nothing', { skip: posixOnly }, async (t) => {
  const previous = process.umask(0o022); // the usual default: files 0644 and folders 0755 unless the app says otherwise
  t.after(() => process.umask(previous));
  const world = await startAppWorld(t);
  await world.signInAndSync(firstPortal.hubId);
  assert.equal(modeOf(world.dataDir), 0o700);
  for (const suffix of ['', '-wal', '-shm']) assert.equal(modeOf(world.dbPath + suffix), 0o600, `contacts.sqlite${suffix}`);
});

test('a data folder and cache left readable by others by an earlier version are tightened at start-up', { skip: posixOnly }, async (t) => {
  let dbPath = '';
  const world = await startAppWorld(t, {
    beforeStart(dataDir) {
      mkdirSync(dataDir, { recursive: true });
      chmodSync(dataDir, 0o755);
      dbPath = join(dataDir, 'contacts.sqlite');
      for (const suffix of ['', '-wal', '-shm']) {
        writeFileSync(dbPath + suffix, '');
        chmodSync(dbPath + suffix, 0o644);
      }
    },
  });
  await world.services.handlers.getContactsSummary(undefined); // the cache is open once it answers
  assert.equal(modeOf(world.dataDir), 0o700);
  for (const suffix of ['', '-wal', '-shm']) assert.equal(modeOf(dbPath + suffix), 0o600, `contacts.sqlite${suffix}`);
});
