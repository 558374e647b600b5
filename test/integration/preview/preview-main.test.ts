/**
 * `npm run preview` as a person runs it (issue 12): a busy port moves to the next free one and says
 * so, the launch link is printed and opened in the default browser where there is one (here a
 * stand-in `xdg-open` on PATH that records what it was asked to open), only printed where there is
 * none, and a bad CONTACT_DESK_PREVIEW_PORT is a sentence, not a stack trace.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const main = join(root, 'electron', 'preview', 'main.ts');
const built = existsSync(join(root, 'dist', 'renderer', 'index.html'));
const needsBuild = built ? false : 'the renderer is not built: run npm run build:renderer (npm test builds first)';

async function world(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'preview-main-'));
  const bin = join(dir, 'bin');
  const opened = join(dir, 'opened.txt');
  mkdirSync(bin);
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > "${opened}.part" && mv "${opened}.part" "${opened}"\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const busyPort = (blocker.address() as { port: number }).port;
  const children: ChildProcess[] = [];
  t.after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    blocker.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${join(dir, 'data')}.key`, { force: true });
  });
  const start = (env: Record<string, string>) => {
    const child = spawn(process.execPath, [main], {
      cwd: root,
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: dir, CONTACT_DESK_DATA_DIR: join(dir, 'data'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return child;
  };
  return { dir, opened, busyPort, start };
}

/** Everything the child printed up to (and including) the launch link. */
function untilLaunchLink(child: ChildProcess): Promise<{ output: string; link: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const link = /http:\/\/127\.0\.0\.1:\d+\/\?launch=[\w-]+/.exec(output)?.[0];
      if (link) resolve({ output, link });
    });
    child.once('exit', (code) => reject(new Error(`the preview exited (${code}) before printing a link:\n${output}`)));
  });
}

function fileWritten(path: string): Promise<string> {
  return new Promise((resolve) => {
    const watcher = watch(join(path, '..'), () => check());
    const check = () => {
      if (!existsSync(path)) return;
      watcher.close();
      resolve(readFileSync(path, 'utf8'));
    };
    check();
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
}

test('a busy port moves to the next free one; the link is printed and opened in the default browser', { skip: needsBuild, timeout: 60_000 }, async (t) => {
  const { opened, busyPort, start } = await world(t);
  const child = start({ CONTACT_DESK_PREVIEW_PORT: String(busyPort), DISPLAY: ':0' });
  const { output, link } = await untilLaunchLink(child);
  assert.match(output, new RegExp(`Port ${busyPort} is in use by another program, so the preview uses port \\d+ instead`));
  assert.doesNotMatch(link, new RegExp(`:${busyPort}/`));
  assert.match(output, /opening in your browser/);
  assert.equal(await fileWritten(opened), link, 'the default browser was asked to open the launch link');

  // The stand-in browser only recorded it: the link still works, once.
  assert.equal((await fetch(link, { redirect: 'manual' })).status, 303);
  assert.equal((await fetch(link, { redirect: 'manual' })).status, 403);
  child.kill('SIGTERM');
  assert.equal(await exitOf(child), 0);
});

test('without a graphical session the link is only printed', { skip: needsBuild, timeout: 60_000 }, async (t) => {
  const { dir, opened, start } = await world(t);
  const child = start({ CONTACT_DESK_PREVIEW_PORT: '0' });
  const { output } = await untilLaunchLink(child);
  assert.match(output, /Open this link in your browser \(it works once, in one browser\)/);
  assert.doesNotMatch(output, /in use by another program/);
  child.kill('SIGTERM');
  assert.equal(await exitOf(child), 0);
  assert.equal(existsSync(opened), false, `nothing was opened (${dir})`);
});

test('a bad CONTACT_DESK_PREVIEW_PORT is a sentence, not a stack trace', { skip: needsBuild, timeout: 60_000 }, async (t) => {
  const { start } = await world(t);
  const child = start({ CONTACT_DESK_PREVIEW_PORT: 'fifty' });
  let errors = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  assert.equal(await exitOf(child), 1);
  assert.equal(errors.trim(), 'CONTACT_DESK_PREVIEW_PORT must be a port number from 1 to 65535, or 0 for any free port (it is "fifty").');
});
