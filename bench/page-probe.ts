/**
 * Runs inside the page (Playwright addInitScript) before the app: watches the DOM and takes its
 * timestamps in the page itself, so the browser-automation round trips are not part of what is
 * measured. A row "has data" when it shows no loading placeholder (.skeleton), which is how the
 * contacts table draws rows whose page has not arrived yet.
 */

export interface ScrollOutcome {
  maxRows: number;
  reachedEnd: boolean;
  /** From the last jump to the last contact on screen with its data. */
  endMs: number;
}

export interface Probe {
  /** performance.now() when the contacts screen was first in the DOM, and when its first row had data (painted). */
  screenAt: number | null;
  firstRowsAt: number | null;
  /** Set once an armed search has shown its results: keydown → painted. */
  searchMs: number | null;
  /** The table shows its final row count and every row on screen has its data. */
  tableSettled(): boolean;
  /** The next keydown starts the clock; it stops when the table shows `expected` matches with data. */
  armSearch(expected: number): void;
  scrollToEnd(steps: number, lastRowIndex: number): Promise<ScrollOutcome>;
}

export interface ProbeWindow {
  __probe: Probe;
}

/**
 * The few DOM types the probe uses: the project's Node-side TypeScript has no DOM library, and
 * adding it for one file would let browser globals creep into code that runs under Node.
 */
interface ProbeElement {
  querySelector(selectors: string): ProbeElement | null;
  querySelectorAll(selectors: string): ArrayLike<ProbeElement> & Iterable<ProbeElement>;
  getAttribute(name: string): string | null;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}
interface PageGlobals {
  document: ProbeElement & { addEventListener(type: string, listener: () => void, options: { capture: boolean; once: boolean }): void };
  requestAnimationFrame(callback: () => void): number;
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  __probe?: Probe;
}

export function PAGE_PROBE(): void {
  // Serialised into the page: everything it uses must be defined in here.
  const page = globalThis as unknown as PageGlobals;
  const { document } = page;
  const table = (): ProbeElement | null => document.querySelector('[role="table"][aria-label="Contacts"]');
  const bodyRows = (grid: ProbeElement): ProbeElement[] => {
    const groups = grid.querySelectorAll('[role="rowgroup"]');
    const body = groups[groups.length - 1];
    return body ? [...body.querySelectorAll('[role="row"]')] : [];
  };
  const hasData = (row: ProbeElement): boolean => row.querySelector('[role="cell"]') !== null && row.querySelector('.skeleton') === null;
  const firstRowHasData = (grid: ProbeElement): boolean => {
    const first = bodyRows(grid)[0];
    return first !== undefined && hasData(first);
  };
  const nextFrame = (): Promise<number> => new Promise((resolve) => page.requestAnimationFrame(() => resolve(performance.now())));

  let search: { expected: number; startedAt: number | null; done: boolean } | null = null;
  let maxRows = 0;
  let firstRowsSeen = false;

  const probe: Probe = {
    screenAt: null,
    firstRowsAt: null,
    searchMs: null,
    tableSettled() {
      const grid = table();
      if (!grid || grid.getAttribute('aria-busy') === 'true') return false;
      return bodyRows(grid).every(hasData);
    },
    armSearch(expected) {
      search = { expected, startedAt: null, done: false };
      probe.searchMs = null;
      document.addEventListener(
        'keydown',
        () => {
          if (search && search.startedAt === null) search.startedAt = performance.now();
        },
        { capture: true, once: true },
      );
    },
    async scrollToEnd(steps, lastRowIndex) {
      const grid = table();
      if (!grid) return { maxRows: 0, reachedEnd: false, endMs: 0 };
      maxRows = grid.querySelectorAll('[role="row"]').length;
      for (let step = 1; step <= steps; step++) {
        grid.scrollTop = ((grid.scrollHeight - grid.clientHeight) * step) / steps;
        await nextFrame();
        await nextFrame();
      }
      const jumpedAt = performance.now();
      while (performance.now() - jumpedAt < 10_000) {
        grid.scrollTop = grid.scrollHeight;
        const last = grid.querySelector(`[role="row"][aria-rowindex="${lastRowIndex}"]`);
        if (last && hasData(last)) return { maxRows, reachedEnd: true, endMs: (await nextFrame()) - jumpedAt };
        await nextFrame();
      }
      return { maxRows, reachedEnd: false, endMs: performance.now() - jumpedAt };
    },
  };

  const check = (): void => {
    if (probe.screenAt === null && document.querySelector('main[aria-label="Contacts"]')) probe.screenAt = performance.now();
    const grid = table();
    if (!grid) return;
    maxRows = Math.max(maxRows, grid.querySelectorAll('[role="row"]').length);
    if (!firstRowsSeen && probe.screenAt !== null && firstRowHasData(grid)) {
      firstRowsSeen = true;
      void nextFrame().then((paintedAt) => {
        probe.firstRowsAt = paintedAt;
      });
    }
    const armed = search;
    if (armed && armed.startedAt !== null && !armed.done && grid.getAttribute('aria-rowcount') === String(armed.expected + 1) && firstRowHasData(grid)) {
      armed.done = true;
      const startedAt = armed.startedAt;
      void nextFrame().then((paintedAt) => {
        probe.searchMs = paintedAt - startedAt;
      });
    }
  };

  page.__probe = probe;
  new page.MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}
