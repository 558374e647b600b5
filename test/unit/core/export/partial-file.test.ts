import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { AppError } from '../../../../electron/core/errors.ts';
import { PartialFile, partialPathFor, removeAbandonedPartials } from '../../../../electron/core/export/partial-file.ts';

function tempFolder(t: TestContext): string {
  const folder = mkdtempSync(join(tmpdir(), 'contact-desk-partial-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

test('the partial file is hidden, beside the target, and unique per export', () => {
  const target = '/home/someone/Documents/contacts.csv';
  const first = partialPathFor(target);
  assert.equal(dirname(first), dirname(target));
  assert.match(basename(first), /^\.contacts\.csv\.partial-[0-9a-f]{12}$/);
  assert.notEqual(partialPathFor(target), first);
});

test('commit puts the complete file under the chosen name and leaves nothing else', (t) => {
  const folder = tempFolder(t);
  const target = join(folder, 'contacts.csv');
  const file = new PartialFile(partialPathFor(target), 'contacts.csv');
  file.write('a,b\r\n');
  file.write('Zoë,🍕\r\n');
  assert.deepEqual(readdirSync(folder), [basename(file.path)], 'nothing under the chosen name before the commit');
  file.commit(target);
  assert.equal(readFileSync(target, 'utf8'), 'a,b\r\nZoë,🍕\r\n');
  assert.equal(file.bytesWritten, Buffer.byteLength('a,b\r\nZoë,🍕\r\n'));
  assert.deepEqual(readdirSync(folder), ['contacts.csv']);
});

test('an existing file is replaced only by the commit; a discard leaves it as it was', (t) => {
  const folder = tempFolder(t);
  const target = join(folder, 'contacts.csv');
  writeFileSync(target, 'old export');

  const abandoned = new PartialFile(partialPathFor(target), 'contacts.csv');
  abandoned.write('new rows that never finish');
  abandoned.discard();
  abandoned.discard();
  assert.equal(readFileSync(target, 'utf8'), 'old export');
  assert.deepEqual(readdirSync(folder), ['contacts.csv']);

  const finished = new PartialFile(partialPathFor(target), 'contacts.csv');
  finished.write('new export');
  assert.equal(readFileSync(target, 'utf8'), 'old export');
  finished.commit(target);
  assert.equal(readFileSync(target, 'utf8'), 'new export');
});

test('a folder that is missing, or is really a file, is reported as a missing folder', (t) => {
  const folder = tempFolder(t);
  writeFileSync(join(folder, 'not-a-folder'), '');
  for (const target of [join(folder, 'gone', 'contacts.csv'), join(folder, 'not-a-folder', 'contacts.csv')]) {
    assert.throws(
      () => new PartialFile(partialPathFor(target), 'contacts.csv'),
      (error: unknown) => error instanceof AppError && error.kind === 'folder-missing' && /isn’t there any more/.test(error.message),
    );
  }
});

test('text and bytes go to the file in order, counted', (t) => {
  const folder = tempFolder(t);
  const target = join(folder, 'contacts.csv');
  const file = new PartialFile(partialPathFor(target), 'contacts.csv');
  file.write('Zoë,');
  file.writeBytes(new Uint8Array([0x41, 0x42]));
  file.write('');
  assert.equal(file.bytesWritten, 7);
  file.commit(target);
  assert.equal(readFileSync(target, 'utf8'), 'Zoë,AB');
  assert.deepEqual(readdirSync(folder), ['contacts.csv']);
});

test('partial files abandoned by a crash are removed; a fresh one and other files are kept', (t) => {
  const folder = tempFolder(t);
  const target = join(folder, 'contacts.csv');
  const abandoned = partialPathFor(target);
  const fresh = partialPathFor(target);
  const otherExport = partialPathFor(join(folder, 'other.csv'));
  for (const path of [abandoned, fresh, otherExport, target]) writeFileSync(path, 'x');
  const now = Date.now();
  const hourAgo = new Date(now - 60 * 60_000);
  utimesSync(abandoned, hourAgo, hourAgo);
  utimesSync(otherExport, hourAgo, hourAgo);

  removeAbandonedPartials(target, now);
  assert.deepEqual(readdirSync(folder).sort(), [basename(fresh), basename(otherExport), 'contacts.csv'].sort());
  removeAbandonedPartials(join(folder, 'missing-folder', 'x.csv'), now);
});
