import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateTrayIcons, trayIconDir } from '../../../../electron/core/status/icons/generate.ts';
import { badgeShape, glyph, trayIconFiles } from '../../../../electron/core/status/icons/tray-icons.ts';
import { trayIconIds, type TrayIconId } from '../../../../electron/core/status/tray-model.ts';
import { contrastRatio, hex, over } from './contrast.ts';
import { readPng } from './read-png.ts';

const generated = generateTrayIcons();
const regenerate = 'run `node_modules/.bin/node electron/core/status/icons/generate.ts` and commit build/tray/';

/** The generated PNG files, decoded again: what the tests look at is what the tray loads. */
const icons = generated.map(({ fileName, png }) => {
  const file = trayIconFiles.find((candidate) => candidate.fileName === fileName)!;
  return { ...file, ...readPng(png) };
});
type Icon = (typeof icons)[number];
const iconFor = (id: TrayIconId, size: number, template: boolean): Icon => icons.find((icon) => icon.icon === id && icon.size === size && icon.template === template)!;
const sizes = [16, 24, 32];
const badged = trayIconIds.filter((id) => id !== 'signed-out');
const alphaAt = (icon: Icon, x: number, y: number) => icon.rgba[(y * icon.size + x) * 4 + 3]!;
/** Grid units (the 16 × 16 grid the icons are designed on) to this icon's pixels. */
const px = (icon: Icon, units: number) => Math.floor((units * icon.size) / 16);

test('build/tray holds exactly the generated icons, pixel for pixel', () => {
  assert.deepEqual(readdirSync(trayIconDir).filter((name) => name.endsWith('.png')).sort(), generated.map((icon) => icon.fileName).sort(), regenerate);
  for (const { fileName, png } of generated) {
    const expected = readPng(png);
    const committed = readPng(readFileSync(join(trayIconDir, fileName)));
    assert.deepEqual([committed.width, committed.height], [expected.width, expected.height], `${fileName}: ${regenerate}`);
    assert.ok(Buffer.from(committed.rgba).equals(Buffer.from(expected.rgba)), `${fileName} differs: ${regenerate}`);
  }
});

test('every state comes in colour and as a macOS template, at 16, 24 (@1.5x) and 32 px (@2x)', () => {
  const expected = trayIconIds.flatMap((id) =>
    ['', 'Template'].flatMap((template) => [
      [`${id}${template}.png`, 16],
      [`${id}${template}@1.5x.png`, 24],
      [`${id}${template}@2x.png`, 32],
    ]),
  );
  const actual = icons.map((icon) => [icon.fileName, icon.width]);
  assert.deepEqual(actual.sort(), expected.sort());
  for (const icon of icons) assert.equal(icon.height, icon.width, icon.fileName);
});

test('template icons are a single colour, black, with the shape in the alpha channel only', () => {
  for (const icon of icons.filter((candidate) => candidate.template)) {
    for (let i = 0; i < icon.rgba.length; i += 4) assert.deepEqual([icon.rgba[i], icon.rgba[i + 1], icon.rgba[i + 2]], [0, 0, 0], icon.fileName);
    assert.ok(icon.rgba.some((value, i) => i % 4 === 3 && value > 0), `${icon.fileName} is empty`);
  }
});

/** Pixels of the badge corner (right of 7/16, below 6/16) that clearly differ; templates compare alpha only. */
function badgePixelsThatDiffer(a: Icon, b: Icon): number {
  let count = 0;
  for (let y = px(a, 6); y < a.size; y++) {
    for (let x = px(a, 7); x < a.size; x++) {
      const i = (y * a.size + x) * 4;
      const premultiplied = (icon: Icon, c: number) => (icon.rgba[i + c]! * icon.rgba[i + 3]!) / 255;
      const difference = a.template
        ? Math.abs(a.rgba[i + 3]! - b.rgba[i + 3]!)
        : Math.max(Math.abs(a.rgba[i + 3]! - b.rgba[i + 3]!), ...[0, 1, 2].map((c) => Math.abs(premultiplied(a, c) - premultiplied(b, c))));
      if (difference > 96) count += 1;
    }
  }
  return count;
}

test('each state differs from every other by its badge, at every size, in colour and as a template (by shape alone)', () => {
  for (const template of [false, true]) {
    for (const size of sizes) {
      // At 16 px a badge is about 8 × 8 pixels; ask for a tenth of that to differ clearly.
      const minimum = Math.round((6 * size * size) / 256);
      for (const [i, a] of trayIconIds.entries()) {
        for (const b of trayIconIds.slice(i + 1)) {
          const differing = badgePixelsThatDiffer(iconFor(a, size, template), iconFor(b, size, template));
          assert.ok(differing >= minimum, `${a} and ${b} at ${size} px${template ? ' (template)' : ''}: only ${differing} badge pixels differ clearly, want ${minimum}`);
        }
      }
    }
  }
});

