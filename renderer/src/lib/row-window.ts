/**
 * Which rows of a fixed-height list are on screen, and where each is drawn, for lists taller than a
 * browser lets an element be. Chromium stops an element's height at about 33.5 million pixels, so
 * 1,000,000 rows of 36 px cannot all be reached by scrolling (TanStack Virtual leaves this to the
 * app: its issue #616). Past `MAX_BODY_HEIGHT` the scroll area is compressed: a scroll position maps
 * linearly onto the rows' own positions, both ends included, and only the rows on screen are drawn
 * where the viewer expects them. Below it, a scroll position is a row position, one to one.
 */

/** Under every browser's cap, and under 2^24 so positions stay whole pixels in single-precision compositing. */
export const MAX_BODY_HEIGHT = 16_000_000;

export interface RowGeometry {
  total: number;
  rowHeight: number;
  /** Height of the part of the scroll area that shows rows (below the sticky header). */
  viewHeight: number;
  /** Tallest the rows' element may be; MAX_BODY_HEIGHT unless a test says otherwise. */
  maxBodyHeight?: number;
}

export interface RowWindow {
  /** Height to give the rows' element (the scroll range). */
  bodyHeight: number;
  /** First and last row to draw (overscan included); last < first when there are none. */
  first: number;
  last: number;
  /** Where to draw row `index`, from the top of the rows' element. */
  topOf(index: number): number;
}

function scale({ total, rowHeight, viewHeight, maxBodyHeight = MAX_BODY_HEIGHT }: RowGeometry) {
  const rowsHeight = total * rowHeight;
  const bodyHeight = Math.min(rowsHeight, maxBodyHeight);
  const maxScroll = Math.max(0, bodyHeight - viewHeight);
  const maxRowsTop = Math.max(0, rowsHeight - viewHeight);
  // both ends meet: the last scroll position shows the last row
  const ratio = maxScroll > 0 ? maxRowsTop / maxScroll : 1;
  return { bodyHeight, maxScroll, maxRowsTop, ratio };
}

/** The rows' own position (what is at the top of the view) for a scroll position. */
export function rowsTopAt(scrollTop: number, geometry: RowGeometry): number {
  const { maxScroll, maxRowsTop, ratio } = scale(geometry);
  return Math.round(Math.min(maxRowsTop, Math.max(0, Math.min(scrollTop, maxScroll) * ratio)));
}

/**
 * The rows to draw with the view at `scrollTop`. `rowsTop`, when given, is where a keyboard move
 * put the rows (see scrollTopToShow): a compressed scroll position alone can be off by a few pixels.
 */
export function rowWindow(geometry: RowGeometry, scrollTop: number, overscan: number, rowsTop = rowsTopAt(scrollTop, geometry)): RowWindow {
  const { total, rowHeight, viewHeight } = geometry;
  const { bodyHeight } = scale(geometry);
  const first = Math.max(0, Math.floor(rowsTop / rowHeight) - overscan);
  const last = Math.min(total - 1, Math.floor((rowsTop + Math.max(viewHeight, 1) - 1) / rowHeight) + overscan);
  return { bodyHeight, first, last, topOf: (index) => index * rowHeight - rowsTop + scrollTop };
}

/**
 * Where to scroll so row `index` is fully in view, moving as little as possible (null: it already
 * is), with the rows' position that goes with it.
 */
export function scrollTopToShow(index: number, geometry: RowGeometry, scrollTop: number, rowsTop = rowsTopAt(scrollTop, geometry)): { scrollTop: number; rowsTop: number } | null {
  const { rowHeight, viewHeight } = geometry;
  const { maxScroll, maxRowsTop, ratio } = scale(geometry);
  const rowTop = index * rowHeight;
  let wanted: number;
  if (rowTop < rowsTop) wanted = rowTop;
  else if (rowTop + rowHeight > rowsTop + viewHeight) wanted = rowTop + rowHeight - viewHeight;
  else return null;
  wanted = Math.min(maxRowsTop, Math.max(0, wanted));
  return { scrollTop: Math.min(maxScroll, Math.round(wanted / ratio)), rowsTop: wanted };
}
