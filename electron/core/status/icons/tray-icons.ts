/**
 * The tray icons, drawn with plain geometry so they can be regenerated and checked byte for byte.
 * Each state has its own SHAPE (not only its own colour), so it reads for colour-blind users and
 * in macOS template mode, which keeps only the alpha channel:
 *   connected   filled disc with a check mark cut out
 *   syncing     ring with an arrow head (circular arrow)
 *   checking    ring with three dots inside
 *   warning     triangle with an exclamation mark cut out
 *   error       filled disc with a cross cut out
 *   signed-out  plain ring
 */
import type { TrayIconId } from '../tray-model.ts';
import { trayIconIds } from '../tray-model.ts';

/** Shapes are described on a 16 × 16 grid (y grows downwards) and scaled to the output size. */
type Region = (x: number, y: number) => boolean;
type Rgb = readonly [number, number, number];

interface Layer {
  /** 'shape' paints the icon's colour (black in template mode); 'mark' paints the contrasting mark (cut out in template mode). */
  paint: 'shape' | 'mark';
  region: Region;
}

interface IconDesign {
  colour: Rgb;
  markColour: Rgb;
  layers: Layer[];
}

const centre = 8;
const white: Rgb = [255, 255, 255];
const nearBlack: Rgb = [33, 33, 33];

// Squared distances only: plain IEEE arithmetic gives the same pixels on every machine and Node
// version, which the test comparing the committed files relies on.
const squaredDistance = (x: number, y: number, cx: number, cy: number) => (x - cx) * (x - cx) + (y - cy) * (y - cy);

function squaredDistanceToSegment(x: number, y: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return squaredDistance(x, y, ax + t * dx, ay + t * dy);
}

const disc = (radius: number, cx = centre, cy = centre): Region => (x, y) => squaredDistance(x, y, cx, cy) <= radius * radius;
const ring = (inner: number, outer: number): Region => (x, y) => {
  const d = squaredDistance(x, y, centre, centre);
  return d >= inner * inner && d <= outer * outer;
};
const stroke = (width: number, ...points: (readonly [number, number])[]): Region => {
  const limit = (width / 2) * (width / 2);
  const segments = points.slice(1).map((end, i) => [points[i]!, end] as const);
  return (x, y) => segments.some(([start, end]) => squaredDistanceToSegment(x, y, start, end) <= limit);
};

function triangle(a: readonly [number, number], b: readonly [number, number], c: readonly [number, number]): Region {
  const side = (p: readonly [number, number], q: readonly [number, number], x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

const union = (...regions: Region[]): Region => (x, y) => regions.some((region) => region(x, y));
const minus = (region: Region, hole: Region): Region => (x, y) => region(x, y) && !hole(x, y);

/** The gap in the syncing ring: the top-right sector from 12 o'clock to about 40° above 3 o'clock. */
const syncGap: Region = (x, y) => x > centre && y < centre && centre - y > (x - centre) * 0.84;

const designs: Record<TrayIconId, IconDesign> = {
  connected: {
    colour: [46, 125, 50],
    markColour: white,
    layers: [
      { paint: 'shape', region: disc(7.5) },
      { paint: 'mark', region: stroke(2, [4.4, 8.3], [7, 10.9], [11.7, 5.6]) },
    ],
  },
  syncing: {
    colour: [21, 101, 192],
    markColour: white,
    layers: [
      {
        paint: 'shape',
        region: union(minus(ring(4.1, 6.3), syncGap), triangle([7.4, 0.3], [7.4, 5.7], [10.9, 3])),
      },
    ],
  },
  checking: {
    colour: [84, 110, 122],
    markColour: white,
    layers: [{ paint: 'shape', region: union(ring(5.9, 7.5), disc(1.2, 4.9), disc(1.2, 8), disc(1.2, 11.1)) }],
  },
  warning: {
    colour: [249, 168, 37],
    markColour: nearBlack,
    layers: [
      { paint: 'shape', region: triangle([8, 0.6], [15.6, 14.8], [0.4, 14.8]) },
      { paint: 'mark', region: union(stroke(2, [8, 5.4], [8, 9.6]), disc(1.15, 8, 12.3)) },
    ],
  },
  error: {
    colour: [198, 40, 40],
    markColour: white,
    layers: [
      { paint: 'shape', region: disc(7.5) },
      { paint: 'mark', region: union(stroke(2, [5.3, 5.3], [10.7, 10.7]), stroke(2, [10.7, 5.3], [5.3, 10.7])) },
    ],
  },
  'signed-out': {
    colour: [117, 117, 117],
    markColour: white,
    layers: [{ paint: 'shape', region: ring(5.9, 7.5) }],
  },
};

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
          const x = (px + (sx + 0.5) / supersampling) * scale;
          const y = (py + (sy + 0.5) / supersampling) * scale;
          const paint = topmostPaint(design.layers, x, y);
          if (paint === null || (template && paint === 'mark')) continue;
          const colour = template ? ([0, 0, 0] as const) : paint === 'shape' ? design.colour : design.markColour;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (a === 0) continue;
      rgba[offset] = Math.round(r / a);
      rgba[offset + 1] = Math.round(g / a);
      rgba[offset + 2] = Math.round(b / a);
      rgba[offset + 3] = Math.round((255 * a) / samples);
    }
  }
  return { width: size, height: size, rgba };
}

function topmostPaint(layers: Layer[], x: number, y: number): Layer['paint'] | null {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (layer.region(x, y)) return layer.paint;
  }
  return null;
}

export interface TrayIconFile {
  fileName: string;
  icon: TrayIconId;
  template: boolean;
  size: number;
}

/**
 * Every file the tray uses: `{id}.png` (16 px) and `{id}@2x.png` (32 px) in colour for Windows and
 * Linux, and `{id}Template.png` / `{id}Template@2x.png` (black + alpha) that macOS tints for light
 * and dark menu bars. Electron picks the @2x file on its own on high-density screens.
 */
export const trayIconFiles: readonly TrayIconFile[] = trayIconIds.flatMap((icon) =>
  [false, true].flatMap((template) =>
    [16, 32].map((size) => ({
      fileName: `${icon}${template ? 'Template' : ''}${size === 32 ? '@2x' : ''}.png`,
      icon,
      template,
      size,
    })),
  ),
);
