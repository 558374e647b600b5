/**
 * Archived, merged and deleted contacts never appear in a search for changes, so they are found by
 * counting instead: HubSpot's count of live contacts against the cache's (one request when nothing
 * left). When the counts differ, the id space is halved, counting each half on both sides, until the
 * stretches that differ are small enough to fetch again; cached contacts HubSpot no longer returns
 * there are removed, and any it has that the cache lacks are added. Unlike paging the archived list,
 * this costs nothing when nothing was deleted, and it also catches contacts deleted for good (GDPR
 * deletions never appear in the archived list).
 */
import { SEARCH_PAGE_LIMIT } from '../hubspot/contacts-api.ts';
import type { IdSpan } from './cache.ts';
import { fetchIdPage, remoteCount } from './sync-context.ts';
import type { SyncContext } from './sync-context.ts';

/** Stretches with at most this many contacts are fetched again instead of being halved further. */
const REFETCH_UP_TO = 1000;

export interface ReconcileOutcome {
  removed: number;
  added: number;
}

export const everyId: IdSpan = { from: 0, end: null };

/**
 * `remote`: HubSpot's count of every contact, taken before the latest changes were fetched (see
 * catchUp in sync.ts); the cache is counted now, once those changes are written.
 */
export async function reconcileWithHubSpot(ctx: SyncContext, remote: number): Promise<ReconcileOutcome> {
  const outcome: ReconcileOutcome = { removed: 0, added: 0 };
  const local = await ctx.cache.countIds(everyId);
  await compare(ctx, everyId, remote, local, outcome);
  if (outcome.removed + outcome.added > 0) ctx.log.info('Brought the cache in line with HubSpot', { ...outcome });
  return outcome;
}

async function compare(ctx: SyncContext, span: IdSpan, remote: number, local: number, outcome: ReconcileOutcome): Promise<void> {
  if (remote === local) return;
  if (Math.min(remote, local) <= REFETCH_UP_TO) {
    await refetch(ctx, span, outcome);
    return;
  }
  // split at the cache's median id, so each half holds half of the cached contacts
  const mid = (await ctx.cache.nthId(span, Math.floor(local / 2))) ?? span.from + 1;
  const lower: IdSpan = { from: span.from, end: mid };
  const upper: IdSpan = { from: mid, end: span.end };
  const remoteLower = await remoteCount(ctx, lower);
  const localLower = await ctx.cache.countIds(lower);
  await Promise.all([
    compare(ctx, lower, remoteLower, localLower, outcome),
    compare(ctx, upper, remote - remoteLower, local - localLower, outcome),
  ]);
}

async function refetch(ctx: SyncContext, span: IdSpan, outcome: ReconcileOutcome): Promise<void> {
  const gone = new Set(await ctx.cache.idsIn(span));
  let from = span.from;
  for (;;) {
    const { results, remaining } = await fetchIdPage(ctx, { from, end: span.end });
    for (const contact of results) gone.delete(Number(contact.id));
    outcome.added += (await ctx.cache.upsertContacts(results)).marked;
    const last = results[results.length - 1];
    if (!last || results.length < SEARCH_PAGE_LIMIT || results.length >= remaining) break;
    from = Number(last.id) + 1;
  }
  if (gone.size > 0) outcome.removed += await ctx.cache.removeContacts([...gone].map(String));
}
