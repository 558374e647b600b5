/**
 * The app icon, drawn with plain geometry: a blue rounded square with a white contact card (a head
 * and shoulders beside two text lines). Supersampled 4 × 4 per pixel for smooth edges.
 */
import { personMark } from '../../electron/core/status/icons/person-mark.ts';

export const appIconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

const background = { top: [0x2f, 0x6f, 0xde], bottom: [0x1d, 0x4e, 0xb0] } as const;
const foreground = [0xff, 0xff, 0xff] as const;
const samples = 4;

// Products, not `**`: plain IEEE multiplication gives the same pixels on every machine, which the
// test comparing the committed files relies on.
const square = (value: number) => value * value;

/** Shapes on a 0..1 square, y downwards. */
function insideRoundedSquare(x: number, y: number): boolean {
  const margin = 0.06;
  const radius = 0.2;
  const min = margin + radius;
  const max = 1 - margin - radius;
  const cx = Math.min(Math.max(x, min), max);
  const cy = Math.min(Math.max(y, min), max);
  return square(x - cx) + square(y - cy) <= square(radius);
}

function insideCard(x: number, y: number): boolean {
  const { head: h, shoulders: s } = personMark;
  const head = square(x - h.cx) + square(y - h.cy) <= square(h.radius);
  // Shoulders: the top half of a disc under the head.
  const shoulders = y <= s.cy && square((x - s.cx) / s.radius) + square((y - s.cy) / s.radius) <= 1;
  // Text lines with round ends.
  const line = (centreY: number, width: number) => {
    const nearestX = Math.min(Math.max(x, 0.6), 0.6 + width);
    return square(x - nearestX) + square(y - centreY) <= square(0.03);
  };
  return head || shoulders || line(0.43, 0.18) || line(0.55, 0.1) || line(0.67, 0.15);
}

/** `size` × `size` pixels of RGBA, row by row. */
export function renderAppIcon(size: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0;
      let card = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!insideRoundedSquare(x, y)) continue;
          cover += 1;
          if (insideCard(x, y)) card += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (cover === 0) continue;
      const t = py / Math.max(1, size - 1);
      const share = card / cover;
      for (let channel = 0; channel < 3; channel++) {
        const base = background.top[channel]! + (background.bottom[channel]! - background.top[channel]!) * t;
        rgba[offset + channel] = Math.round(base + (foreground[channel]! - base) * share);
      }
      rgba[offset + 3] = Math.round((255 * cover) / (samples * samples));
    }
  }
  return rgba;
}
