import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronRuntime } from '../../../scripts/electron-runtime.ts';

function world(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'electron-runtime-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const electronDir = join(dir, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  const failureMarker = join(dir, '.data', 'electron-download-failed');
  const lines: string[] = [];
  let downloads = 0;
  const install = () => {
    mkdirSync(join(electronDir, 'dist'), { recursive: true });
    writeFileSync(join(electronDir, 'dist', 'electron'), '');
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
  };
  const find = (downloadWorks: boolean, now = Date.now()) =>
    findElectronRuntime({
      electronDir,
      failureMarker,
      download: () => {
        downloads += 1;
        if (downloadWorks) install();
        return downloadWorks;
      },
      say: (line) => lines.push(line),
      now: () => now,
    });
  return { electronDir, failureMarker, lines, find, install, downloads: () => downloads };
}

test('where the download fails, the first run says so once; later runs say in one line that the browser opens', (t) => {
  const w = world(t);
  assert.equal(w.find(false), null);
  assert.deepEqual(w.lines, [
    'Downloading the Electron runtime (once, about 100 MB)…',
    'It could not be downloaded (this computer cannot reach its download server), so Contact Desk opens in your browser instead.',
  ]);
  assert.ok(existsSync(w.failureMarker));

  w.lines.length = 0;
  assert.equal(w.find(false), null);
  assert.equal(w.downloads(), 1, 'no second attempt within a day');
  assert.equal(w.lines.length, 1);
  assert.match(w.lines[0]!, /^Contact Desk opens in your browser: the Electron runtime is not installed here \(its download failed on .*node node_modules\/electron\/install\.js\)\.$/);
  assert.doesNotMatch(w.lines.join('\n'), /Downloading|Fetching|first run/);
});

test('a day after a failed download it is tried again, and a runtime found clears the failure', (t) => {
  const w = world(t);
  w.find(false);
  const dayLater = Date.now() + 25 * 60 * 60 * 1000;
  w.lines.length = 0;
  assert.equal(w.find(true, dayLater), join(w.electronDir, 'dist', 'electron'));
  assert.equal(w.downloads(), 2);
  assert.deepEqual(w.lines, ['Downloading the Electron runtime (once, about 100 MB)…']);
  assert.equal(existsSync(w.failureMarker), false);

  w.lines.length = 0;
  assert.equal(w.find(false), join(w.electronDir, 'dist', 'electron'), 'installed: nothing to download, nothing to say');
  assert.deepEqual(w.lines, []);
  assert.equal(w.downloads(), 2);
});

test('a runtime installed by hand is used even after a failed download', (t) => {
  const w = world(t);
  w.find(false);
  const old = new Date(Date.now() - 1000);
  utimesSync(w.failureMarker, old, old);
  w.install();
  w.lines.length = 0;
  assert.equal(w.find(false), join(w.electronDir, 'dist', 'electron'));
  assert.deepEqual(w.lines, []);
});
