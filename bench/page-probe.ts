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

/** The page's calls to the app (see startCalls), as the page saw them. */
export interface CallsOutcome {
  /** Milliseconds from each call's sending to its answer read by the page; unanswered ones by their age at the stop. */
  trips: number[];
  /** Of the answered calls, per the browser's resource timings: from the fetch to the response's last byte (network stack, server and wait for a connection)… */
  network: number[];
  /** …and of that, the wait before the request could be sent (the browser allows six connections per server, one is the event stream). */
  queued: number[];
  unanswered: number;
  /** The most a call was sent after its time (the page's own thread busy). */
  maxLateMs: number;
}

export interface JumpOutcome {
  /** From setting the scroll position to the rows there on screen with their data (painted). */
  ms: number;
  /** The first row drawn afterwards (0-based; the table draws a few above the view). */
  firstIndex: number;
  reached: boolean;
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
  /**
   * Calls the app's bridge channel every `everyMs` over the page's own transport (as the renderer's
   * bridge does: the preview's HTTP bridge), until stopCalls().
   */
  startCalls(channel: string, everyMs: number): void;
  stopCalls(): CallsOutcome;
  /** The next `startEvent` (a click, a keydown) starts the clock; it stops when the table has reloaded (busy, then every row with data) and painted. */
  armReload(startEvent: string): void;
  reloadMs: number | null;
  /** Scrolls to `fraction` of the table (1 = the end) and waits for the rows there, or the last row for the end. */
  jump(fraction: number, lastRowIndex: number): Promise<JumpOutcome>;
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
  location: { href: string };
  performance: {
    setResourceTimingBufferSize(size: number): void;
    clearResourceTimings(): void;
    getEntriesByName(name: string): { startTime: number; requestStart: number; responseEnd: number }[];
  };
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ json(): Promise<unknown> }>;
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(timer: number): void;
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

  const startOn = (event: string, started: (at: number) => void): void =>
    document.addEventListener(event, () => started(performance.now()), { capture: true, once: true });

  let search: { expected: number; startedAt: number | null; done: boolean } | null = null;
  let reload: { startedAt: number | null; sawBusy: boolean; done: boolean } | null = null;
  interface CallsState extends Omit<CallsOutcome, 'unanswered'> {
    timer: number;
    /** When each unanswered call was sent, by its number. */
    sent: Map<number, number>;
  }
  let calls: CallsState | null = null;
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
      startOn('keydown', (at) => {
        if (search && search.startedAt === null) search.startedAt = at;
      });
    },
    reloadMs: null,
    armReload(startEvent) {
      const armed = { startedAt: null as number | null, sawBusy: false, done: false };
      reload = armed;
      probe.reloadMs = null;
      startOn(startEvent, (at) => {
        armed.startedAt ??= at;
      });
    },
    startCalls(channel, everyMs) {
      const state: CallsState = { timer: 0, sent: new Map(), trips: [], network: [], queued: [], maxLateMs: 0 };
      calls = state;
      page.performance.setResourceTimingBufferSize(1_000_000);
      let due = performance.now();
      let next = 0;
      const send = (): void => {
        const sentAt = performance.now();
        const index = next++;
        state.maxLateMs = Math.max(state.maxLateMs, sentAt - due);
        // the query string only names the call in the browser's resource timings; the bridge reads the path
        const url = `/ipc/${channel}?probe=${index}`;
        state.sent.set(index, sentAt);
        void page
          .fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
          .then((response) => response.json())
          .then(() => {
            if (calls !== state || !state.sent.delete(index)) return;
            state.trips.push(performance.now() - sentAt);
            const timing = page.performance.getEntriesByName(new URL(url, page.location.href).href)[0];
            if (timing) {
              state.network.push(timing.responseEnd - timing.startTime);
              state.queued.push(timing.requestStart - timing.startTime);
            }
          })
          // a call that fails stays unanswered: stopCalls() counts it at its age
          .catch(() => {});
        // every everyMs; a late call does not make the next ones bunch up behind it
        due = Math.max(due + everyMs, sentAt);
        state.timer = page.setTimeout(send, Math.max(0, due - performance.now()));
      };
      send();
    },
    stopCalls() {
      const state = calls;
      calls = null;
      if (!state) return { trips: [], network: [], queued: [], unanswered: 0, maxLateMs: 0 };
      page.clearTimeout(state.timer);
      const now = performance.now();
      for (const sentAt of state.sent.values()) state.trips.push(now - sentAt);
      page.performance.clearResourceTimings();
      return { trips: state.trips, network: state.network, queued: state.queued, unanswered: state.sent.size, maxLateMs: state.maxLateMs };
    },
    async jump(fraction, lastRowIndex) {
      const grid = table();
      if (!grid) return { ms: 0, firstIndex: -1, reached: false };
      const indexes = (): number[] => bodyRows(grid).map((row) => Number(row.getAttribute('aria-rowindex')));
      const before = Math.max(...indexes());
      const startedAt = performance.now();
      grid.scrollTop = fraction >= 1 ? grid.scrollHeight : (grid.scrollHeight - grid.clientHeight) * fraction;
      // there: the last row (the end), the first (the top), or else none of the rows drawn before
      // (a scroll position is not a row position once the table compresses its scroll area)
      const there = (): boolean => {
        if (fraction >= 1) return grid.querySelector(`[role="row"][aria-rowindex="${lastRowIndex}"]`) !== null;
        if (fraction <= 0) return grid.querySelector('[role="row"][aria-rowindex="2"]') !== null;
        return Math.min(...indexes()) > before;
      };
      const firstIndex = (): number => Math.min(...indexes()) - 2;
      while (performance.now() - startedAt < 10_000) {
        if (there() && probe.tableSettled()) return { ms: (await nextFrame()) - startedAt, firstIndex: firstIndex(), reached: true };
        await nextFrame();
      }
      return { ms: performance.now() - startedAt, firstIndex: firstIndex(), reached: false };
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
    const reloading = reload;
    if (reloading && reloading.startedAt !== null && !reloading.done) {
      if (grid.getAttribute('aria-busy') === 'true') reloading.sawBusy = true;
      else if (reloading.sawBusy && bodyRows(grid).every(hasData)) {
        reloading.done = true;
        const startedAt = reloading.startedAt;
        void nextFrame().then((paintedAt) => {
          probe.reloadMs = paintedAt - startedAt;
        });
      }
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
