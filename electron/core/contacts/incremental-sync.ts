/**
 * The incremental sync: contacts changed since the watermark, through search on lastmodifieddate
 * (oldest change first, 200 per page). Search answers at most 10,000 results per query, so when a
 * query reaches that, it starts again from the last change seen. Changes made while it pages move
 * to the end of the order, so they are met later rather than skipped.
 */
import { SEARCH_PAGE_LIMIT, SEARCH_RESULT_CAP } from '../hubspot/contacts-api.ts';
import type { HubSpotContact, SearchBody } from '../hubspot/contacts-api.ts';
import { modifiedMs } from './sync-context.ts';
import type { SyncContext } from './sync-context.ts';

/** Search can show a change a little after it happened: every run looks this far back again. */
export const WATERMARK_SAFETY_MARGIN_MS = 5 * 60_000;

/**
 * How many of the newest changes the first search of a catch-up brings (sync.ts). A quiet portal
 * has fewer between two syncs, so that one search is the whole sync; a small page keeps it light.
 */
export const NEWEST_CHANGES_LIMIT = 50;

/** One search's answer: every live contact counted, and the newest changes among them, newest first. */
export interface NewestChanges {
  total: number;
  results: HubSpotContact[];
}

/** Every contact, newest change first: the total is HubSpot's count of them all, the results the newest changes. */
export async function newestChanges(ctx: SyncContext): Promise<NewestChanges> {
  const page = await ctx.api.searchContacts({ sorts: [{ propertyName: 'lastmodifieddate', direction: 'DESCENDING' }], properties: ctx.properties, limit: NEWEST_CHANGES_LIMIT }, ctx.signal);
  return { total: page.total, results: page.results };
}

/**
 * The changes from `windowStart` on, oldest first, when the newest changes hold all of them: the
 * page ends with an older change, or holds every contact there is. Null otherwise (they are paged).
 */
export function changesSince(newest: NewestChanges, windowStart: number): HubSpotContact[] | null {
  const stamps = newest.results.map(modifiedMs);
  if (stamps.some((stamp) => stamp === null)) return null;
  const holdsEveryContact = newest.results.length >= newest.total;
  const endsBefore = (stamps.at(-1) ?? Infinity) < windowStart;
  if (!holdsEveryContact && !endsBefore) return null;
  return newest.results.filter((_, i) => (stamps[i] as number) >= windowStart).reverse();
}

/** The changes since the watermark; `newestPage`, when given, saves searching for them if it holds them all. */
export async function runIncrementalSync(ctx: SyncContext, newestPage: NewestChanges | null = null): Promise<{ changed: number }> {
  // only this sync moves the watermark while it runs
  let watermark = (await ctx.cache.syncState()).watermark;
  let windowStart = Math.max(0, (watermark ?? 0) - WATERMARK_SAFETY_MARGIN_MS);
  let changed = 0;
  let totalReported = false;

  const save = async (contacts: HubSpotContact[], newest: number | null) => {
    const advanced = newest !== null && (watermark === null || newest > watermark);
    const outcome = await ctx.cache.upsertContacts(contacts, advanced ? { watermark: newest } : undefined);
    if (advanced) watermark = newest;
    changed += outcome.written + outcome.removed;
    if (contacts.length > 0) ctx.onFetched(contacts.length);
  };

  const held = newestPage === null ? null : changesSince(newestPage, windowStart);
  if (held !== null) {
    ctx.onTotal(held.length);
    if (held.length > 0) await save(held, modifiedMs(held[held.length - 1]!));
    return { changed };
  }

  for (;;) {
    let after: string | undefined;
    let pagesInQuery = 0;
    let lastModified: number | null = null;
    let lastContact: HubSpotContact | null = null;
    let more = false;
    do {
      const body: SearchBody = {
        filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(windowStart) }] }],
        sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
        properties: ctx.properties,
        limit: SEARCH_PAGE_LIMIT,
        ...(after === undefined ? {} : { after }),
      };
      const page = await ctx.api.searchContacts(body, ctx.signal);
      if (!totalReported) {
        ctx.onTotal(page.total);
        totalReported = true;
      }
      pagesInQuery++;
      lastContact = page.results[page.results.length - 1] ?? lastContact;
      lastModified = lastContact ? modifiedMs(lastContact) : lastModified;
      await save(page.results, lastModified);
      more = page.next !== null && page.results.length > 0;
      after = page.next ?? undefined;
    } while (more && (pagesInQuery + 1) * SEARCH_PAGE_LIMIT <= SEARCH_RESULT_CAP);

    if (!more) return { changed };
    if (lastModified !== null && lastModified > windowStart) {
      windowStart = lastModified;
      continue;
    }
    // 10,000 changes all stamped with the same millisecond: walk that instant by id instead.
    await syncOneInstant(ctx, windowStart, save);
    windowStart += 1;
  }
}

async function syncOneInstant(ctx: SyncContext, instant: number, save: (contacts: HubSpotContact[], newest: number | null) => Promise<void>): Promise<void> {
  let nextId = 0;
  for (;;) {
    const page = await ctx.api.searchContacts(
      {
        filterGroups: [
          {
            filters: [
              { propertyName: 'lastmodifieddate', operator: 'EQ', value: String(instant) },
              { propertyName: 'hs_object_id', operator: 'GTE', value: String(nextId) },
            ],
          },
        ],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        properties: ctx.properties,
        limit: SEARCH_PAGE_LIMIT,
      },
      ctx.signal,
    );
    await save(page.results, instant);
    const last = page.results[page.results.length - 1];
    if (!last || page.results.length < SEARCH_PAGE_LIMIT) return;
    nextId = Number(last.id) + 1;
  }
}