test('every icon is the same glyph: the part no badge reaches is identical across states, and the signed-out glyph is the same shape in grey', () => {
  for (const size of sizes) {
    for (const template of [false, true]) {
      const reference = iconFor('connected', size, template);
      // Columns left of 6/16: no badge or the gap round it comes that far.
      const columns = (icon: Icon) => {
        const pixels: number[][] = [];
        for (let y = 0; y < size; y++) for (let x = 0; x < px(icon, 6); x++) pixels.push([...icon.rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)]);
        return pixels;
      };
      const opaque = columns(reference).filter((pixel) => pixel[3] === 255).length;
      assert.ok(opaque >= (size * size) / 16, `${reference.fileName}: the glyph has only ${opaque} opaque pixels left of the badge`);
      for (const id of badged) assert.deepEqual(columns(iconFor(id, size, template)), columns(reference), `${id} at ${size} px${template ? ' (template)' : ''} has another glyph`);

      const signedOut = columns(iconFor('signed-out', size, template));
      if (template) {
        // Same shape, half as strong.
        signedOut.forEach((pixel, n) => assert.ok(Math.abs(pixel[3]! - columns(reference)[n]![3]! * 0.5) <= 1, `signed-out template pixel ${n}`));
      } else {
        assert.deepEqual(signedOut.map((pixel) => pixel[3]), columns(reference).map((pixel) => pixel[3]), `signed-out at ${size} px: the glyph's shape`);
        const fill = signedOut.find((pixel) => pixel[3] === 255 && pixel[0] !== 255)!;
        assert.ok(fill[0] === fill[1] && fill[1] === fill[2], `signed-out at ${size} px: the glyph is grey, not ${fill}`);
      }
    }
  }
});

test('alpha where expected: clear around the icon, solid glyph, smooth edges, and in templates a clear gap between badge and glyph', () => {
  for (const icon of icons) {
    assert.equal(alphaAt(icon, icon.size - 1, 0), 0, `${icon.fileName}: top right corner`);
    assert.equal(alphaAt(icon, 0, 0), 0, `${icon.fileName}: top left corner`);
    const head = alphaAt(icon, px(icon, 7.25), px(icon, 4.25));
    assert.equal(head, icon.template && icon.icon === 'signed-out' ? 128 : 255, `${icon.fileName}: centre of the head`);
    assert.ok(icon.rgba.some((value, i) => i % 4 === 3 && value > 0 && value < 255), `${icon.fileName}: edges are anti-aliased`);
  }
  for (const id of badged) {
    const icon = iconFor(id, 32, true);
    const badge = badgeShape(id)!;
    let gapPixels = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [gx, gy] = [(x + 0.5) / 2, (y + 0.5) / 2];
        if (glyph(gx, gy) > -0.25 || badge(gx, gy) < 0.3 || badge(gx, gy) > 0.7) continue;
        gapPixels += 1;
        assert.equal(alphaAt(icon, x, y), 0, `${icon.fileName}: pixel ${x},${y} between the glyph and the badge`);
      }
    }
    assert.ok(gapPixels >= 4, `${icon.fileName}: only ${gapPixels} pixels found between glyph and badge`);
  }
});

test('nothing is cut off: glyph and badges lie inside the 16-unit square the icons are drawn on', () => {
  const edge = Array.from({ length: 161 }, (_, i) => i / 10);
  for (const id of trayIconIds) {
    const shapes = [glyph, badgeShape(id)].filter((shape) => shape !== null);
    for (const shape of shapes) {
      for (const along of edge) {
        for (const [x, y] of [[0, along], [16, along], [along, 0], [along, 16]] as const) assert.ok(shape(x, y) >= -1e-9, `${id}: a shape reaches past the icon's edge at ${x},${y}`);
      }
    }
  }
});

test('on a light (#f0f0f0) and a dark (#202020) taskbar, the edge of every icon keeps a contrast of at least 3:1', () => {
  for (const background of [hex('#f0f0f0'), hex('#202020')]) {
    for (const icon of icons.filter((candidate) => !candidate.template)) {
      // An outline one grid unit wide, then the fill's anti-aliased edge: two units reach the solid fill.
      const reach = Math.ceil((2 * icon.size) / 16);
      const solid = (x: number, y: number) => x >= 0 && y >= 0 && x < icon.size && y < icon.size && alphaAt(icon, x, y) >= 128;
      for (let y = 0; y < icon.size; y++) {
        for (let x = 0; x < icon.size; x++) {
          const onEdge = solid(x, y) && [[1, 0], [-1, 0], [0, 1], [0, -1]].some(([dx, dy]) => !solid(x + dx!, y + dy!) && x + dx! >= 0 && y + dy! >= 0 && x + dx! < icon.size && y + dy! < icon.size);
          if (!onEdge) continue;
          // The edge reads when the outline, or the fill just inside it, stands out.
          let best = 0;
          for (let ny = y - reach; ny <= y + reach; ny++) {
            for (let nx = x - reach; nx <= x + reach; nx++) if (solid(nx, ny)) best = Math.max(best, contrastRatio(over(icon.rgba, ny * icon.size + nx, background), background));
          }
          assert.ok(best >= 3, `${icon.fileName} on ${background}: the edge at ${x},${y} has a contrast of ${best.toFixed(2)}`);
        }
      }
    }
  }
});
