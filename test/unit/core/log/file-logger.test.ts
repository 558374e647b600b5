import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileLogger } from '../../../../electron/core/log/file-logger.ts';
import { asUnprivilegedUser, unprivilegedSkipReason } from '../../../support/unprivileged.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-log-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const readLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test('writes one redacted JSON line per call, creating the folder', (t) => {
  const dir = join(tempDir(t), 'nested', 'logs');
  const log = createFileLogger({ dir, now: () => Date.UTC(2026, 10, 23, 10, 42) });
  const refreshToken = '6f18f21e-a743-4509-b7fd-1a5e632fffa1';
  log.info('auth: signed in as jane@acme.com', { hubId: 42, refreshToken, url: `http://localhost:53682/oauth-callback?code=abc123&state=s` });
  log.warn('http: retrying', { attempt: 2 });
  log.error('sync failed', { error: new Error(`token ${refreshToken} refused`) });

  assert.equal(log.file, join(dir, 'contact-desk.log'));
  const text = readFileSync(log.file, 'utf8');
  assert.ok(!text.includes(refreshToken));
  assert.ok(!text.includes('jane@acme.com'));
  assert.ok(!text.includes('abc123'));
  const [first, second, third] = readLines(log.file);
  assert.deepEqual(first, {
    time: '2026-11-23T10:42:00.000Z',
    level: 'info',
    message: 'auth: signed in as [email]',
    hubId: 42,
    refreshToken: '[redacted]',
    url: 'http://localhost:53682/oauth-callback?code=[redacted]&state=s',
  });
  assert.deepEqual(second, { time: '2026-11-23T10:42:00.000Z', level: 'warn', message: 'http: retrying', attempt: 2 });
  assert.equal(third?.level, 'error');
  assert.match(String((third?.error as { message: string }).message), /token \[redacted\] refused/);
});

test('a field cannot overwrite the time, level or message of the record', (t) => {
  const log = createFileLogger({ dir: tempDir(t), now: () => 0 });
  log.info('real message', { level: 'error', message: 'fake', time: 'never' });
  assert.deepEqual(readLines(log.file)[0], {
    time: '1970-01-01T00:00:00.000Z',
    level: 'info',
    message: 'real message',
    field_level: 'error',
    field_message: 'fake',
    field_time: 'never',
  });
});

test('rotates by size and keeps at most maxFiles files, newest first', (t) => {
  const dir = tempDir(t);
  const log = createFileLogger({ dir, maxBytes: 1000, maxFiles: 3 });
  for (let index = 0; index < 60; index += 1) log.info(`line ${index}`, { padding: 'p'.repeat(40) });

  assert.deepEqual(readdirSync(dir).sort(), ['contact-desk.1.log', 'contact-desk.2.log', 'contact-desk.log']);
  for (const name of readdirSync(dir)) assert.ok(statSync(join(dir, name)).size <= 1000, `${name} is over the limit`);
  const numbers = (name: string) => readLines(join(dir, name)).map((entry) => Number(String(entry.message).slice(5)));
  const current = numbers('contact-desk.log');
  const previous = numbers('contact-desk.1.log');
  const oldest = numbers('contact-desk.2.log');
  assert.equal(current.at(-1), 59, 'the newest line is in the current file');
  assert.equal(previous.at(-1), (current[0] ?? 0) - 1, 'rotation loses no line between files');
  assert.equal(oldest.at(-1), (previous[0] ?? 0) - 1);
  assert.ok((oldest[0] ?? 0) > 0, 'the oldest lines were dropped');
});

test('picks up the size of an existing file after a restart', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'contact-desk.log'), `${'x'.repeat(950)}\n`);
  const log = createFileLogger({ dir, maxBytes: 1000, maxFiles: 2 });
  log.info('after restart');
  assert.equal(readFileSync(join(dir, 'contact-desk.1.log'), 'utf8'), `${'x'.repeat(950)}\n`);
  assert.equal(readLines(log.file)[0]?.message, 'after restart');
});

test('an entry too large for a file is written without its details', (t) => {
  const log = createFileLogger({ dir: tempDir(t), maxBytes: 2000 });
  log.error('huge', { list: Array.from({ length: 100 }, () => 'y'.repeat(100)) });
  const [entry] = readLines(log.file);
  assert.equal(entry?.message, 'huge');
  assert.match(String(entry?.fieldsOmitted), /larger than 2000 bytes/);
});

test('a folder emptied while the app runs gets a fresh file', (t) => {
  const dir = tempDir(t);
  const log = createFileLogger({ dir });
  log.info('before');
  rmSync(dir, { recursive: true });
  log.info('after');
  assert.deepEqual(readLines(log.file).map((entry) => entry.message), ['after']);
});

test('a log that cannot be written never throws, and says later how many lines were lost', { skip: unprivilegedSkipReason() }, (t) => {
  // Root ignores file permissions, so as root (CI containers) this runs as `nobody`.
  const dir = tempDir(t);
  const messages = asUnprivilegedUser([dir], () => {
    const log = createFileLogger({ dir });
    chmodSync(dir, 0o500);
    assert.doesNotThrow(() => {
      log.info('lost 1');
      log.info('lost 2');
    });
    chmodSync(dir, 0o700);
    log.info('back');
    return readLines(log.file).map((entry) => entry.message);
  });
  assert.deepEqual(messages, ['2 earlier log lines could not be written', 'back']);
});

test('a log that cannot be written never throws (path blocked by a file)', (t) => {
  const dir = tempDir(t);
  const blocked = join(dir, 'logs');
  writeFileSync(blocked, 'not a folder');
  const log = createFileLogger({ dir: blocked });
  assert.doesNotThrow(() => log.error('nowhere to go'));
  rmSync(blocked);
  log.info('back');
  assert.deepEqual(readLines(log.file).map((entry) => entry.message), ['1 earlier log lines could not be written', 'back']);
});

test('log files are readable by their owner only', { skip: process.platform === 'win32' ? 'no POSIX modes on Windows' : false }, (t) => {
  const log = createFileLogger({ dir: tempDir(t) });
  log.info('private');
  assert.equal(statSync(log.file).mode & 0o777, 0o600);
});

test('a log folder left readable by others is closed to them when the logger starts', { skip: process.platform === 'win32' ? 'no POSIX modes on Windows' : false }, (t) => {
  const dir = tempDir(t);
  chmodSync(dir, 0o755);
  createFileLogger({ dir }).info('private');
  assert.equal(statSync(dir).mode & 0o777, 0o700);
});
