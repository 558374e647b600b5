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
 *   a hint: search gives up the rest of a range to the list only when HubSpot's count of contacts
 *   there equals what this sync has written there.
 */
import { isAppError } from '../errors.ts';
import { LIST_PAGE_LIMIT, SEARCH_PAGE_LIMIT } from '../hubspot/contacts-api.ts';
import type { HubSpotContact } from '../hubspot/contacts-api.ts';
import type { ContactsCache } from './cache.ts';
import { allOrNothing, extremeContact, fetchIdPage, modifiedMs, remoteCount } from './sync-context.ts';
import type { SyncContext } from './sync-context.ts';
import type { FullSyncCheckpoint, IdRange } from './sync-state.ts';

export type FullSyncStrategy = FullSyncCheckpoint['strategy'];

export interface FullSyncOptions {
  strategy: FullSyncStrategy;
  /** Search requests in flight at once (parallel strategy). */
  searchWorkers: number;
  /** Initial id ranges hold about this many contacts (parallel strategy). */
  rangeSize: number;
}

export const defaultFullSyncOptions: FullSyncOptions = { strategy: 'parallel', searchWorkers: 3, rangeSize: 5000 };

/** Learns what there is to fetch, opens a new generation and saves the starting checkpoint. */
export async function beginFullSync(ctx: SyncContext, options: FullSyncOptions, now: number): Promise<FullSyncCheckpoint> {
  // all three at once (the id bounds are wasted only when there is nothing to fetch)
  const parallel = options.strategy === 'parallel';
  const [newest, lowest, highest] = await Promise.all([
    extremeContact(ctx, 'lastmodifieddate', 'DESCENDING'),
    parallel ? extremeContact(ctx, 'hs_object_id', 'ASCENDING') : null,
    parallel ? extremeContact(ctx, 'hs_object_id', 'DESCENDING') : null,
  ]);
  let ranges: IdRange[] = [];
  if (lowest && highest && newest.total > 0) {
    const low = Number(lowest.contact?.id ?? 0);
    const high = Number(highest.contact?.id ?? low);
    ranges = initialRanges(low, Math.max(low, high), newest.total, options.rangeSize);
  }
  const checkpoint: FullSyncCheckpoint = {
    generation: (await ctx.cache.syncState()).generation + 1,
    strategy: options.strategy,
    startedAt: now,
    startWatermark: newest.contact ? modifiedMs(newest.contact) : null,
    total: newest.total,
    properties: ctx.properties,
    list: { after: null, done: false, highestId: null, ascending: true },
    ranges,
  };
  await ctx.cache.updateSyncState({ generation: checkpoint.generation, fullSync: checkpoint });
  ctx.log.info('Full sync started', { strategy: checkpoint.strategy, total: checkpoint.total, ranges: ranges.length, generation: checkpoint.generation });
  return checkpoint;
}

/** Equal-width id ranges over [low, high]; the last one is open so contacts created meanwhile land in it. */
export function initialRanges(low: number, high: number, total: number, rangeSize: number): IdRange[] {
  const count = Math.min(64, Math.max(1, Math.ceil(total / rangeSize)));
  const width = Math.max(1, Math.ceil((high + 1 - low) / count));
  return Array.from({ length: count }, (_, i) => ({ next: low + i * width, end: i === count - 1 ? null : low + (i + 1) * width }));
}

/** Runs (or resumes) the sync until every contact is fetched; saves progress with every page. */
export async function runFullSync(ctx: SyncContext, checkpoint: FullSyncCheckpoint, options: FullSyncOptions): Promise<void> {
  if (checkpoint.strategy === 'list') {
    await listWorker(createRun(ctx, checkpoint), ctx, () => true);
    return;
  }
  const run = createRun(ctx, checkpoint);
  await allOrNothing(ctx, [
    ...Array.from({ length: Math.max(1, options.searchWorkers) }, () => (workerCtx: SyncContext) => searchWorker(run, workerCtx)),
    (workerCtx: SyncContext) => listWorker(run, workerCtx, () => checkpoint.ranges.length > 0),
  ]);
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
}

