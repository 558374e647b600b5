/**
 * HubSpot's lists ("segments") endpoints (2026-03): search the account's contact lists and page
 * through a list's members. Needs the optional scope `crm.lists.read`; each answer is checked with zod.
 */
import { z } from 'zod';
import { AppError, isAppError } from '../errors.ts';
import type { HubSpotClient } from './client.ts';
import { needingScope } from './optional-scopes.ts';

const listsPath = '/crm/lists/2026-03';
export const CONTACTS_OBJECT_TYPE = '0-1';
/** HubSpot's largest pages: 500 lists per search, 250 members per memberships page. */
export const LIST_SEARCH_PAGE_COUNT = 500;
export const MEMBERSHIPS_PAGE_LIMIT = 250;
/** A guard against paging that never ends: more than any list can hold at 250 a page. */
const MAX_PAGES = 200_000;

export type ListProcessingType = 'MANUAL' | 'DYNAMIC' | 'SNAPSHOT';

const numericId = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative().transform(String)]);
const nullableText = z.string().nullish().transform((v) => v ?? null);

const listSchema = z
  .object({
    listId: numericId,
    name: z.string(),
    objectTypeId: z.string(),
    // MANUAL/SNAPSHOT (static) or DYNAMIC (active); newer kinds are kept as they come
    processingType: z.string(),
    processingStatus: nullableText,
    listVersion: z.number().int().nullish().transform((v) => v ?? null),
    createdAt: nullableText,
    updatedAt: nullableText,
    // documented as strings only; anything else is dropped rather than failing the whole page
    additionalProperties: z
      .record(z.string(), z.unknown())
      .nullish()
      .transform((props) => Object.fromEntries(Object.entries(props ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'))),
  })
  .transform((list) => {
    const size = list.additionalProperties.hs_list_size;
    return { ...list, size: size !== undefined && /^\d+$/.test(size) ? Number(size) : null };
  });
export type HubSpotList = z.output<typeof listSchema>;

const searchSchema = z.object({
  lists: z.array(listSchema),
  hasMore: z.boolean(),
  offset: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
});

const membershipsSchema = z.object({
  results: z.array(z.object({ recordId: numericId, membershipTimestamp: nullableText })),
  paging: z.object({ next: z.object({ after: z.string().min(1) }).optional() }).optional(),
  total: z.number().int().nonnegative().optional(),
});

export interface ListSearchParams {
  /** part of the list name */
  query?: string;
  offset?: number;
  /** lists per page, at most 500 */
  count?: number;
  processingTypes?: ListProcessingType[];
  listIds?: string[];
}

export interface ListSearchPage {
  lists: HubSpotList[];
  hasMore: boolean;
  /** where the next page starts */
  nextOffset: number;
  /** how many lists match in all (null when HubSpot leaves it out) */
  total: number | null;
}

export interface MembershipPage {
  recordIds: string[];
  /** when each record joined the list (ISO; null when HubSpot leaves it out), same order as recordIds */
  membershipTimestamps: (string | null)[];
  /** members of the whole list (null when HubSpot leaves it out) */
  total: number | null;
}

export interface ListsApi {
  /** One page of the account's contact lists. */
  searchLists(params: ListSearchParams, signal?: AbortSignal): Promise<ListSearchPage>;
  /** Every contact list matching the query, all pages. */
  allContactLists(params?: Pick<ListSearchParams, 'query' | 'processingTypes'>, signal?: AbortSignal): Promise<HubSpotList[]>;
  /**
   * A list's members, page by page in recordId order. A list deleted in HubSpot ends with an
   * AppError for which `isListGone` is true.
   */
  membershipPages(listId: string, options?: { limit?: number; signal?: AbortSignal }): AsyncGenerator<MembershipPage, void, undefined>;
  /** Every member's record id, in recordId order. */
  allMembers(listId: string, signal?: AbortSignal): Promise<string[]>;
}

const listGoneSentence = 'This HubSpot list no longer exists: it may have been deleted in HubSpot.';

/** Whether an error means the list is gone from HubSpot (deleted there), not a passing failure. */
export function isListGone(error: unknown): boolean {
  return isAppError(error) && error.details?.listGone === true;
}

export function createListsApi(client: HubSpotClient): ListsApi {
  const searchLists = (params: ListSearchParams, signal?: AbortSignal): Promise<ListSearchPage> =>
    needingScope('crm.lists.read', async () => {
      const answer = await client.request({
        method: 'POST',
        path: `${listsPath}/search`,
        // HubSpot's 2026-03 description marks the arrays and offset required: always send them
        body: {
          ...(params.query ? { query: params.query } : {}),
          count: params.count ?? LIST_SEARCH_PAGE_COUNT,
          offset: params.offset ?? 0,
          processingTypes: params.processingTypes ?? [],
          listIds: params.listIds ?? [],
          additionalProperties: [],
          objectTypeId: CONTACTS_OBJECT_TYPE,
        },
        pool: 'general',
        schema: searchSchema,
        signal,
      });
      return { lists: answer.lists, hasMore: answer.hasMore, nextOffset: answer.offset, total: answer.total ?? null };
    });

  async function* membershipPages(listId: string, options: { limit?: number; signal?: AbortSignal } = {}): AsyncGenerator<MembershipPage, void, undefined> {
    if (!/^\d{1,20}$/.test(listId)) throw new AppError('bad-input', 'A HubSpot list id is a number.');
    const seen = new Set<string>();
    let after: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await needingScope('crm.lists.read', () =>
        client
          .request({
            method: 'GET',
            path: `${listsPath}/${listId}/memberships`,
            query: { limit: options.limit ?? MEMBERSHIPS_PAGE_LIMIT, after },
            pool: 'general',
            schema: membershipsSchema,
            signal: options.signal,
          })
          .catch((error: unknown) => {
            if (isAppError(error) && error.details?.httpStatus === 404) {
              throw new AppError('hubspot-error', listGoneSentence, { cause: error, details: { ...error.details, listGone: true } });
            }
            throw error;
          }),
      );
      yield {
        recordIds: page.results.map((r) => r.recordId),
        membershipTimestamps: page.results.map((r) => r.membershipTimestamp),
        total: page.total ?? null,
      };
      after = page.paging?.next?.after;
      if (after === undefined) return;
      if (seen.has(after)) break;
      seen.add(after);
    }
    throw new AppError('hubspot-error', 'HubSpot kept sending more pages of list members than the list can have. Try again later.');
  }

  return {
    searchLists,

    async allContactLists(params = {}, signal) {
      const lists: HubSpotList[] = [];
      let offset = 0;
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const page = await searchLists({ ...params, offset }, signal);
        lists.push(...page.lists);
        if (!page.hasMore || page.lists.length === 0 || page.nextOffset <= offset) return lists;
        offset = page.nextOffset;
      }
      return lists;
    },

    membershipPages,

    async allMembers(listId, signal) {
      const ids: string[] = [];
      for await (const page of membershipPages(listId, signal ? { signal } : {})) ids.push(...page.recordIds);
      return ids;
    },
  };
}
