import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { ContactRow, ContactsQuery } from '../../../electron/ipc/types.ts';
import { useLoadedRows } from '../hooks/use-contact-rows.ts';
import { labelOf, widthOf, type PropertyIndex } from '../lib/columns.ts';
import type { ContactPageLoader } from '../lib/page-loader.ts';
import { rowsTopAt, rowWindow, scrollTopToShow, type RowGeometry } from '../lib/row-window.ts';
import { Icon } from './Icon.tsx';

export const rowHeight = 36;
/**
 * Rows drawn beyond each edge of the view, so a wheel step does not show blank space first. Few:
 * every row drawn costs layout, style and paint on each jump (scrolling a long table fast kept the
 * page's thread busy the whole time with 10 each side).
 */
const OVERSCAN = 5;
/**
 * Rows are placed from a base row that moves in steps of this many, the whole group moved by one
 * transform: a scroll then restyles one element, and a row is drawn again only when its contact or
 * the base changes (not on every scroll event, which in a compressed scroll area moves every row).
 */
const BASE_STEP = 64;

/**
 * Rows keep their elements from one scroll position to the next: each is keyed by its slot (its
 * index modulo the most rows a window holds), not by its contact, so a jump far down the list
 * rewrites the rows' text in place instead of building every row again (a scroll of 1,000,000 rows
 * end to end otherwise kept the page's thread busy building rows, and every answer it waited for
 * waited behind them). The focused row is keyed by its index: moving the focus moves it to another
 * element, which is what makes screen readers announce the new row.
 */
export function rowKey(index: number, activeIndex: number, slots: number): string {
  return index === activeIndex ? `row-${index}` : `slot-${index % slots}`;
}

type Sort = ContactsQuery['sort'];

interface ContactsTableProps {
  loader: ContactPageLoader;
  columns: readonly string[];
  properties: PropertyIndex;
  /** The column marked sorted; null when the rows are in the default order (the sort could not be applied). */
  sort: Sort | null;
  onSort(sort: Sort): void;
  /** Changes when the list starts over (new search or sort): scroll back to the top. */
  resetKey: string;
  empty: ReactNode;
}

/**
 * The contacts as an ARIA table that only puts the rows on screen in the DOM (so 1,000,000 rows
 * scroll smoothly, see row-window.ts): aria-rowcount/aria-rowindex tell assistive technology where
 * each row sits.
 * Rows are focusable one at a time (roving tabindex) and the arrow keys move between them.
 */
export function ContactsTable({ loader, columns, properties, sort, onSort, resetKey, empty }: ContactsTableProps) {
  useLoadedRows(loader);
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = loader.total ?? 0;
  const [activeIndex, setActiveIndex] = useState(0);
  const focusAfterRender = useRef(false);

  const [scrollTop, setScrollTop] = useState(0);
  const viewHeight = useRowsHeight(scrollRef);
  /** Where a keyboard move put the rows, for as long as the view stays at the scroll position it set. */
  const keyboardAnchor = useRef<{ scrollTop: number; rowsTop: number } | null>(null);

  const geometry: RowGeometry = { total, rowHeight, viewHeight };
  const anchor = keyboardAnchor.current;
  const rowsTop = anchor && anchor.scrollTop === scrollTop ? anchor.rowsTop : rowsTopAt(scrollTop, geometry);
  const view = rowWindow(geometry, scrollTop, OVERSCAN, rowsTop);
  const first = view.first;
  const last = Math.max(view.first, view.last);

  useEffect(() => {
    loader.load({ start: first, end: last });
  }, [loader, first, last, total]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    keyboardAnchor.current = null;
    setActiveIndex(0);
  }, [resetKey]);

  // After a key press the row may only exist once the scroll has rendered it: keep trying until then.
  useEffect(() => {
    if (!focusAfterRender.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${activeIndex}"]`);
    if (!row) return;
    focusAfterRender.current = false;
    row.focus({ preventScroll: true });
  });

  const pageRows = Math.max(1, Math.floor(viewHeight / rowHeight) - 1);

  const moveTo = (index: number) => {
    const next = Math.min(Math.max(0, index), total - 1);
    if (next < 0) return;
    setActiveIndex(next);
    focusAfterRender.current = true;
    const element = scrollRef.current;
    const target = scrollTopToShow(next, geometry, scrollTop, rowsTop);
    if (!element || !target) return;
    element.scrollTop = target.scrollTop;
    // the element may round the position; the rows go where the move wanted them either way
    keyboardAnchor.current = { scrollTop: element.scrollTop, rowsTop: target.rowsTop };
    setScrollTop(element.scrollTop);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + pageRows,
      PageUp: activeIndex - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  const { template, width } = columnLayout(columns, properties);
  const tabbableIndex = Math.min(activeIndex, Math.max(0, total - 1));
  const base = view.first - (view.first % BASE_STEP);
  // at most this many rows in a window (a partly shown row at each edge, and the overscan): consecutive indexes get distinct slots
  const slots = Math.ceil(viewHeight / rowHeight) + 1 + 2 * OVERSCAN;

  return (
    <div className="table-area">
      <div
        ref={scrollRef}
        className="grid"
        role="table"
        aria-label="Contacts"
        aria-rowcount={total + 1}
        aria-colcount={columns.length}
        aria-busy={loader.total === null}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div className="grid__head" role="rowgroup">
          <HeaderRow columns={columns} properties={properties} sort={sort} onSort={onSort} template={template} width={width} />
        </div>
        <div className="grid__body" style={{ height: view.bodyHeight, width }}>
          <div className="grid__rows" role="rowgroup" onKeyDown={onKeyDown} style={{ width, transform: `translateY(${view.topOf(base)}px)` }}>
            {Array.from({ length: view.last - view.first + 1 }, (_, offset) => view.first + offset).map((index) => (
              <TableRow
                key={rowKey(index, tabbableIndex, slots)}
                index={index}
                row={loader.row(index)}
                columns={columns}
                template={template}
                width={width}
                top={(index - base) * rowHeight}
                tabbable={index === tabbableIndex}
                onFocusRow={setActiveIndex}
              />
            ))}
          </div>
        </div>
      </div>
      {loader.total === 0 && <div className="table-empty">{empty}</div>}
    </div>
  );
}

/** The height the scroll area has for rows (below the sticky header row), kept as the window resizes. */
function useRowsHeight(scrollRef: RefObject<HTMLDivElement | null>): number {
  const [height, setHeight] = useState(rowHeight * 10);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setHeight(Math.max(rowHeight, element.clientHeight - rowHeight));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [scrollRef]);
  return height;
}

