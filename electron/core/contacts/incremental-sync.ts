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

export async function runIncrementalSync(ctx: SyncContext): Promise<{ changed: number }> {
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
