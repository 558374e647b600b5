import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BODY_HEIGHT, rowWindow, scrollTopToShow, type RowGeometry } from '../src/lib/row-window.ts';

const rowHeight = 36;
const viewHeight = 720; // 20 rows
const million: RowGeometry = { total: 1_000_000, rowHeight, viewHeight };

/** The rows wholly inside the view, as someone looking at the table sees them. */
function rowsInView(geometry: RowGeometry, scrollTop: number, rowsTop?: number): number[] {
  const view = rowWindow(geometry, scrollTop, 0, rowsTop);
  const seen = [];
  for (let index = view.first; index <= view.last; index++) {
    const top = view.topOf(index) - scrollTop;
    if (top >= 0 && top + rowHeight <= geometry.viewHeight) seen.push(index);
  }
  return seen;
}

test('a million rows fit under the browser cap, and the end of the scroll shows the last row', () => {
  const view = rowWindow(million, 0, 10);
  assert.ok(view.bodyHeight <= MAX_BODY_HEIGHT);
  const end = view.bodyHeight - viewHeight;
  const last = rowsInView(million, end);
  assert.equal(last.at(-1), 999_999);
  assert.equal(last.length, 20);
  assert.deepEqual(rowsInView(million, 0), Array.from({ length: 20 }, (_, i) => i));
});

test('rows on screen sit one under the other with no gap, anywhere in a compressed list', () => {
  for (const scrollTop of [1, 12_345, 7_999_999, 15_000_000]) {
    const view = rowWindow(million, scrollTop, 10);
    for (let index = view.first + 1; index <= view.last; index++) assert.equal(view.topOf(index) - view.topOf(index - 1), rowHeight);
    assert.ok(view.last - view.first + 1 < 100, 'fewer than 100 rows drawn');
  }
});

test('scrolling down never moves the rows back up', () => {
  let previous = -1;
  for (let scrollTop = 0; scrollTop < MAX_BODY_HEIGHT; scrollTop += 99_991) {
    const firstSeen = rowsInView(million, scrollTop)[0] ?? -1;
    assert.ok(firstSeen >= previous, `at ${scrollTop}`);
    previous = firstSeen;
  }
});

test('a list that fits scrolls one to one, as before', () => {
  const small: RowGeometry = { total: 5_000, rowHeight, viewHeight };
  const view = rowWindow(small, 3_600, 0);
  assert.equal(view.bodyHeight, 5_000 * rowHeight);
  assert.equal(view.first, 100);
  assert.equal(view.topOf(100), 3_600);
});

test('a keyboard move shows the wanted row whole, in the middle and at the end of a million', () => {
  for (const index of [0, 20, 500_000, 999_998, 999_999]) {
    const target = scrollTopToShow(index, million, 0);
    const scrollTop = target?.scrollTop ?? 0;
    assert.ok(scrollTop <= MAX_BODY_HEIGHT - viewHeight);
    assert.ok(rowsInView(million, scrollTop, target?.rowsTop).includes(index), `row ${index}`);
  }
  assert.equal(scrollTopToShow(5, million, 0), null, 'already in view: no move');
});
