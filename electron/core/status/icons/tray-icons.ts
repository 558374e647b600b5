/**
 * The tray icons: Contact Desk's own glyph (the person of the app icon) with a status badge in the
 * lower right corner, drawn with plain geometry on a 16 × 16 grid so they can be regenerated and
 * checked byte for byte. Each badge has its own SHAPE, not only its own colour, so it reads for
 * colour-blind users and in macOS template mode, which keeps only the alpha channel:
 *   connected   disc with a check mark cut out
 *   syncing     circular arrow
 *   checking    three dots
 *   warning     triangle with an exclamation mark cut out
 *   error       disc with a cross cut out
 *   signed-out  no badge, and the glyph dimmed
 *
 * Taskbars and panels may be light, dark or the user's accent colour, and only Windows says which
 * (and not for an accent colour). So one set of icons reads on all of them: every fill is a
 * mid-tone with a contrast of at least 3:1 against both a light and a dark bar, and a thin white
 * outline round glyph and badge makes the edge stand out on dark bars (on light ones it vanishes).
 * The same outline is the gap that separates the badge from the glyph.
 */
import type { TrayIconId } from '../tray-model.ts';
import { trayIconIds } from '../tray-model.ts';
import { personShape } from './person-mark.ts';
import { circle, grow, polygon, roundedSquare, stroke, subtract, union, type Shape } from './shapes.ts';

type Rgb = readonly [number, number, number];

interface Badge {
  colour: Rgb;
  shape: Shape;
  /** Drawn white on the badge in colour, cut out of it in template mode. */
  mark?: Shape;
}

interface IconDesign {
  /** Signed out: the glyph alone, dimmed (grey in colour, half transparent in template mode). */
  dimmed: boolean;
  badge: Badge | null;
}

const white: Rgb = [255, 255, 255];
const appBlue: Rgb = [0x2f, 0x6f, 0xde];
const dimmedGrey: Rgb = [0x7a, 0x7a, 0x7a];
/** The macOS menu bar shows a template image at this opacity as "inactive". */
const dimmedTemplateAlpha = 0.5;
const outlineWidth = 1;

/** The glyph: the app icon's person, 14 units tall, a little left of centre to leave room for the badge. */
export const glyph: Shape = personShape(1.5, 1, 14);

/** Badges sit on a disc of this size in the lower right corner (a triangle and the dots fill about the same area). */
const badgeCentre = 11.5;
const badgeRadius = 4;
const at = (dx: number, dy: number) => [badgeCentre + dx, badgeCentre + dy] as const;

const badges: Record<Exclude<TrayIconId, 'signed-out'>, Badge> = {
  connected: {
    colour: [0x38, 0x8e, 0x3c],
    shape: circle(badgeCentre, badgeCentre, badgeRadius),
    mark: stroke(1.4, at(-2, 0), at(-1, 1), at(2, -2)),
  },
  syncing: {
    colour: [0x00, 0x89, 0x7b],
    // A ring open from 12 to 3 o'clock, with an arrow head at 12 pointing clockwise.
    shape: union(
      subtract(subtract(circle(badgeCentre, badgeCentre, 4), circle(badgeCentre, badgeCentre, 1.8)), polygon(at(0, 0), at(0, -5), at(5, -5), at(5, -2.2))),
      polygon(at(-0.4, -5.3), at(-0.4, -0.5), at(2.6, -2.9)),
    ),
  },
  checking: {
    colour: [0x60, 0x7d, 0x8b],
    // Whole pixels at 16 px (2 × 2 each, a pixel apart), corners rounded so they read as dots.
    shape: union(...[9, 12, 15].map((x) => roundedSquare(x, 13, 1, 0.6))),
  },
  warning: {
    colour: [0xb2, 0x6a, 0x00],
    // Corners rounded by growing a smaller triangle.
    shape: grow(polygon(at(0, -3.4), at(3.6, 3.5), at(-3.6, 3.5)), 0.5),
    mark: union(stroke(1.3, at(0, -1.5), at(0, 0)), circle(badgeCentre, badgeCentre + 2, 0.75)),
  },
  error: {
    colour: [0xd3, 0x2f, 0x2f],
    shape: circle(badgeCentre, badgeCentre, badgeRadius),
    mark: union(stroke(1.2, at(-2, -2), at(2, 2)), stroke(1.2, at(2, -2), at(-2, 2))),
  },
};

/** The badge's outline (no mark), for the tests that check the gap between badge and glyph. */
export const badgeShape = (id: TrayIconId): Shape | null => designs[id].badge?.shape ?? null;

