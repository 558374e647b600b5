/**
 * An export that is cancelled or fails leaves nothing behind: no file under the chosen name, no
 * partial file beside it, an earlier file of that name untouched, and a sentence the user can act on,
 * for CSV files and Excel workbooks alike. Full and read-only disks are real mounts where the machine
 * allows it (tests run as root here); elsewhere the file port stands in (fixtures/faulty-export-file.ts).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { startExportJob, type ExportJobOptions } from '../../../electron/core/export/export-job.ts';
import { createExporter, MAX_RUNNING_EXPORTS } from '../../../electron/core/export/exporter.ts';
import { isAppError } from '../../../electron/core/errors.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import type { ExportProgress, ExportRequest } from '../../../electron/ipc/types.ts';
import { COLUMNS, cacheFromSandbox, recordingLogger, type CacheFixture } from './cache-fixture.ts';
import { newPause, pausedWorkers, release, type FaultyFileOptions } from './fixtures/faulty-export-file.ts';

const faultyFile = (options: FaultyFileOptions) => ({ module: new URL('./fixtures/faulty-export-file.ts', import.meta.url).href, options });
const FORMATS = ['csv', 'xlsx'] as const;

const run = promisify(execFile);
const CONTACTS = 2000;
let fixture: CacheFixture;

before(async () => {
  fixture = await cacheFromSandbox(CONTACTS);
});
after(() => fixture.remove());

const everything: ExportRequest = { columns: COLUMNS, scope: 'all', search: '', header: 'labels', format: 'csv', values: 'shown', excelFriendly: true, delimiter: ',' };

function exportJob(targetPath: string, options: Partial<ExportJobOptions> = {}) {
  const events: ExportProgress[] = [];
  const log = recordingLogger();
  const job = startExportJob({
    exportId: 'export-1',
    dbPath: fixture.dbPath,
    request: everything,
    filterContext: { now: Date.now(), timeZone: 'UTC', user: null, listsProblem: null },
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

for (const format of FORMATS) {
  test(`${format}: cancelled half-way, the partial file existed, then nothing is left and an earlier file is untouched`, async (t) => {
    const folder = newFolder(`cancel-${format}`);
    const target = join(folder, `contacts.${format}`);
    writeFileSync(target, 'last week’s export');
    const pause = newPause();
    t.after(() => release(pause)); // a failed assertion must not leave the worker waiting
    const { job, events, log } = exportJob(target, {
      request: { ...everything, format },
      chunkChars: 4096,
      fileOpener: faultyFile({ pauseAfterBytes: 20_000, pause }),
    });

    // The worker stops after 20 kB are on disk and says so; nothing here depends on timing.
    await pausedWorkers(pause, 1);
    const partial = readdirSync(folder).filter((name) => name.startsWith(`.contacts.${format}.partial-`));
    assert.equal(partial.length, 1, 'half-way, the rows so far are in a partial file beside the target');
    assert.ok(readFileSync(join(folder, partial[0]!)).length >= 20_000);

    job.cancel();
    release(pause);
    const final = await job.done;
    assert.equal(final.state, 'cancelled');
    assert.equal(final.error, null);
    assert.equal(final.fileName, null);
    assert.ok(final.written < CONTACTS, `stopped before the end (${final.written} rows)`);
    assert.deepEqual(readdirSync(folder), [`contacts.${format}`], 'the partial file is gone');
    assert.equal(readFileSync(target, 'utf8'), 'last week’s export');
    assert.equal(events.at(-1), final);
    assert.ok(log.lines.some((line) => line.message === 'export cancelled'));
  });
}

for (const format of FORMATS) {
  test(`${format}: a full disk, the disk-full sentence, no partial file, the earlier file untouched`, async (t) => {
    const folder = newFolder(`full-disk-${format}`);
    const realDisk = await mountTmpfs(t, folder, 'size=64k');
    console.log(realDisk ? '# full disk: a 64 KiB tmpfs' : '# full disk: the file port stands in (no tmpfs could be mounted here)');
    const target = join(folder, `contacts.${format}`);
    writeFileSync(target, 'last week’s export');
    const { job, log } = exportJob(target, { request: { ...everything, format }, ...(realDisk ? {} : { fileOpener: faultyFile({ failAfterBytes: 64 * 1024, code: 'ENOSPC' }) }) });

    const final = await job.done;
    assert.equal(final.state, 'failed');
    assert.equal(final.error?.kind, 'disk-full');
    assert.equal(final.error?.message, 'The disk is full, so the export wasn’t saved. Free up some space or choose another drive, then try again.');
    assert.deepEqual(readdirSync(folder), [`contacts.${format}`]);
    assert.equal(readFileSync(target, 'utf8'), 'last week’s export');
    assert.ok(log.lines.some((line) => line.message === 'export failed' && line.fields?.code === 'ENOSPC'));
  });
}

test('a folder Contact Desk may not write to: the permission sentence, nothing created', async (t) => {
  const folder = newFolder('read-only');
  if (process.getuid?.() === 0) {
    // root writes through chmod 0o555, so a read-only mount stands in for a folder we may not write to
    if (!(await mountTmpfs(t, folder, 'ro,size=64k'))) return t.skip('running as root, and no read-only tmpfs could be mounted');
  } else {
    chmodSync(folder, 0o555);
    t.after(() => chmodSync(folder, 0o755));
  }
  for (const format of FORMATS) {
    const { job } = exportJob(join(folder, `contacts.${format}`), { request: { ...everything, format } });
    const final = await job.done;
    assert.equal(final.state, 'failed', format);
    assert.equal(final.error?.kind, 'permission-denied');
    assert.equal(final.error?.message, 'Contact Desk can’t write to that folder. Choose another folder, such as Documents.');
    assert.deepEqual(readdirSync(folder), []);
  }
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

test(`one export at a time per file, and at most ${MAX_RUNNING_EXPORTS} at once: others are refused with a sentence`, async (t) => {
  const folder = newFolder('limits');
  const pause = newPause();
  t.after(() => release(pause)); // a failed assertion must not leave the workers waiting
  // Exports held half-way by the file port until the test lets them go.
  const exporter = createExporter({
    dbPath: fixture.dbPath,
    clock: systemClock,
    log: recordingLogger(),
    jobOptions: { chunkChars: 4096, fileOpener: faultyFile({ pauseAfterBytes: 1, pause }) },
  });
  const refused = (work: () => unknown, message: RegExp) =>
    assert.throws(work, (error: unknown) => isAppError(error) && error.kind === 'busy' && message.test(error.message));

  const first = exporter.start(everything, { path: join(folder, 'contacts.csv') }, () => {});
  refused(
    () => exporter.start({ ...everything, format: 'xlsx' }, { path: join(folder, '.', 'contacts.csv') }, () => {}),
    /^“contacts\.csv” is already being exported\. Wait for that export to finish, or save this one under another name\.$/,
  );
  const second = exporter.start(everything, { path: join(folder, 'other.csv') }, () => {});
  await pausedWorkers(pause, 2);
  refused(() => exporter.assertCanStart(), /^Two exports are already running\. Wait for one to finish, or cancel it, then export again\.$/);
  refused(() => exporter.start(everything, { path: join(folder, 'third.csv') }, () => {}), /^Two exports are already running/);

  // Once one has finished, the next may start, the same file again included.
  exporter.cancel(first.exportId);
  release(pause);
  assert.equal((await first.done).state, 'cancelled');
  assert.equal((await second.done).state, 'done');
  exporter.assertCanStart();
  const third = exporter.start(everything, { path: join(folder, 'contacts.csv') }, () => {});
  assert.equal((await third.done).state, 'done');
  assert.deepEqual(readdirSync(folder).sort(), ['contacts.csv', 'other.csv']);
  await exporter.dispose();
});
