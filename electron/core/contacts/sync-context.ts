/** What every sync stage works with, and the small search helpers they share. */
import { AppError } from '../errors.ts';
import type { Logger } from '../ports.ts';
import type { ContactsApi, HubSpotContact, SearchBody, SearchFilter } from '../hubspot/contacts-api.ts';
import { SEARCH_PAGE_LIMIT } from '../hubspot/contacts-api.ts';
import type { ContactsCache, IdSpan } from './cache.ts';

export interface SyncContext {
  api: ContactsApi;
  cache: ContactsCache;
  log: Logger;
  signal: AbortSignal;
  /** The properties every fetch asks for. */
  properties: string[];
  /** Progress: contacts this sync has fetched so far (new to this sync's generation in a full sync). */
  onFetched(count: number): void;
  /** What HubSpot says the sync will fetch, once known. */
  onTotal(total: number): void;
}

export function idFilters(span: IdSpan): SearchFilter[] {
  return [
    { propertyName: 'hs_object_id', operator: 'GTE', value: String(span.from) },
    ...(span.end === null ? [] : [{ propertyName: 'hs_object_id', operator: 'LT' as const, value: String(span.end) }]),
  ];
}

/** How many live contacts HubSpot has with ids in the span (one search request). */
export async function remoteCount(ctx: SyncContext, span: IdSpan): Promise<number> {
  const page = await ctx.api.searchContacts({ filterGroups: [{ filters: idFilters(span) }], properties: ['hs_object_id'], limit: 1 }, ctx.signal);
  return page.total;
}

type IdOrder = 'ASCENDING' | 'DESCENDING';

function idPageBody(ctx: SyncContext, span: IdSpan, direction: IdOrder): SearchBody {
  return { filterGroups: [{ filters: idFilters(span) }], sorts: [{ propertyName: 'hs_object_id', direction }], properties: ctx.properties, limit: SEARCH_PAGE_LIMIT };
}

/** One page of the contacts in a span, by id; keyset paging (the caller narrows the span), so no 10,000 cap. */
export async function fetchIdPage(ctx: SyncContext, span: IdSpan, direction: IdOrder = 'ASCENDING'): Promise<{ results: HubSpotContact[]; remaining: number }> {
  const page = await ctx.api.searchContacts(idPageBody(ctx, span, direction), ctx.signal);
  return { results: page.results, remaining: page.total };
}

/** fetchIdPage, unless `stillWanted` says no when search's limit lets the page go: then null. */
export async function fetchIdPageIfWanted(ctx: SyncContext, span: IdSpan, direction: IdOrder, stillWanted: () => boolean): Promise<{ results: HubSpotContact[]; remaining: number } | null> {
  const page = await ctx.api.searchContactsIfWanted(idPageBody(ctx, span, direction), stillWanted, ctx.signal);
  return page && { results: page.results, remaining: page.total };
}

/** The newest/oldest contact by a property, or null when there are none. */
export async function extremeContact(ctx: SyncContext, propertyName: 'hs_object_id' | 'lastmodifieddate', direction: 'ASCENDING' | 'DESCENDING'): Promise<{ contact: HubSpotContact | null; total: number }> {
  const page = await ctx.api.searchContacts({ sorts: [{ propertyName, direction }], properties: ['hs_object_id', 'lastmodifieddate'], limit: 1 }, ctx.signal);
  return { contact: page.results[0] ?? null, total: page.total };
}

export function modifiedMs(contact: HubSpotContact): number | null {
  const raw = contact.properties.lastmodifieddate ?? contact.updatedAt;
  const ms = raw ? Date.parse(raw) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Runs the tasks together, each with a signal of its own that stops when any of them fails; the
 * first failure is what the caller sees (never an unhandled rejection, never a task left running).
 */
export async function allOrNothing(ctx: SyncContext, tasks: ((ctx: SyncContext) => Promise<unknown>)[]): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) stop();
  ctx.signal.addEventListener('abort', stop, { once: true });
  const taskCtx: SyncContext = { ...ctx, signal: controller.signal };
  let firstError: unknown = null;
  try {
    await Promise.all(
      tasks.map((task) =>
        task(taskCtx).catch((error: unknown) => {
          firstError ??= error;
          controller.abort(error);
        }),
      ),
    );
  } finally {
    ctx.signal.removeEventListener('abort', stop);
  }
  if (firstError !== null) throw firstError;
  if (ctx.signal.aborted) throw new AppError('cancelled', 'Stopped.');
}
