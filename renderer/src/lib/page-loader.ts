/**
 * Loads the contact table's rows page by page as the user scrolls, keeps the pages it has (up to a
 * bound), and reloads only what is on screen when the data changes underneath (a sync running).
 * Rows from before a change stay on screen until their fresh page arrives, so nothing flickers.
 * Framework-free: the React hook only subscribes to it.
 */
import type { ContactRow, ContactsPage, ContactsQuery, ErrorView, FilterIssue, SortIssue } from '../../../electron/ipc/types.ts';
import { toErrorView } from './error-help.ts';

export type RowsQuery = Pick<ContactsQuery, 'search' | 'sort' | 'columns' | 'filters'>;
export type FetchPage = (query: ContactsQuery) => Promise<ContactsPage>;

interface CachedPage {
  rows: ContactRow[];
  dataVersion: number;
  lastUsed: number;
}

export interface LoaderOptions {
  pageSize?: number;
  /** How many pages to keep; the ones least recently on screen go first. */
  maxPages?: number;
  maxConcurrent?: number;
  /** The clock and timer for flying past rows (see load); the browser's unless a test drives them. */
  now?: () => number;
  later?: (run: () => void, ms: number) => () => void;
}

/**
 * A view that jumps clear of where it was less than this long after the previous move, before the
 * rows there had arrived, is flying through the list (the scroll bar dragged, a long fling): its
 * pages are fetched once it has stayed put this long. At 1,000,000 contacts a page far down costs the cache 30-90 ms (SQLite walks the
 * sort index up to it), so fetching every page flown past kept both readers and the processor busy
 * for rows nobody saw, and every other answer waited. A move from rest, or within reach of the
 * rows shown (a wheel step, the arrow keys), or from rows already shown, fetches at once.
 */
export const SETTLE_MS = 80;

export class ContactPageLoader {
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxConcurrent: number;
  private readonly fetchPage: FetchPage;
  private query: RowsQuery | null = null;
  private queryKey = '';
  private generation = 0;
  private dataVersion = 0;
  private pages = new Map<number, CachedPage>();
  /** Pages with a request on its way (one each at a time). */
  private inFlight = new Set<number>();
  private wanted: number[] = [];
  private range: { start: number; end: number } = { start: 0, end: 0 };
  private useCounter = 0;
  private listeners = new Set<() => void>();
  private snapshot = 0;
  private status = 0;
  private statusKey = '';
  private readonly now: () => number;
  private readonly later: (run: () => void, ms: number) => () => void;
  private movedAt = Number.NEGATIVE_INFINITY;
  private cancelSettle: (() => void) | null = null;

  total: number | null = null;
  error: ErrorView | null = null;
  /** What the app said about the view's filters (e.g. one no longer available). */
  filterIssues: FilterIssue[] = [];
  /** Why the rows are not in the asked-for order (its property no longer exists), if they are not. */
  sortIssue: SortIssue | null = null;

