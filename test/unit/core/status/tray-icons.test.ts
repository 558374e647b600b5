import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateTrayIcons, trayIconDir } from '../../../../electron/core/status/icons/generate.ts';
import { renderTrayIcon } from '../../../../electron/core/status/icons/tray-icons.ts';
import { trayIconIds } from '../../../../electron/core/status/tray-model.ts';
import { readPng } from './read-png.ts';

const generated = generateTrayIcons();
const regenerate = 'run `node_modules/.bin/node electron/core/status/icons/generate.ts` and commit build/tray/';

test('build/tray holds exactly the generated icons, pixel for pixel', () => {
  assert.deepEqual(readdirSync(trayIconDir).filter((name) => name.endsWith('.png')).sort(), generated.map((icon) => icon.fileName).sort(), regenerate);
  for (const { fileName, png } of generated) {
    const expected = readPng(png);
    const committed = readPng(readFileSync(join(trayIconDir, fileName)));
    assert.deepEqual([committed.width, committed.height], [expected.width, expected.height], `${fileName}: ${regenerate}`);
    assert.ok(Buffer.from(committed.rgba).equals(Buffer.from(expected.rgba)), `${fileName} differs: ${regenerate}`);
  }
});

test('every state has a colour and a template icon at 16 and 32 px', () => {
  const names = new Set(generated.map((icon) => icon.fileName));
  for (const id of trayIconIds) {
    for (const name of [`${id}.png`, `${id}@2x.png`, `${id}Template.png`, `${id}Template@2x.png`]) assert.ok(names.has(name), name);
  }
  const sizes = generated.map(({ fileName, png }) => [fileName, readPng(png).width] as const);
  for (const [fileName, width] of sizes) assert.equal(width, fileName.includes('@2x') ? 32 : 16, fileName);
});

test('template icons are black with alpha only, as macOS expects', () => {
  for (const id of trayIconIds) {
    const { rgba } = renderTrayIcon(id, 32, true);
    for (let i = 0; i < rgba.length; i += 4) assert.deepEqual([rgba[i], rgba[i + 1], rgba[i + 2]], [0, 0, 0], id);
  }
});

test('the states differ in shape, not only in colour', () => {
  // Compare the alpha channel only — what a colour-blind user, or a macOS template, still sees.
  const masks = trayIconIds.map((id) => ({ id, alpha: renderTrayIcon(id, 16, true).rgba.filter((_, i) => i % 4 === 3) }));
  for (const [i, a] of masks.entries()) {
    for (const b of masks.slice(i + 1)) {
      const clearlyDifferent = a.alpha.filter((value, p) => Math.abs(value - b.alpha[p]!) > 128).length;
      assert.ok(clearlyDifferent >= 12, `${a.id} and ${b.id} differ in only ${clearlyDifferent} of 256 pixels`);
    }
  }
});

test('every colour icon covers a good part of its square, so it reads at a glance', () => {
  for (const id of trayIconIds) {
    const { rgba } = renderTrayIcon(id, 32, false);
    const covered = rgba.filter((value, i) => i % 4 === 3 && value > 128).length;
    assert.ok(covered > 32 * 32 * 0.15, `${id} covers ${covered} pixels`);
  }
});