function createRun(ctx: SyncContext, checkpoint: FullSyncCheckpoint): Run {
  const claimed = new Set<IdRange>();
  const remaining = new Map<IdRange, number>();
  const idsPerContact = new Map<IdRange, number>();

  /** Where to cut a claimed range (paged from its top down) so each part holds about half of what is left. */
  const splitPoint = (range: IdRange): number | null => {
    const left = remaining.get(range) ?? 0;
    const spread = idsPerContact.get(range);
    if (left < 2 * SEARCH_PAGE_LIMIT || spread === undefined || range.end === null) return null;
    const mid = Math.max(range.end - Math.ceil((left * spread) / 2), range.next + Math.floor((range.end - range.next) / 2));
    return mid > range.next + SEARCH_PAGE_LIMIT && mid < range.end ? mid : null;
  };

  return {
    checkpoint,
    async commit(contacts) {
      const outcome = await ctx.cache.upsertContacts(contacts, { fullSync: checkpoint });
      if (outcome.marked > 0) ctx.onFetched(outcome.marked);
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
      checkpoint.ranges.push(lower);
      claimed.add(lower);
      return lower;
    },
    release(range) {
      claimed.delete(range);
      remaining.delete(range);
      idsPerContact.delete(range);
    },
    finish(range) {
      const index = checkpoint.ranges.indexOf(range);
      if (index >= 0) checkpoint.ranges.splice(index, 1);
    },
    isFinished(range) {
      return !checkpoint.ranges.includes(range) || (range.end !== null && range.next >= range.end);
    },
    observe(range, left, page) {
      remaining.set(range, left);
      const first = page[0];
      const last = page[page.length - 1];
      if (first && last && page.length > 1) idsPerContact.set(range, (Math.abs(Number(last.id) - Number(first.id)) + 1) / page.length);
    },
  };
}

async function searchWorker(run: Run, ctx: SyncContext): Promise<void> {
  const unconfirmed = new Set<IdRange>();
  for (let range = run.claim(); range !== null; range = run.claim()) {
    try {
      while (!run.isFinished(range)) {
        if (!unconfirmed.has(range) && listHasPassed(run, range)) {
          if (await listFetchedTheRest(run, ctx, range)) break;
          unconfirmed.add(range);
        }
        // the range can be split while a page is on its way: its bounds are read again afterwards
        const { results, remaining } = await fetchIdPage(ctx, { from: range.next, end: range.end }, 'DESCENDING');
        const lowest = results[results.length - 1];
        if (lowest) range.end = Math.min(range.end ?? Number.POSITIVE_INFINITY, Number(lowest.id));
        if (results.length < SEARCH_PAGE_LIMIT || results.length >= remaining || (range.end !== null && range.end <= range.next)) run.finish(range);
        else run.observe(range, remaining - results.length, results);
        await run.commit(results);
      }
    } finally {
      unconfirmed.delete(range);
      run.release(range);
    }
  }
}

/** Has the list, coming up from the lowest ids, returned ids up to the end of what is left of this range? */
function listHasPassed(run: Run, range: IdRange): boolean {
  const { list } = run.checkpoint;
  return list.ascending && list.highestId !== null && range.end !== null && list.highestId + 1 >= range.end;
}

/**
 * The list says it has returned every id below the range's end; that is believed only if HubSpot's
 * count of contacts left in the range equals what this sync has written there.
 */
async function listFetchedTheRest(run: Run, ctx: SyncContext, range: IdRange): Promise<boolean> {
  const span = { from: range.next, end: range.end };
  const expected = await remoteCount(ctx, span);
  const written = await ctx.cache.countIds(span, { marked: true });
  if (written < expected) {
    ctx.log.info('The list did not cover an id range; fetching it through search', { from: span.from, end: span.end, expected, written });
    return false;
  }
  run.finish(range);
  await run.commit([]);
  return true;
}

async function listWorker(run: Run, ctx: SyncContext, keepGoing: () => boolean): Promise<void> {
  const { list } = run.checkpoint;
  let resumedCursor = list.after !== null;
  while (!list.done && keepGoing()) {
    let page;
    try {
      page = await ctx.api.listContactsPage({ properties: ctx.properties, after: list.after ?? undefined, limit: LIST_PAGE_LIMIT }, ctx.signal);
    } catch (error) {
      // A cursor saved by an earlier run may have expired at HubSpot: start the list over (the
      // contacts already written keep their generation, so nothing is lost).
      if (resumedCursor && isAppError(error) && error.kind === 'hubspot-error' && error.details?.httpStatus === 400) {
        ctx.log.warn('HubSpot refused the saved list position; listing from the start again');
        resumedCursor = false;
        Object.assign(list, { after: null, highestId: null, ascending: true });
        continue;
      }
      throw error;
    }
    resumedCursor = false;
    for (const contact of page.results) {
      const id = Number(contact.id);
      if (list.highestId !== null && id <= list.highestId) list.ascending = false;
      else list.highestId = id;
    }
    list.after = page.next;
    list.done = page.next === null;
    await run.commit(page.results);
    // out of order, where the list has got to says nothing: search covers everything
    if (!list.ascending && run.checkpoint.strategy === 'parallel') return;
  }
}