  constructor(fetchPage: FetchPage, options: LoaderOptions = {}) {
    this.fetchPage = fetchPage;
    this.pageSize = options.pageSize ?? 100;
    this.maxPages = options.maxPages ?? 60;
    this.maxConcurrent = options.maxConcurrent ?? 2;
    this.now = options.now ?? (() => performance.now());
    this.later =
      options.later ??
      ((run, ms) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever anything visible changed (rows included); for useSyncExternalStore. */
  getSnapshot = (): number => this.snapshot;

  /**
   * Changes only when the total, the error or what the app said about the filters or the sort
   * changed: the screen around the table shows only those, and need not redraw for every page of
   * rows that arrives while scrolling.
   */
  getStatusSnapshot = (): number => this.status;

  /** A different search, sort, set of columns or filters: start over. */
  setQuery(query: RowsQuery): void {
    const key = JSON.stringify([query.search, query.sort.column, query.sort.direction, query.columns, query.filters ?? []]);
    if (key === this.queryKey) return;
    this.query = query;
    this.queryKey = key;
    this.generation += 1;
    this.pages.clear();
    this.inFlight.clear();
    this.wanted = [];
    this.total = null;
    this.error = null;
    this.filterIssues = [];
    this.sortIssue = null;
    this.range = { start: 0, end: 0 };
    this.request({ start: 0, end: this.pageSize - 1 });
    this.changed();
  }

  /** The contacts changed (a sync wrote rows): reload what is on screen, keep showing the old rows. */
  refresh(): void {
    if (this.query === null) return;
    this.dataVersion += 1;
    this.error = null;
    this.request(this.range);
  }

  /** Rows start..end (inclusive) are on screen: fetches what they need, or once they stay put when flying past (SETTLE_MS). */
  load(range: { start: number; end: number }): void {
    const now = this.now();
    const { start, end } = this.range;
    // flying: moved again soon, clear of the rows before, which were still waiting for their page
    const flying = now - this.movedAt < SETTLE_MS && (range.end < start || range.start > end) && !this.hasRows(this.range);
    this.movedAt = now;
    this.cancelSettle?.();
    this.cancelSettle = null;
    if (!flying) {
      this.request(range);
      return;
    }
    this.range = range;
    this.wanted = [];
    this.cancelSettle = this.later(() => {
      this.cancelSettle = null;
      this.request(this.range);
    }, SETTLE_MS);
  }

  private hasRows({ start, end }: { start: number; end: number }): boolean {
    for (let page = Math.floor(Math.max(0, start) / this.pageSize); page <= Math.floor(Math.max(start, end) / this.pageSize); page++) {
      if (!this.pages.has(page) && (this.total === null || page * this.pageSize < this.total)) return false;
    }
    return true;
  }

  private request(range: { start: number; end: number }): void {
    if (this.query === null) return;
    this.range = range;
    const first = Math.floor(Math.max(0, range.start) / this.pageSize);
    const last = Math.floor(Math.max(range.start, range.end) / this.pageSize);
    const stamp = ++this.useCounter;
    this.wanted = [];
    for (let page = first; page <= last; page++) {
      const cached = this.pages.get(page);
      if (cached) cached.lastUsed = stamp;
      if (this.total !== null && page * this.pageSize >= this.total && page > 0) continue;
      const fresh = cached !== undefined && cached.dataVersion === this.dataVersion;
      // one request per page at a time: one on its way for older data is asked again when it arrives
      if (!fresh && !this.inFlight.has(page)) this.wanted.push(page);
    }
    this.pump();
  }

  row(index: number): ContactRow | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.rows[index % this.pageSize];
  }

  private pump(): void {
    while (this.inFlight.size < this.maxConcurrent && this.wanted.length > 0) {
      const page = this.wanted.shift()!;
      void this.fetch(page);
    }
  }

  private async fetch(page: number): Promise<void> {
    const query = this.query!;
    const generation = this.generation;
    const dataVersion = this.dataVersion;
    this.inFlight.add(page);
    try {
      const result = await this.fetchPage({ ...query, offset: page * this.pageSize, limit: this.pageSize });
      if (generation !== this.generation) return;
      const cached = this.pages.get(page);
      if (cached === undefined || cached.dataVersion <= dataVersion) {
        this.pages.set(page, { rows: result.rows, dataVersion, lastUsed: cached?.lastUsed ?? this.useCounter });
        if (dataVersion === this.dataVersion || this.total === null) {
          this.total = result.total;
          this.filterIssues = result.filterIssues ?? [];
          this.sortIssue = result.sortIssue ?? null;
        }
        this.evict();
        // a page scrolled past before it arrived is kept, but redraws nothing (scrolling fast passes many)
        this.changed(this.onScreen(page));
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = toErrorView(error);
      this.changed();
    } finally {
      if (generation === this.generation) this.afterFetch(page, dataVersion);
    }
  }

  /**
   * A sync changes the data a few times a second, and at 1,000,000 contacts a page can take longer
   * than that to come back: a page the data changed under while it was on its way is asked for
   * once more, instead of a request per change piling up on the cache and the connection.
   */
  private afterFetch(page: number, dataVersion: number): void {
    this.inFlight.delete(page);
    if (this.error !== null) return;
    const stale = dataVersion !== this.dataVersion && this.onScreen(page) && this.cancelSettle === null;
    if (stale && !this.wanted.includes(page)) this.wanted.unshift(page);
    this.pump();
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const oldest = [...this.pages.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [page] of oldest.slice(0, this.pages.size - this.maxPages)) this.pages.delete(page);
  }

  private onScreen(page: number): boolean {
    const { start, end } = this.range;
    return page >= Math.floor(Math.max(0, start) / this.pageSize) && page <= Math.floor(Math.max(start, end) / this.pageSize);
  }

  /** Tells the listeners, unless only rows off screen changed and the status did not. */
  private changed(rowsShown = true): void {
    const statusKey = JSON.stringify([this.total, this.error, this.filterIssues, this.sortIssue]);
    const statusChanged = statusKey !== this.statusKey;
    if (statusChanged) {
      this.statusKey = statusKey;
      this.status += 1;
    }
    if (!rowsShown && !statusChanged) return;
    this.snapshot += 1;
    for (const listener of this.listeners) listener();
  }
}
