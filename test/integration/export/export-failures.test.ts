/**
 * An export that is cancelled or fails leaves nothing behind: no file under the chosen name, no
 * partial file beside it, an earlier file of that name untouched, and a sentence the user can act on.
 * Full and read-only disks are real mounts where the machine allows it (tests run as root here).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { startExportJob, type ExportJobOptions } from '../../../electron/core/export/export-job.ts';
import { createExporter } from '../../../electron/core/export/exporter.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import type { ExportProgress, ExportRequest } from '../../../electron/ipc/types.ts';
import { COLUMNS, cacheFromSandbox, recordingLogger, type CacheFixture } from './cache-fixture.ts';

const run = promisify(execFile);
const CONTACTS = 2000;
let fixture: CacheFixture;

before(async () => {
  fixture = await cacheFromSandbox(CONTACTS);
});
after(() => fixture.remove());

const everything: ExportRequest = { columns: COLUMNS, scope: 'all', search: '', header: 'labels', excelFriendly: true, delimiter: ',' };

function exportJob(targetPath: string, options: Partial<ExportJobOptions> = {}) {
  const events: ExportProgress[] = [];
  const log = recordingLogger();
  const job = startExportJob({
    exportId: 'export-1',
    dbPath: fixture.dbPath,
    request: everything,
    targetPath,
    clock: systemClock,
    log,
    onProgress: (progress) => events.push(progress),
    ...options,
  });
  return { job, events, log };
}

function newFolder(name: string): string {
  const folder = join(fixture.folder, name);
  mkdirSync(folder);
  return folder;
}

/** Mounts a tmpfs (tests run as root in CI); false where the machine does not allow it. */
async function mountTmpfs(t: TestContext, folder: string, options: string): Promise<boolean> {
  try {
    await run('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', folder]);
  } catch {
    return false;
  }
  t.after(() => run('umount', [folder]));
  return true;
}

test('cancelled half-way: the partial file existed, then nothing is left and an earlier file is untouched', async () => {
  const folder = newFolder('cancel');
  const target = join(folder, 'contacts.csv');
  writeFileSync(target, 'last week’s export');
  const { job, events, log } = exportJob(target, { chunkChars: 4096, holdAfterRows: CONTACTS / 2 });

  await until(() => events.some((p) => p.written >= CONTACTS / 2));
  const partial = readdirSync(folder).filter((name) => name.startsWith('.contacts.csv.partial-'));
  assert.equal(partial.length, 1, 'half-way, the rows so far are in a partial file beside the target');
  assert.ok(readFileSync(join(folder, partial[0]!)).length > 50_000);

  job.cancel();
  const final = await job.done;
  assert.equal(final.state, 'cancelled');
  assert.equal(final.error, null);
  assert.equal(final.fileName, null);
  assert.deepEqual(readdirSync(folder), ['contacts.csv'], 'the partial file is gone');
  assert.equal(readFileSync(target, 'utf8'), 'last week’s export');
  assert.equal(events.at(-1), final);
  assert.ok(log.lines.some((line) => line.message === 'export cancelled'));
});

test('a full disk: the disk-full sentence, no partial file, the earlier file untouched', async (t) => {
  const folder = newFolder('full-disk');
  const realDisk = await mountTmpfs(t, folder, 'size=64k');
  console.log(realDisk ? '# full disk: a 64 KiB tmpfs' : '# full disk: simulated (no tmpfs could be mounted here)');
  const target = join(folder, 'contacts.csv');
  writeFileSync(target, 'last week’s export');
  const { job, log } = exportJob(target, realDisk ? {} : { writeFault: { afterBytes: 64 * 1024, code: 'ENOSPC' } });

  const final = await job.done;
  assert.equal(final.state, 'failed');
  assert.equal(final.error?.kind, 'disk-full');
  assert.equal(final.error?.message, 'The disk is full, so the export wasn’t saved. Free up some space or choose another drive, then try again.');
  assert.deepEqual(readdirSync(folder), ['contacts.csv']);
  assert.equal(readFileSync(target, 'utf8'), 'last week’s export');
  assert.ok(log.lines.some((line) => line.message === 'export failed' && line.fields?.code === 'ENOSPC'));
});

test('a folder Contact Desk may not write to: the permission sentence, nothing created', async (t) => {
  const folder = newFolder('read-only');
  if (process.getuid?.() === 0) {
    // root writes through chmod 0o555, so a read-only mount stands in for a folder we may not write to
    if (!(await mountTmpfs(t, folder, 'ro,size=64k'))) return t.skip('running as root, and no read-only tmpfs could be mounted');
  } else {
    chmodSync(folder, 0o555);
    t.after(() => chmodSync(folder, 0o755));
  }
  const { job } = exportJob(join(folder, 'contacts.csv'));
  const final = await job.done;
  assert.equal(final.state, 'failed');
  assert.equal(final.error?.kind, 'permission-denied');
  assert.equal(final.error?.message, 'Contact Desk can’t write to that folder. Choose another folder, such as Documents.');
  assert.deepEqual(readdirSync(folder), []);
});

test('a folder that no longer exists: the missing-folder sentence', async () => {
  const { job } = exportJob(join(fixture.folder, 'deleted-folder', 'contacts.csv'));
  const final = await job.done;
  assert.equal(final.state, 'failed');
  assert.equal(final.error?.kind, 'folder-missing');
  assert.match(final.error!.message, /The folder you chose isn’t there any more/);
  assert.equal(existsSync(join(fixture.folder, 'deleted-folder')), false);
});

test('no cache yet: a plain sentence, and no file', async () => {
  const folder = newFolder('no-cache');
  const { job } = exportJob(join(folder, 'contacts.csv'), { dbPath: join(folder, 'never-synced.sqlite') });
  const final = await job.done;
  assert.equal(final.state, 'failed');
  assert.match(final.error!.message, /no contacts on this computer to export yet/);
  assert.deepEqual(readdirSync(folder), []);
});

test('a worker that cannot start still ends the export with a plain sentence', async () => {
  const folder = newFolder('no-worker');
  const { job, log } = exportJob(join(folder, 'contacts.csv'), { workerEntry: new URL('./no-such-worker.ts', import.meta.url) });
  const final = await job.done;
  assert.equal(final.state, 'failed');
  assert.equal(final.error?.kind, 'internal');
  assert.match(final.error!.message, /stopped unexpectedly, so no file was saved/);
  assert.deepEqual(readdirSync(folder), []);
  assert.ok(log.lines.some((line) => line.level === 'error'));
});

test('dispose cancels a running export and waits until it has cleaned up', async () => {
  const folder = newFolder('dispose');
  const exporter = createExporter({ dbPath: fixture.dbPath, clock: systemClock, log: recordingLogger() });
  const events: ExportProgress[] = [];
  // Cancelled before the worker gets going: the flag is seen at its first check.
  const { done } = exporter.start(everything, { path: join(folder, 'contacts.csv') }, (progress) => events.push(progress));
  await exporter.dispose();
  const final = await done;
  assert.equal(final.state, 'cancelled');
  assert.deepEqual(readdirSync(folder), []);
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
