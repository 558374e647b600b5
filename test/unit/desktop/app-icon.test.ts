import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAppIcon } from '../../../build/icons/app-icon.ts';
import { appIconDir, generateAppIcons } from '../../../build/icons/generate.ts';

test('the committed app icons are what the generator draws', () => {
  for (const { fileName, png } of generateAppIcons()) {
    assert.ok(png.equals(readFileSync(join(appIconDir, fileName))), `build/icons/${fileName} is stale: run node_modules/.bin/node build/icons/generate.ts`);
  }
});

test('the icon has transparent corners, a blue body and the white card', () => {
  const size = 64;
  const rgba = renderAppIcon(size);
  const pixel = (x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
  assert.equal(pixel(0, 0)[3], 0, 'corner is transparent');
  const body = pixel(8, 32);
  assert.equal(body[3], 255);
  assert.ok(body[2]! > 150 && body[0]! < 80, `body is blue, got ${body}`);
  assert.deepEqual(pixel(Math.round(0.36 * size), Math.round(0.42 * size)), [255, 255, 255, 255], 'the head is white');
});
