/**
 * The full sync: every live contact into the cache, stamped with a new generation; at the end the
 * contacts left with an older one (deleted in HubSpot) are swept out.
 *
 * Two strategies, both resumable from the checkpoint saved with every page:
 * - 'list': the list endpoint page after page (100 per page, opaque `after` cursor). Bound by
 *   latency: one request in flight.
 * - 'parallel' (default): contacts by hs_object_id ranges through search, several requests in
 *   flight under search's own 5/s limit. Each range is paged from its top down by "id < lowest id
 *   seen" (keyset: the 10,000-result cap never applies and no cursor is interpreted); a worker that
 *   runs out of ranges splits the busiest one. Alongside, under the general limit, the list endpoint
 *   pages up from the lowest ids, so the two meet inside ranges. Where the list has got to is only
 *   a hint: search gives up the rest of a range it has paged to the list only when HubSpot's count
 *   of contacts left there equals what this sync has written there; what the list alone covered is
 *   checked by the catch-up's count of every contact (see listFetchedTheRest).
 */
import { isAppError } from '../errors.ts';
import { LIST_PAGE_LIMIT, SEARCH_PAGE_LIMIT } from '../hubspot/contacts-api.ts';
import type { ContactsPageResult, HubSpotContact } from '../hubspot/contacts-api.ts';
import type { ContactsCache } from './cache.ts';
import type { UpsertOutcome } from './cache-types.ts';
import { allOrNothing, extremeContact, fetchIdPage, fetchIdPageIfWanted, modifiedMs } from './sync-context.ts';
import type { SyncContext } from './sync-context.ts';
import type { FullSyncCheckpoint, IdRange } from './sync-state.ts';

export type FullSyncStrategy = FullSyncCheckpoint['strategy'];

export interface FullSyncOptions {
  strategy: FullSyncStrategy;
  /** Search requests in flight at once (parallel strategy). */
  searchWorkers: number;
  /** Initial id ranges hold about this many contacts (parallel strategy). */
  rangeSize: number;
  /** Search's rate limit (HubSpot: 5 a second): with the list's speed, it sizes the list's share of the ids. */
  searchPerSecond: number;
}

export const defaultFullSyncOptions: FullSyncOptions = { strategy: 'parallel', searchWorkers: 3, rangeSize: 5000, searchPerSecond: 5 };

export interface FullSyncStart {
  checkpoint: FullSyncCheckpoint;
  /** Settles once the starting checkpoint (with the watermark) and the first pages are saved; the run's writes wait for it. */
  saved: Promise<void>;
}

/**
 * Opens a new generation and learns what there is to fetch while already fetching. For the parallel
 * strategy, at once: the top page by id (the highest ids, how many contacts there are) and the
 * list's first page (the lowest ids), so no request is spent only on the id bounds. The ranges are
 * planned as soon as those two pages are in. The watermark the catch-up continues from is awaited
 * only by the first write, so fetching goes on meanwhile (and a sync killed before that write starts
 * over: nothing of it is saved).
 */
export async function startFullSync(ctx: SyncContext, options: FullSyncOptions, now: number): Promise<FullSyncStart> {
  const generation = (await ctx.cache.syncState()).generation + 1;
  const parallel = options.strategy === 'parallel';
  const listSent = performance.now();
  // the page first: the search pacer serves in call order
  const top = parallel ? fetchIdPage(ctx, { from: 0, end: null }, 'DESCENDING') : null;
  const first = parallel ? timed(ctx.api.listContactsPage({ properties: ctx.properties, limit: LIST_PAGE_LIMIT }, ctx.signal), listSent) : null;
  const start = startingPoint(ctx, top);
  start.catch(() => {}); // awaited by `saved`
  const checkpoint: FullSyncCheckpoint = {
    generation,
    strategy: options.strategy,
    startedAt: now,
    startWatermark: null,
    total: null,
    properties: ctx.properties,
    list: { after: null, done: false, highestId: null, ascending: true },
    ranges: [],
  };
  const fetched: HubSpotContact[] = [];
  if (top && first) {
    const [topPage, listPage] = await Promise.all([top, first]);
    planFromFirstPages(checkpoint, topPage, listPage, options);
    fetched.push(...listPage.page.results, ...topPage.results);
  }
  // what the first write saves: the plan as it is now, before any worker moves on from it
  const initial = structuredClone(checkpoint);
  const saved = (async () => {
    const { watermark, total } = await start;
    checkpoint.startWatermark = initial.startWatermark = watermark;
    checkpoint.total = initial.total = total;
    // (spliced out: the pages are not held while the writer works)
    const outcome = await ctx.cache.upsertContacts(fetched.splice(0), { generation, fullSync: initial });
    ctx.log.info('Full sync started', { strategy: checkpoint.strategy, total, ranges: initial.ranges.length, generation });
    if (outcome.marked > 0) ctx.onFetched(outcome.marked);
  })();
  saved.catch(() => {}); // awaited by the caller
  if (!parallel) await saved;
  return { checkpoint, saved };
}

