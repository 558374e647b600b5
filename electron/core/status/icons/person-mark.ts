/**
 * The person mark of the app icon (a head over the top half of a disc for the shoulders), in the
 * app icon's 0..1 square. The app icon (build/icons/app-icon.ts) draws it white on blue; the tray
 * glyph draws the same mark, scaled up to fill the tray's square.
 */
import { above, circle, intersection, union, type Shape } from './shapes.ts';

export const personMark = {
  head: { cx: 0.36, cy: 0.42, radius: 0.085 },
  /** The shoulders are the half of this disc above its centre. */
  shoulders: { cx: 0.36, cy: 0.7, radius: 0.15 },
} as const;

/** The mark's bounds in the app icon's square. */
export const personMarkBounds = {
  left: personMark.shoulders.cx - personMark.shoulders.radius,
  top: personMark.head.cy - personMark.head.radius,
  bottom: personMark.shoulders.cy,
} as const;

/** The mark scaled so that it is `height` tall with its top-left corner at (`left`, `top`). */
export function personShape(left: number, top: number, height: number): Shape {
  const scale = height / (personMarkBounds.bottom - personMarkBounds.top);
  const at = (x: number, y: number) => [left + (x - personMarkBounds.left) * scale, top + (y - personMarkBounds.top) * scale] as const;
  const { head, shoulders } = personMark;
  const [headX, headY] = at(head.cx, head.cy);
  const [shouldersX, shouldersY] = at(shoulders.cx, shoulders.cy);
  return union(circle(headX, headY, head.radius * scale), intersection(circle(shouldersX, shouldersY, shoulders.radius * scale), above(shouldersY)));
}
