/** WCAG 2 contrast between colours, and icons laid over a background, for the tray icon tests. */
type Rgb = readonly [number, number, number];

const channel = (value: number) => {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

export const relativeLuminance = ([r, g, b]: Rgb) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [darker, lighter] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => x - y) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

export const hex = (value: string): Rgb => [1, 3, 5].map((i) => Number.parseInt(value.slice(i, i + 2), 16)) as unknown as Rgb;

/** The pixel at `index` (a pixel number, not a byte offset) of straight RGBA laid over `background`. */
export function over(rgba: Uint8Array, index: number, background: Rgb): Rgb {
  const alpha = rgba[index * 4 + 3]! / 255;
  return background.map((value, c) => Math.round(rgba[index * 4 + c]! * alpha + value * (1 - alpha))) as unknown as Rgb;
}
