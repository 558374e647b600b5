/**
 * Shapes as signed distance functions (negative inside, positive outside, in the units of the grid
 * they are drawn on), so any shape can be grown by a given width: an outline, or the gap that
 * separates a badge from the glyph under it.
 *
 * Only +, −, ×, ÷ and Math.sqrt, which IEEE 754 rounds exactly: every machine and Node version draws
 * the same pixels, which the test comparing the committed icons relies on (Math.hypot, sin and cos
 * may differ in the last bit between platforms).
 */
export type Point = readonly [number, number];
export type Shape = (x: number, y: number) => number;

const length = (dx: number, dy: number) => Math.sqrt(dx * dx + dy * dy);

function distanceToSegment(x: number, y: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return length(x - (ax + t * dx), y - (ay + t * dy));
}

const segmentsOf = (points: readonly Point[]) => points.slice(1).map((end, i) => [points[i]!, end] as const);

export const circle = (cx: number, cy: number, radius: number): Shape => (x, y) => length(x - cx, y - cy) - radius;

/** A square of side 2 × `half` centred on (cx, cy), its corners rounded with `radius`. */
export function roundedSquare(cx: number, cy: number, half: number, radius: number): Shape {
  return (x, y) => {
    const qx = Math.abs(x - cx) - (half - radius);
    const qy = Math.abs(y - cy) - (half - radius);
    return length(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

/** A pen stroke of the given width through the points, with round ends and joins. */
export function stroke(width: number, ...points: Point[]): Shape {
  const segments = segmentsOf(points);
  return (x, y) => Math.min(...segments.map(([a, b]) => distanceToSegment(x, y, a, b))) - width / 2;
}

/** A closed polygon (any winding). */
export function polygon(...points: Point[]): Shape {
  const edges = segmentsOf([...points, points[0]!]);
  return (x, y) => {
    let inside = false;
    for (const [[ax, ay], [bx, by]] of edges) {
      if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
    }
    const distance = Math.min(...edges.map(([a, b]) => distanceToSegment(x, y, a, b)));
    return inside ? -distance : distance;
  };
}

/** Everything above the horizontal line at `y0` (y grows downwards). */
export const above = (y0: number): Shape => (_x, y) => y - y0;

export const union = (...shapes: Shape[]): Shape => (x, y) => Math.min(...shapes.map((shape) => shape(x, y)));
export const intersection = (...shapes: Shape[]): Shape => (x, y) => Math.max(...shapes.map((shape) => shape(x, y)));
export const subtract = (shape: Shape, hole: Shape): Shape => (x, y) => Math.max(shape(x, y), -hole(x, y));
/** The shape with a band of `width` added all round (a negative width shrinks it). */
export const grow = (shape: Shape, width: number): Shape => (x, y) => shape(x, y) - width;