/**
 * Where the catch-up will continue from, and how many contacts HubSpot has. With the top page, that
 * is HubSpot's clock once the page is in (the catch-up's margin covers the moment between its read
 * and its answer) and the page's total: no search spent on them. Otherwise, or without a Date
 * header, HubSpot's newest change and its count, from one search.
 */
async function startingPoint(ctx: SyncContext, top: Promise<{ remaining: number }> | null): Promise<{ watermark: number | null; total: number }> {
  if (top) {
    const { remaining } = await top;
    const now = ctx.api.serverTime();
    if (now !== null) return { watermark: now, total: remaining };
  }
  const { contact, total } = await extremeContact(ctx, 'lastmodifieddate', 'DESCENDING');
  return { watermark: contact ? modifiedMs(contact) : null, total };
}

/** startFullSync, returning once the starting checkpoint is saved. */
export async function beginFullSync(ctx: SyncContext, options: FullSyncOptions, now: number): Promise<FullSyncCheckpoint> {
  const { checkpoint, saved } = await startFullSync(ctx, options, now);
  await saved;
  return checkpoint;
}

function planFromFirstPages(checkpoint: FullSyncCheckpoint, top: { results: HubSpotContact[]; remaining: number }, first: { page: ContactsPageResult; ms: number }, options: FullSyncOptions): void {
  advanceList(checkpoint.list, first.page);
  const topLowest = top.results.at(-1);
  const everythingFetched = checkpoint.list.done || top.results.length < SEARCH_PAGE_LIMIT || top.results.length >= top.remaining;
  if (!topLowest || everythingFetched) return;
  const listRate = (LIST_PAGE_LIMIT * 1000) / Math.max(1, first.ms);
  const low = checkpoint.list.ascending ? Number(first.page.results[0]?.id ?? 0) : 0;
  checkpoint.ranges = initialRanges({ low, end: Number(topLowest.id), contacts: top.remaining - top.results.length, listRate }, options);
}

async function timed<T>(request: Promise<T>, sentAt: number): Promise<{ page: T; ms: number }> {
  const page = await request;
  return { page, ms: performance.now() - sentAt };
}

export interface RangePlan {
  /** The lowest id the list returned first (a hint: the first range starts at 0 whatever it says). */
  low: number;
  /** Ids from here up are fetched already. */
  end: number;
  /** Contacts below `end`. */
  contacts: number;
  /** Contacts per second the list brought on its first page. */
  listRate: number;
}

/**
 * Id ranges over [0, end) for the search workers. Workers take ranges from the top down, so the
 * bottom one is taken last: it is the list's, sized by the list's share of the speed, so the list
 * (coming up from the lowest ids) and search meet as late as possible: once they have met, the list
 * has only ids already fetched ahead of it. The others (at least one per worker, about `rangeSize`
 * contacts each) hold a whole number of search pages if ids are evenly used: a range's last, part-
 * full page costs a request all the same.
 */
export function initialRanges(plan: RangePlan, options: Pick<FullSyncOptions, 'rangeSize' | 'searchWorkers' | 'searchPerSecond'>): IdRange[] {
  const low = Math.min(Math.max(0, plan.low), plan.end - 1);
  const idsPerContact = (plan.end - low) / Math.max(1, plan.contacts);
  // Search's rate counted low, so the list's range errs on the large side: too large costs little
  // (search takes it last and splits it, meeting the list), too small leaves the list going through
  // ids search has fetched already.
  const searchRate = 0.75 * options.searchPerSecond * SEARCH_PAGE_LIMIT;
  const searched = (plan.contacts * searchRate) / (plan.listRate + searchRate);
  const count = Math.min(63, Math.max(options.searchWorkers, Math.ceil(searched / options.rangeSize)));
  const perRange = Math.ceil(searched / count / SEARCH_PAGE_LIMIT) * SEARCH_PAGE_LIMIT;
  const width = Math.max(1, Math.round(perRange * idsPerContact));
  const listEnd = Math.max(1, plan.end - count * width);
  const ranges: IdRange[] = [{ next: 0, end: listEnd }];
  for (let from = listEnd; from < plan.end; from += width) ranges.push({ next: from, end: Math.min(from + width, plan.end) });
  return ranges;
}