/** Each column's share of a row (its width at least, growing with the rest), and the row's width. */
function columnLayout(columns: readonly string[], properties: PropertyIndex): { template: string; width: string } {
  const template = columns.map((name) => `minmax(${widthOf(name, properties)}px, ${widthOf(name, properties)}fr)`).join(' ');
  const width = `max(100%, ${columns.reduce((sum, name) => sum + widthOf(name, properties), 0)}px)`;
  return { template, width };
}

interface HeaderRowProps {
  columns: readonly string[];
  properties: PropertyIndex;
  sort: Sort | null;
  onSort(sort: Sort): void;
  template: string;
  width: string;
}

/** The column headings: each a button that sorts by its column, ascending first, then the other way. */
function HeaderRow({ columns, properties, sort, onSort, template, width }: HeaderRowProps) {
  return (
    <div className="grid__row grid__row--head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, width }}>
      {columns.map((name, index) => {
        const sorted = sort !== null && sort.column === name;
        const ariaSort = sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
        return (
          <div key={name} className="grid__header" role="columnheader" aria-colindex={index + 1} aria-sort={ariaSort}>
            <button
              type="button"
              className="grid__sort"
              onClick={() => onSort({ column: name, direction: sorted && sort.direction === 'asc' ? 'desc' : 'asc' })}
              title={sorted ? `Sorted ${ariaSort}. Click to sort ${sort.direction === 'asc' ? 'descending' : 'ascending'}.` : 'Click to sort'}
            >
              <span className="grid__header-label">{labelOf(name, properties)}</span>
              <Icon name={sorted ? (sort.direction === 'asc' ? 'sortAscending' : 'sortDescending') : 'sortable'} className={sorted ? 'sort-icon sort-icon--active' : 'sort-icon'} />
            </button>
          </div>
        );
      })}
    </div>
  );
}

interface TableRowProps {
  index: number;
  /** Undefined while its page is loading. */
  row: ContactRow | undefined;
  columns: readonly string[];
  template: string;
  width: string;
  /** From the top of the rows' group. */
  top: number;
  tabbable: boolean;
  onFocusRow(index: number): void;
}

/** One contact's row; drawn again only when one of its props changes (memo). */
const TableRow = memo(function TableRow({ index, row, columns, template, width, top, tabbable, onFocusRow }: TableRowProps) {
  return (
    <div
      className={row ? 'grid__row' : 'grid__row grid__row--loading'}
      role="row"
      aria-rowindex={index + 2}
      data-row-index={index}
      tabIndex={tabbable ? 0 : -1}
      onFocus={() => onFocusRow(index)}
      style={{ gridTemplateColumns: template, width, transform: `translateY(${top}px)` }}
    >
      {columns.map((name, column) => {
        // Cells arrive as shown (labels, owner names, dates), formatted in the core like the export.
        // A loading cell is the same element with a placeholder drawn by CSS, so its text arrives in place.
        const text = row ? (row.cells[column] ?? '') : '';
        return (
          <div key={name} className={row ? 'grid__cell' : 'grid__cell skeleton'} role="cell" aria-colindex={column + 1} title={text.length > 0 ? text : undefined}>
            {text}
          </div>
        );
      })}
    </div>
  );
});
