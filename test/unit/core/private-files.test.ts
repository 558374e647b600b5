import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateFile, ensurePrivateFolder } from '../../../electron/core/private-files.ts';

const skip = process.platform === 'win32' ? 'no POSIX modes on Windows (the user profile’s ACLs apply)' : false;
const modeOf = (path: string) => statSync(path).mode & 0o777;

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'private-files-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs with a permissive umask, as some desktops set, so the modes come from the code and not the umask. */
function withUmask<T>(mask: number, run: () => T): T {
  const previous = process.umask(mask);
  try {
    return run();
  } finally {
    process.umask(previous);
  }
}

test('a new data folder, and any parent it needs, is 0700 whatever the umask', { skip }, (t) => {
  const dir = join(tempDir(t), 'parent', 'data');
  withUmask(0o000, () => ensurePrivateFolder(dir));
  assert.equal(modeOf(dir), 0o700);
  assert.equal(modeOf(join(dir, '..')), 0o700);
});

test('an existing data folder left readable by others is tightened at start-up; one stricter is left alone', { skip }, (t) => {
  const dir = join(tempDir(t), 'data');
  mkdirSync(dir);
  chmodSync(dir, 0o755);
  ensurePrivateFolder(dir);
  assert.equal(modeOf(dir), 0o700);
  chmodSync(dir, 0o500);
  ensurePrivateFolder(dir);
  assert.equal(modeOf(dir), 0o500, 'tightening never adds a permission');
});

test('the database file is created 0600 and empty before anything opens it; existing ones and their WAL/SHM are tightened', { skip }, (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'contacts.sqlite');
  withUmask(0o000, () => ensurePrivateFile(db, [`${db}-wal`, `${db}-shm`]));
  assert.equal(modeOf(db), 0o600);
  assert.equal(statSync(db).size, 0);

  writeFileSync(db, 'existing content');
  for (const path of [db, `${db}-wal`, `${db}-shm`]) {
    writeFileSync(path, readFileSync(db));
    chmodSync(path, 0o644);
  }
  ensurePrivateFile(db, [`${db}-wal`, `${db}-shm`]);
  for (const path of [db, `${db}-wal`, `${db}-shm`]) assert.equal(modeOf(path), 0o600, path);
  assert.equal(readFileSync(db, 'utf8'), 'existing content', 'an existing file keeps its content');
  chmodSync(db, 0o400);
  ensurePrivateFile(db);
  assert.equal(modeOf(db), 0o400);
});