/**
 * Runs (or resumes) the sync until every contact is fetched; saves progress with every page, once
 * `saved` (the starting checkpoint) has settled. With the parallel strategy, `lastPagesAsked` is
 * called once the last page of every range left has been asked for: a search asked for after that
 * is sent after them (search's pacer goes in order), while they are still on their way.
 */
export async function runFullSync(ctx: SyncContext, checkpoint: FullSyncCheckpoint, options: FullSyncOptions, saved: Promise<void> = Promise.resolve(), lastPagesAsked: () => void = () => {}): Promise<void> {
  if (checkpoint.strategy === 'list') {
    await saved;
    await listWorker(createRun(ctx, checkpoint, saved, lastPagesAsked), ctx, () => true);
    return;
  }
  const run = createRun(ctx, checkpoint, saved, lastPagesAsked);
  // once search has finished every range, the list's page on its way can only bring contacts already fetched
  const searchDone = new AbortController();
  await allOrNothing(ctx, [
    async (workersCtx: SyncContext) => {
      await Promise.all(Array.from({ length: Math.max(1, options.searchWorkers) }, () => searchWorker(run, workersCtx)));
      searchDone.abort();
    },
    (listCtx: SyncContext) => listWorker(run, { ...listCtx, signal: AbortSignal.any([listCtx.signal, searchDone.signal]) }, () => checkpoint.ranges.length > 0, searchDone.signal),
  ]);
  await saved;
}

/** The end of a complete full sync: sweep what HubSpot no longer has and save the new baseline. */
export function finishFullSync(cache: ContactsCache, checkpoint: FullSyncCheckpoint, now: number): Promise<number> {
  return cache.removeUnmarked({
    fullSync: null,
    lastFullSyncAt: now,
    lastSyncedAt: now,
    watermark: checkpoint.startWatermark,
    syncedProperties: checkpoint.properties,
  });
}

export function isFullSyncComplete(checkpoint: FullSyncCheckpoint): boolean {
  return checkpoint.strategy === 'list' ? checkpoint.list.done : checkpoint.ranges.length === 0;
}

interface Run {
  checkpoint: FullSyncCheckpoint;
  /** Writes a page and the checkpoint as it is now, in one transaction (the checkpoint is copied at the call). */
  commit(contacts: HubSpotContact[]): Promise<void>;
  claim(): IdRange | null;
  release(range: IdRange): void;
  finish(range: IdRange): void;
  isFinished(range: IdRange): boolean;
  /** After a page: how many contacts are left in the range and how densely its ids are used. */
  observe(range: IdRange, remaining: number, page: HubSpotContact[]): void;
  /** HubSpot's count of what is left in the range, when its last page said so and it has not been split since. */
  knownRemaining(range: IdRange): number | undefined;
  /** A page of the range has been asked for (it waits for its turn); `last` when that count says it holds the rest. */
  asked(range: IdRange, last: boolean): void;
}