const designs: Record<TrayIconId, IconDesign> = {
  connected: { dimmed: false, badge: badges.connected },
  syncing: { dimmed: false, badge: badges.syncing },
  checking: { dimmed: false, badge: badges.checking },
  warning: { dimmed: false, badge: badges.warning },
  error: { dimmed: false, badge: badges.error },
  'signed-out': { dimmed: true, badge: null },
};

/** What covers a point of the icon, topmost first. */
type Paint = 'mark' | 'badge' | 'glyph' | 'outline';

interface Layers {
  paintAt(x: number, y: number): Paint | null;
}

function layersOf({ badge }: IconDesign): Layers {
  if (badge === null) {
    const outline = grow(glyph, outlineWidth);
    return { paintAt: (x, y) => (glyph(x, y) <= 0 ? 'glyph' : outline(x, y) <= 0 ? 'outline' : null) };
  }
  const mark = badge.mark ?? (() => Infinity);
  const visibleGlyph = subtract(glyph, grow(badge.shape, outlineWidth));
  const outline = grow(union(glyph, badge.shape), outlineWidth);
  return {
    paintAt(x, y) {
      if (badge.shape(x, y) <= 0) return mark(x, y) <= 0 ? 'mark' : 'badge';
      if (visibleGlyph(x, y) <= 0) return 'glyph';
      return outline(x, y) <= 0 ? 'outline' : null;
    },
  };
}

/** Colour and opacity of each paint; null: transparent. */
function palette(design: IconDesign, template: boolean): Record<Paint, { colour: Rgb; alpha: number } | null> {
  if (template) {
    const black: Rgb = [0, 0, 0];
    return { mark: null, outline: null, badge: { colour: black, alpha: 1 }, glyph: { colour: black, alpha: design.dimmed ? dimmedTemplateAlpha : 1 } };
  }
  return {
    mark: { colour: white, alpha: 1 },
    outline: { colour: white, alpha: 1 },
    badge: design.badge ? { colour: design.badge.colour, alpha: 1 } : null,
    glyph: { colour: design.dimmed ? dimmedGrey : appBlue, alpha: 1 },
  };
}

export interface RenderedIcon {
  width: number;
  height: number;
  /** Straight (not premultiplied) RGBA, row by row. */
  rgba: Uint8Array;
}

/** Samples per pixel along each axis, for smooth edges. */
const supersampling = 8;

export function renderTrayIcon(id: TrayIconId, size: number, template: boolean): RenderedIcon {
  const design = designs[id];
  const layers = layersOf(design);
  const paints = palette(design, template);
  const scale = 16 / size;
  const rgba = new Uint8Array(size * size * 4);
  const samples = supersampling * supersampling;

  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Premultiplied sums over the samples of this pixel.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < supersampling; sy++) {
        for (let sx = 0; sx < supersampling; sx++) {
          const paint = layers.paintAt((px + (sx + 0.5) / supersampling) * scale, (py + (sy + 0.5) / supersampling) * scale);
          const fill = paint === null ? null : paints[paint];
          if (fill === null) continue;
          r += fill.colour[0] * fill.alpha;
          g += fill.colour[1] * fill.alpha;
          b += fill.colour[2] * fill.alpha;
          a += fill.alpha;
        }
      }
      if (a === 0) continue;
      const offset = (py * size + px) * 4;
      rgba[offset] = Math.round(r / a);
      rgba[offset + 1] = Math.round(g / a);
      rgba[offset + 2] = Math.round(b / a);
      rgba[offset + 3] = Math.round((255 * a) / samples);
    }
  }
  return { width: size, height: size, rgba };
}

export interface TrayIconFile {
  fileName: string;
  icon: TrayIconId;
  template: boolean;
  size: number;
}

/**
 * Electron loads `{name}.png` and picks the file for the screen's scale by its suffix: 16 px at
 * 100 %, `@1.5x` (24 px) at 150 %, `@2x` (32 px) at 200 %. `{id}.png` in colour is for Windows and
 * Linux; `{id}Template.png` (black + alpha) is what macOS tints for light and dark menu bars.
 */
export const trayIconScales = [
  { size: 16, suffix: '' },
  { size: 24, suffix: '@1.5x' },
  { size: 32, suffix: '@2x' },
] as const;

export const trayIconFiles: readonly TrayIconFile[] = trayIconIds.flatMap((icon) =>
  [false, true].flatMap((template) =>
    trayIconScales.map(({ size, suffix }) => ({ fileName: `${icon}${template ? 'Template' : ''}${suffix}.png`, icon, template, size })),
  ),
);
