import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDesktop } from '../../../scripts/build-desktop.ts';
import { trayIconFiles } from '../../../electron/core/status/icons/tray-icons.ts';

const requiresOf = (code: string) => new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1] ?? ''));
// ajv keeps `require("ajv/dist/runtime/…")` inside strings of the code it generates; they never run.
const isCodegenString = (name: string) => name.startsWith('ajv/dist/runtime/') || name === 'ajv-formats/dist/formats';
const isNodeBuiltin = (name: string) => isBuiltin(name);

test('bundles main, preload and workers into self-contained CommonJS files', async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'contact-desk-build-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  const built = await buildDesktop(outDir);

  assert.ok(built.includes('main.cjs') && built.includes('preload.cjs'));
  for (const name of built) {
    const file = join(outDir, name);
    assert.ok(existsSync(`${file}.map`), `${name} has a source map`);
    execFileSync(process.execPath, ['--check', file]);
    const code = readFileSync(file, 'utf8');
    assert.doesNotMatch(code, /\bimport\.meta\b/, `${name} must not use import.meta (CommonJS has none)`);
    for (const required of requiresOf(code)) {
      if (name === 'preload.cjs') assert.equal(required, 'electron', `the sandboxed preload can only require electron, not ${required}`);
      else assert.ok(required === 'electron' || isNodeBuiltin(required) || isCodegenString(required), `${name} requires ${required}, which the packaged app does not ship`);
    }
  }
  const tray = readdirSync(join(outDir, 'tray'));
  for (const { fileName } of trayIconFiles) assert.ok(tray.includes(fileName), `tray/${fileName}`);
  assert.ok(existsSync(join(outDir, 'icon.png')));
});