function createRun(ctx: SyncContext, checkpoint: FullSyncCheckpoint, saved: Promise<void>, lastPagesAsked: () => void): Run {
  const claimed = new Set<IdRange>();
  const lastPageAsked = new Set<IdRange>();
  let everyLastPageAsked = false;
  const remaining = new Map<IdRange, number>();
  const exact = new Map<IdRange, number>();
  const idsPerContact = new Map<IdRange, number>();
  let isSaved = false;
  void saved.then(() => (isSaved = true), () => {});

  /** Where to cut a claimed range (paged from its top down) so each part holds about half of what is left. */
  const splitPoint = (range: IdRange): number | null => {
    const left = remaining.get(range) ?? 0;
    const spread = idsPerContact.get(range);
    if (left < 2 * SEARCH_PAGE_LIMIT || spread === undefined || range.end === null) return null;
    const mid = Math.max(range.end - Math.ceil((left * spread) / 2), range.next + Math.floor((range.end - range.next) / 2));
    return mid > range.next + SEARCH_PAGE_LIMIT && mid < range.end ? mid : null;
  };

  const noteWhetherEveryLastPageIsAsked = () => {
    if (everyLastPageAsked || !checkpoint.ranges.every((range) => lastPageAsked.has(range))) return;
    everyLastPageAsked = true;
    lastPagesAsked();
  };

  return {
    checkpoint,
    commit(contacts) {
      // copied now: by the time the starting checkpoint is saved, other pages may have moved it on
      const state = structuredClone(checkpoint);
      // Nothing waiting for the writer keeps the page (it is copied to the writer at the call): pages
      // held across that wait outlive young-generation collections by the hundred, which makes V8
      // grow the main thread's young generation to its largest (about 130 MB). So no closure here
      // refers to `contacts`: a closure keeps every variable of its scope that any closure uses.
      const written = isSaved ? ctx.cache.upsertContacts(contacts, { fullSync: state }) : writeOnceSaved(ctx, saved, contacts, state);
      return written.then((outcome) => {
        if (outcome.marked > 0) ctx.onFetched(outcome.marked);
      });
    },
    claim() {
      const open = checkpoint.ranges.filter((range) => !claimed.has(range));
      // from the top down: the list endpoint works up from the bottom
      const top = open.reduce<IdRange | null>((best, range) => (best === null || range.next > best.next ? range : best), null);
      if (top) {
        claimed.add(top);
        return top;
      }
      let busiest: IdRange | null = null;
      for (const range of claimed) if ((remaining.get(range) ?? 0) > (busiest ? (remaining.get(busiest) ?? 0) : 0)) busiest = range;
      const mid = busiest ? splitPoint(busiest) : null;
      if (!busiest || mid === null) return null;
      const lower: IdRange = { next: busiest.next, end: mid };
      busiest.next = mid;
      remaining.set(busiest, Math.ceil((remaining.get(busiest) ?? 0) / 2));
      exact.delete(busiest);
      checkpoint.ranges.push(lower);
      claimed.add(lower);
      return lower;
    },
    release(range) {
      claimed.delete(range);
      remaining.delete(range);
      exact.delete(range);
      idsPerContact.delete(range);
    },
    finish(range) {
      const index = checkpoint.ranges.indexOf(range);
      if (index >= 0) checkpoint.ranges.splice(index, 1);
      noteWhetherEveryLastPageIsAsked();
    },
    isFinished(range) {
      return !checkpoint.ranges.includes(range) || (range.end !== null && range.next >= range.end);
    },
    observe(range, left, page) {
      remaining.set(range, left);
      exact.set(range, left);
      const first = page[0];
      const last = page[page.length - 1];
      if (first && last && page.length > 1) idsPerContact.set(range, (Math.abs(Number(last.id) - Number(first.id)) + 1) / page.length);
    },
    knownRemaining: (range) => exact.get(range),
    asked(range, last) {
      if (last) lastPageAsked.add(range);
      else lastPageAsked.delete(range);
      noteWhetherEveryLastPageIsAsked();
    },
  };
}

/**
 * Pages the ranges it claims. Its last page's write is awaited only before the next page is handed
 * over, so the next page is fetched while the writer works: a writer that stops for a moment (a
 * checkpoint of its log) does not leave search slots unused.
 */
async function searchWorker(run: Run, ctx: SyncContext): Promise<void> {
  const unconfirmed = new Set<IdRange>();
  let writing: Promise<void> = Promise.resolve();
  try {
    for (let range = run.claim(); range !== null; range = run.claim()) {
      try {
        while (!run.isFinished(range)) {
          if (!unconfirmed.has(range) && listHasPassed(run, range)) {
            await writing; // counted with what this worker has written
            if (await listFetchedTheRest(run, ctx, range)) break;
            unconfirmed.add(range);
          }
          // the list may get there while the page waits its turn: then the turn goes to another search
          const stillWanted = () => unconfirmed.has(range) || !listHasPassed(run, range);
          const left = run.knownRemaining(range);
          const handing = fetchAndHandOver(run, ctx, range, writing, stillWanted);
          // (the page is queued for its turn by now: asking for it is synchronous up to the pacer)
          run.asked(range, left !== undefined && left <= SEARCH_PAGE_LIMIT);
          writing = (await handing).written;
        }
      } finally {
        unconfirmed.delete(range);
        run.release(range);
      }
    }
  } catch (error) {
    await writing.catch(() => {});
    throw error;
  }
  await writing;
}

async function writeOnceSaved(ctx: SyncContext, saved: Promise<void>, contacts: HubSpotContact[], state: FullSyncCheckpoint): Promise<UpsertOutcome> {
  await saved;
  return ctx.cache.upsertContacts(contacts, { fullSync: state });
}

