/** HubSpot's contacts and contact-properties endpoints (2026-03), each answer checked with zod. */
import { z } from 'zod';
import { RequestNoLongerWanted } from './client.ts';
import type { HubSpotClient } from './client.ts';

const contactsPath = '/crm/objects/2026-03/contacts';
const searchPath = '/crm/objects/2026-03/contacts/search';
const propertiesPath = '/crm/properties/2026-03/contacts';

export const LIST_PAGE_LIMIT = 100;
export const SEARCH_PAGE_LIMIT = 200;
/** Search pages past this many results are refused (HTTP 400). */
export const SEARCH_RESULT_CAP = 10_000;

// Values are documented as strings or null; a number or boolean is kept as its text.
const propertyValue = z.union([z.string(), z.number().transform(String), z.boolean().transform(String), z.null()]);

const contactSchema = z.object({
  // Numeric ids (hs_object_id) are what the cache keys on and what the range sync filters on.
  id: z.string().regex(/^\d{1,15}$/),
  properties: z.record(z.string(), propertyValue),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional().default(false),
  archivedAt: z.string().optional(),
});
export type HubSpotContact = z.output<typeof contactSchema>;

const pagingSchema = z.object({ next: z.object({ after: z.string().min(1) }).optional() }).optional();

const listPageSchema = z.object({ results: z.array(contactSchema), paging: pagingSchema });
const searchPageSchema = z.object({ total: z.number().int().nonnegative(), results: z.array(contactSchema), paging: pagingSchema });
type ListPage = z.output<typeof listPageSchema>;
type SearchPage = z.output<typeof searchPageSchema>;

/*
 * The same pages, tested without being copied (see `isParsed` in client.ts). Each test accepts only
 * bodies the schema above would return unchanged (values already text, `archived` present), and may
 * be stricter than it (the schema then decides); keys the schema does not know are kept, not
 * stripped: nothing reads them.
 */
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const contactIdPattern = /^\d{1,15}$/;

function hasTextValues(properties: unknown): boolean {
  if (!isObject(properties)) return false;
  for (const key in properties) {
    const value = properties[key];
    if (typeof value !== 'string' && value !== null) return false;
  }
  return true;
}

function isParsedContact(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    contactIdPattern.test(value.id) &&
    hasTextValues(value.properties) &&
    typeof value.createdAt === 'string' &&
    typeof value.updatedAt === 'string' &&
    typeof value.archived === 'boolean' &&
    (value.archivedAt === undefined || typeof value.archivedAt === 'string')
  );
}

function isParsedPaging(paging: unknown): boolean {
  if (paging === undefined) return true;
  if (!isObject(paging)) return false;
  const { next } = paging;
  return next === undefined || (isObject(next) && typeof next.after === 'string' && next.after.length > 0);
}

const isParsedListPage = (json: unknown): json is ListPage => isObject(json) && Array.isArray(json.results) && json.results.every(isParsedContact) && isParsedPaging(json.paging);
const isParsedSearchPage = (json: unknown): json is SearchPage =>
  isObject(json) && typeof json.total === 'number' && Number.isSafeInteger(json.total) && json.total >= 0 && isParsedListPage(json);

const optionSchema = z.object({ value: z.string(), label: z.string() });

const propertySchema = z.object({
  name: z.string().min(1),
  label: z.string().catch(''),
  type: z.string().catch('string'),
  fieldType: z.string().catch('text'),
  groupName: z.string().catch(''),
  description: z.string().catch(''),
  hidden: z.boolean().catch(false),
  displayOrder: z.number().catch(-1),
  /** An enumeration's choices: values are stored internal names ("marketingqualifiedlead"), labels what people read. */
  options: z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.flatMap((item) => optionSchema.safeParse(item).data ?? [])),
});
export type HubSpotProperty = z.output<typeof propertySchema>;
const propertiesSchema = z.object({ results: z.array(propertySchema) });

export interface ContactsPageResult {
  results: HubSpotContact[];
  /** The opaque cursor of the next page; null on the last page. */
  next: string | null;
}

export interface SearchPageResult extends ContactsPageResult {
  /** How many contacts match the whole query. */
  total: number;
}

export type SearchOperator = 'EQ' | 'NEQ' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY';
export interface SearchFilter {
  propertyName: string;
  operator: SearchOperator;
  value?: string;
}
export interface SearchBody {
  filterGroups?: { filters: SearchFilter[] }[];
  sorts?: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }[];
  properties?: string[];
  limit?: number;
  after?: string;
  query?: string;
}

export interface ListPageParams {
  properties: string[];
  after?: string;
  limit?: number;
  archived?: boolean;
}

export interface ContactsApi {
  listContactsPage(params: ListPageParams, signal?: AbortSignal): Promise<ContactsPageResult>;
  searchContacts(body: SearchBody, signal?: AbortSignal): Promise<SearchPageResult>;
  /** searchContacts, unless `stillWanted` says no when search's limit lets it go: then null, and the turn goes to the next search. */
  searchContactsIfWanted(body: SearchBody, stillWanted: () => boolean, signal?: AbortSignal): Promise<SearchPageResult | null>;
  listProperties(signal?: AbortSignal): Promise<HubSpotProperty[]>;
  /** The cheapest authenticated call: resolves when HubSpot accepts our token and answers. */
  checkConnection(signal?: AbortSignal): Promise<void>;
  /** HubSpot's clock now, never ahead of it, once it has answered (HubSpotClient.serverTime). */
  serverTime(): number | null;
}

export function createContactsApi(client: HubSpotClient): ContactsApi {
  const listPage = async (params: ListPageParams, signal?: AbortSignal): Promise<ContactsPageResult> => {
    const page = await client.request({
      method: 'GET',
      path: contactsPath,
      query: {
        limit: params.limit ?? LIST_PAGE_LIMIT,
        properties: params.properties.join(','),
        after: params.after,
        archived: params.archived ? 'true' : undefined,
      },
      pool: 'general',
      schema: listPageSchema,
      isParsed: isParsedListPage,
      signal,
    });
    return { results: page.results, next: page.paging?.next?.after ?? null };
  };

  const search = async (body: SearchBody, signal?: AbortSignal, stillWanted?: () => boolean): Promise<SearchPageResult> => {
    const page = await client.request({ method: 'POST', path: searchPath, body, pool: 'search', schema: searchPageSchema, isParsed: isParsedSearchPage, signal, stillWanted });
    return { total: page.total, results: page.results, next: page.paging?.next?.after ?? null };
  };

  return {
    listContactsPage: listPage,
    serverTime: () => client.serverTime(),

    searchContacts: search,

    async searchContactsIfWanted(body, stillWanted, signal) {
      try {
        return await search(body, signal, stillWanted);
      } catch (error) {
        if (error instanceof RequestNoLongerWanted) return null;
        throw error;
      }
    },

    async listProperties(signal) {
      const answer = await client.request({ method: 'GET', path: propertiesPath, pool: 'general', schema: propertiesSchema, signal });
      return answer.results;
    },

    async checkConnection(signal) {
      // A check is a probe: report the first 429 and retry a 5xx once; the status monitor decides when to look again.
      await client.request({
        method: 'GET',
        path: contactsPath,
        query: { limit: 1, properties: 'hs_object_id' },
        pool: 'general',
        schema: listPageSchema,
        signal,
        retry: { maxAttempts: 2, maxOfflineAttempts: 1, maxRateLimitedWaits: 0 },
      });
    },
  };
}
