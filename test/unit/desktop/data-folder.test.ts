import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDataFolder } from '../../../electron/desktop/data-folder.ts';
import { asUnprivilegedUser, unprivilegedSkipReason } from '../../support/unprivileged.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-data-folder-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a missing data folder is created with its parents, so app.setPath can take it', (t) => {
  const dir = join(tempDir(t), 'IT', 'Contact Desk');
  assert.equal(ensureDataFolder(dir), null);
  assert.ok(statSync(dir).isDirectory());
  assert.equal(ensureDataFolder(dir), null, 'an existing folder is fine');
});

test('a folder that cannot be created is a configuration error that names it and says why', (t) => {
  const root = tempDir(t);
  writeFileSync(join(root, 'not-a-folder'), 'x');
  const problem = ensureDataFolder(join(root, 'not-a-folder', 'Contact Desk'));
  assert.ok(problem);
  assert.equal(problem.kind, 'bad-input');
  assert.match(problem.message, /could not create its data folder ".*not-a-folder.Contact Desk": part of that path is a file, not a folder\./);
  assert.match(problem.message, /CONTACT_DESK_DATA_DIR/);
  assert.ok(!existsSync(join(root, 'not-a-folder', 'Contact Desk')));
});

test('a folder this user may not write to says so', { skip: unprivilegedSkipReason() }, (t) => {
  const locked = join(tempDir(t), 'locked');
  mkdirSync(locked, { mode: 0o500 });
  // As root (CI), run as nobody: root may write anywhere. The parent must let nobody reach `locked`.
  chmodSync(join(locked, '..'), 0o755);
  const problem = asUnprivilegedUser([locked], () => ensureDataFolder(join(locked, 'Contact Desk')));
  assert.match(problem?.message ?? '', /: this user may not write there\./);
});