/**
 * One page of a range, from its top down, handed to the writer once the worker's previous page is
 * written (pages of a worker reach the writer in order, and only one waits at a time); the write of
 * this one is returned to await later, wrapped so that returning it does not wait for it. Nothing is
 * fetched (the previous write is returned) when the page is no longer wanted at its turn.
 */
async function fetchAndHandOver(run: Run, ctx: SyncContext, range: IdRange, previous: Promise<void>, stillWanted: () => boolean): Promise<{ written: Promise<void> }> {
  const page = await fetchIdPageIfWanted(ctx, { from: range.next, end: range.end }, 'DESCENDING', stillWanted);
  if (page === null) return { written: previous };
  const { results, remaining } = page;
  await previous;
  // the range can be split while a page is on its way: its bounds are read again now, and moved in
  // the same turn as the commit that saves them, so no other commit saves them before this page
  const lowest = results[results.length - 1];
  if (lowest) range.end = Math.min(range.end ?? Number.POSITIVE_INFINITY, Number(lowest.id));
  if (results.length < SEARCH_PAGE_LIMIT || results.length >= remaining || (range.end !== null && range.end <= range.next)) run.finish(range);
  else run.observe(range, remaining - results.length, results);
  const written = run.commit(results);
  written.catch(() => {}); // awaited before the next page or on the way out
  return { written };
}

/** Has the list, coming up from the lowest ids, returned ids up to the end of what is left of this range? */
function listHasPassed(run: Run, range: IdRange): boolean {
  const { list } = run.checkpoint;
  return list.ascending && list.highestId !== null && range.end !== null && list.highestId + 1 >= range.end;
}

/**
 * The list says it has returned every id up to the range's end. When the range's last search page
 * gave HubSpot's count of what is left in it, that is believed only if it equals what this sync has
 * written there (else search goes on paging the range). Without such a count (the range was never
 * paged), no search is spent counting it: the catch-up after the full sync counts every contact
 * against the cache and fetches again any stretch where they differ (reconcile.ts), which also
 * finds a contact the list left out.
 */
async function listFetchedTheRest(run: Run, ctx: SyncContext, range: IdRange): Promise<boolean> {
  const expected = run.knownRemaining(range);
  if (expected !== undefined) {
    const written = await ctx.cache.countIds({ from: range.next, end: range.end }, { marked: true });
    if (written < expected) {
      ctx.log.info('The list did not cover an id range; fetching it through search', { from: range.next, end: range.end, expected, written });
      return false;
    }
  }
  run.finish(range);
  await run.commit([]);
  return true;
}

/** What a list page says about where the list has got to. */
function advanceList(list: FullSyncCheckpoint['list'], page: ContactsPageResult): void {
  for (const contact of page.results) {
    const id = Number(contact.id);
    if (list.highestId !== null && id <= list.highestId) list.ascending = false;
    else list.highestId = id;
  }
  list.after = page.next;
  list.done = page.next === null;
}

/**
 * Pages through the list; each page is written (with the list's position after it) while the next
 * is on its way, so the list waits on HubSpot only. Pages reach the writer in order.
 */
async function listWorker(run: Run, ctx: SyncContext, keepGoing: () => boolean, finished?: AbortSignal): Promise<void> {
  const { list } = run.checkpoint;
  let resumedCursor = list.after !== null;
  let writing: Promise<void> = Promise.resolve();
  try {
    while (!list.done && keepGoing()) {
      let page: ContactsPageResult | null;
      try {
        page = await ctx.api.listContactsPage({ properties: ctx.properties, after: list.after ?? undefined, limit: LIST_PAGE_LIMIT }, ctx.signal);
      } catch (error) {
        // A cursor saved by an earlier run may have expired at HubSpot: start the list over (the
        // contacts already written keep their generation, so nothing is lost).
        if (resumedCursor && isAppError(error) && error.kind === 'hubspot-error' && error.details?.httpStatus === 400) {
          ctx.log.warn('HubSpot refused the saved list position; listing from the start again');
          resumedCursor = false;
          await writing;
          Object.assign(list, { after: null, highestId: null, ascending: true });
          continue;
        }
        if (finished?.aborted) break;
        throw error;
      }
      resumedCursor = false;
      await writing;
      advanceList(list, page);
      writing = run.commit(page.results);
      page = null; // not held while the next page is fetched
      // awaited before the next page or on the way out; until then a failure must not go unhandled
      writing.catch(() => {});
      // out of order, where the list has got to says nothing: search covers everything
      if (!list.ascending && run.checkpoint.strategy === 'parallel') break;
    }
  } catch (error) {
    await writing.catch(() => {});
    throw error;
  }
  await writing;
}
