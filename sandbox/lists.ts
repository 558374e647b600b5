/**
 * HubSpot's lists ("segments"): a seeded set of contact lists (static MANUAL/SNAPSHOT and active
 * DYNAMIC ones, an empty one, a big one, a companies list), their admin changes, and
 * `POST /crm/lists/{2026-03,v3}/search` and `GET /crm/lists/{v}/{listId}/memberships`.
 *
 * Memberships are held as sorted arrays of record ids (about 250,000 numbers at 1,000,000
 * contacts), made from the seed without reading any contact.
 */
import type { ServerResponse } from 'node:http';
import { decodeCursorOf, encodeCursor } from './cursor.ts';
import { HttpError, apiError, sendJson } from './http-util.ts';
import { hash32 } from './random.ts';

export type ProcessingType = 'MANUAL' | 'DYNAMIC' | 'SNAPSHOT';
const PROCESSING_TYPES: readonly string[] = ['MANUAL', 'DYNAMIC', 'SNAPSHOT'];
export const CONTACT_OBJECT_TYPE = '0-1';
const COMPANY_OBJECT_TYPE = '0-2';
export const LIST_SEARCH_MAX_COUNT = 500;
const LIST_SEARCH_DEFAULT_COUNT = 20;
export const MEMBERSHIPS_MAX_LIMIT = 250;
const MEMBERSHIPS_DEFAULT_LIMIT = 100;
const DAY = 86_400_000;

interface SandboxList {
  listId: string;
  name: string;
  processingType: ProcessingType;
  objectTypeId: string;
  listVersion: number;
  createdAt: number;
  updatedAt: number;
  folder?: string;
  /** record ids, ascending and distinct; made on first use from `makeMembers` */
  members?: number[];
  makeMembers?: () => number[];
  /** when members were added at run time (others get a time made from the seed) */
  addedAt: Map<number, number>;
  lastAddedAt?: number;
  lastRemovedAt?: number;
}

/** What tests and the admin API see of a list. */
export interface SandboxListInfo {
  listId: string;
  name: string;
  processingType: ProcessingType;
  objectTypeId: string;
  listVersion: number;
  size: number;
}

/**
 * The seeded lists every sandbox has (ids fixed). Sizes depend on the number of contacts N:
 * see `seedLists` below; `webinar` has exactly 20,000 members from N = 33,334 on.
 */
export const KNOWN_LISTS = {
  springEvent: { listId: '11', name: 'Spring Event 2026 — attendees', processingType: 'MANUAL' },
  newsletter: { listId: '12', name: 'Monthly newsletter', processingType: 'DYNAMIC' },
  webinar: { listId: '13', name: 'Webinar registrations 2025', processingType: 'DYNAMIC' },
  empty: { listId: '14', name: 'Old import — do not use', processingType: 'MANUAL' },
  tradeShowSnapshot: { listId: '15', name: 'Trade show leads 2019 (snapshot)', processingType: 'SNAPSHOT' },
  reengage: { listId: '16', name: 'Customers to re-engage', processingType: 'DYNAMIC' },
  vip: { listId: '17', name: 'VIP partners', processingType: 'MANUAL' },
  companies: { listId: '18', name: 'Target accounts', processingType: 'MANUAL' },
} as const satisfies Record<string, { listId: string; name: string; processingType: ProcessingType }>;

const FILLER_NAMES = [
  'Beta testers', 'Partner program — tier 2', 'Churned in Q3 2025', 'Événement Paris 2025', '東京セミナー 2024',
  'Kunden mit Größe & Maß', 'Podcast listeners', 'Free trial — day 7', 'Conference: SaaStr 2024', 'Warm leads (sales)',
  'Cold outreach — batch 4', 'Referral program', 'Support escalations', 'Product launch waitlist', 'Case study candidates',
  'Lapsed subscribers', 'Holiday campaign "Winter"', 'Nordics region', 'LATAM — hispanohablantes', 'Board & investors',
  'Survey respondents 2025', 'Ebook downloads', 'Demo requested', 'Unsubscribed (suppression)',
];

/** Seeded members: how many (to know, without making them, whether there are any) and the maker. */
interface SeedMembers {
  count: number;
  make: () => number[];
}

/**
 * `size` distinct ids in 1..n, ascending: one from each of `size` equal slices, at a seeded place
 * in it; `must` are added. Made when first asked for, so a list nobody reads costs nothing.
 */
function sample(seed: number, salt: number, size: number, n: number, must: number[] = []): SeedMembers {
  const slices = Math.min(size, n);
  const make = (): number[] => {
    const out = new Array<number>(slices);
    for (let i = 0; i < slices; i++) {
      const lo = Math.floor((i * n) / slices) + 1;
      const hi = Math.floor(((i + 1) * n) / slices);
      out[i] = lo + (hash32(seed, salt, i) % (hi - lo + 1));
    }
    const extra = must.filter((id) => id >= 1 && id <= n && out[lowerBound(out, id)] !== id);
    return extra.length === 0 ? out : [...out, ...extra].sort((a, b) => a - b);
  };
  return { count: slices + must.filter((id) => id <= n).length, make };
}

const fixed = (ids: number[]): SeedMembers => ({ count: ids.length, make: () => ids });

function seedLists(seed: number, n: number, endMs: number): SandboxList[] {
  const lists: SandboxList[] = [];
  const add = (listId: string, name: string, processingType: ProcessingType, members: SeedMembers, extra: Partial<SandboxList> = {}): void => {
    const i = lists.length;
    const createdAt = endMs - (500 - i * 12) * DAY + (hash32(seed, i, 31) % DAY);
    const updatedAt = Math.min(endMs - 1, createdAt + (1 + (hash32(seed, i, 32) % 200)) * DAY);
    lists.push({
      listId, name, processingType, objectTypeId: CONTACT_OBJECT_TYPE, listVersion: 1 + (hash32(seed, i, 33) % 40),
      createdAt, updatedAt, makeMembers: members.make, addedAt: new Map(),
      ...(members.count > 0 ? { lastAddedAt: updatedAt } : {}),
      ...(processingType === 'DYNAMIC' && members.count > 0 ? { lastRemovedAt: updatedAt - DAY } : {}),
      ...extra,
    });
  };
  const k = KNOWN_LISTS;
  add(k.springEvent.listId, k.springEvent.name, 'MANUAL', sample(seed, 1, 180, n, [1, 2, 15]), { folder: 'Events' });
  add(k.newsletter.listId, k.newsletter.name, 'DYNAMIC', sample(seed, 2, Math.floor(n * 0.2), n));
  add(k.webinar.listId, k.webinar.name, 'DYNAMIC', sample(seed, 3, Math.min(20_000, Math.floor(n * 0.6)), n), { folder: 'Events' });
  add(k.empty.listId, k.empty.name, 'MANUAL', fixed([]));
  add(k.tradeShowSnapshot.listId, k.tradeShowSnapshot.name, 'SNAPSHOT', sample(seed, 5, Math.min(2500, Math.floor(n * 0.05)), n), { folder: 'Events' });
  add(k.reengage.listId, k.reengage.name, 'DYNAMIC', sample(seed, 6, Math.floor(n * 0.03), n));
  add(k.vip.listId, k.vip.name, 'MANUAL', fixed([1, 4, 7, 15, 17, 23].filter((id) => id <= n)));
  add(k.companies.listId, k.companies.name, 'MANUAL', sample(seed, 8, 40, 5000), { objectTypeId: COMPANY_OBJECT_TYPE });
  const types: ProcessingType[] = ['MANUAL', 'DYNAMIC', 'DYNAMIC', 'SNAPSHOT'];
  FILLER_NAMES.forEach((name, i) => {
    const size = hash32(seed, 40 + i) % 300;
    add(String(19 + i), name, types[i % types.length] as ProcessingType, sample(seed, 40 + i, size, n), i % 3 === 0 ? { folder: 'Campaigns' } : {});
  });
  return lists;
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function membersOf(list: SandboxList): number[] {
  list.members ??= list.makeMembers?.() ?? [];
  return list.members;
}

function info(list: SandboxList): SandboxListInfo {
  return { listId: list.listId, name: list.name, processingType: list.processingType, objectTypeId: list.objectTypeId, listVersion: list.listVersion, size: membersOf(list).length };
}

export class ListStore {
  private readonly lists = new Map<string, SandboxList>();
  private readonly seed: number;
  private nextId: number;

  constructor(seed: number, contacts: number, endMs: number) {
    this.seed = seed;
    for (const list of seedLists(seed, contacts, endMs)) this.lists.set(list.listId, list);
    this.nextId = Math.max(...[...this.lists.keys()].map(Number)) + 1;
  }

  all(): SandboxListInfo[] {
    return this.inIdOrder().map(info);
  }

  members(listId: string): string[] {
    return membersOf(this.require(listId)).map(String);
  }

  create(params: { name: string; processingType?: ProcessingType; objectTypeId?: string; members?: string[] }, now: number): SandboxListInfo {
    const processingType = params.processingType ?? 'MANUAL';
    if (!PROCESSING_TYPES.includes(processingType)) throw new Error(`processingType must be one of ${PROCESSING_TYPES.join(', ')}`);
    const listId = String(this.nextId++);
    const list: SandboxList = { listId, name: params.name, processingType, objectTypeId: params.objectTypeId ?? CONTACT_OBJECT_TYPE, listVersion: 1, createdAt: now, updatedAt: now, members: [], addedAt: new Map() };
    this.lists.set(listId, list);
    if (params.members && params.members.length > 0) this.change(listId, { add: params.members }, now);
    return info(this.lists.get(listId) as SandboxList);
  }

  /** HubSpot deletes a list: search no longer finds it and its memberships answer 404 */
  delete(listId: string): void {
    this.require(listId);
    this.lists.delete(listId);
  }

  change(listId: string, change: { add?: string[]; remove?: string[] }, now: number): SandboxListInfo {
    const list = this.require(listId);
    const ids = (values: string[] = []): number[] => values.map((v) => {
      if (!/^\d{1,15}$/.test(String(v)) || Number(v) < 1) throw new Error(`Record ids are positive whole numbers, got ${JSON.stringify(v)}`);
      return Number(v);
    });
    const add = ids(change.add);
    const remove = new Set(ids(change.remove));
    const current = membersOf(list);
    const before = new Set(current);
    const after = new Set([...current.filter((id) => !remove.has(id)), ...add]);
    const added = [...after].filter((id) => !before.has(id));
    const removed = [...before].filter((id) => !after.has(id));
    if (added.length === 0 && removed.length === 0) return info(list);
    list.members = [...after].sort((a, b) => a - b);
    for (const id of added) list.addedAt.set(id, now);
    for (const id of removed) list.addedAt.delete(id);
    if (added.length > 0) list.lastAddedAt = now;
    if (removed.length > 0) list.lastRemovedAt = now;
    list.listVersion++;
    list.updatedAt = now;
    return info(list);
  }

  /** a deleted (archived) contact leaves every contact list, as in HubSpot */
  removeRecordEverywhere(recordId: number, now: number): void {
    for (const list of this.lists.values()) {
      if (list.objectTypeId !== CONTACT_OBJECT_TYPE) continue;
      const members = membersOf(list);
      if (members[lowerBound(members, recordId)] === recordId) this.change(list.listId, { remove: [String(recordId)] }, now);
    }
  }

  get(listId: string): SandboxList | undefined {
    return this.lists.get(listId);
  }

  /** every list, by ascending id */
  inIdOrder(): SandboxList[] {
    return [...this.lists.values()].sort((x, y) => Number(x.listId) - Number(y.listId));
  }

  private require(listId: string): SandboxList {
    const list = this.lists.get(listId);
    if (!list) throw new Error(`No sandbox list with id ${listId}`);
    return list;
  }

  membershipTimestamp(list: SandboxList, recordId: number): string {
    const added = list.addedAt.get(recordId);
    if (added !== undefined) return new Date(added).toISOString();
    const share = hash32(this.seed, Number(list.listId), recordId) / 4294967296;
    return new Date(list.createdAt + Math.floor(share * (list.updatedAt - list.createdAt))).toISOString();
  }
}

// ---- HTTP ----

function badRequest(message: string, context?: Record<string, string[]>): HttpError {
  return new HttpError(400, apiError(400, message, 'VALIDATION_ERROR', context ? { context } : {}));
}

/** HubSpot's list object: strings only in additionalProperties; a timestamp with no value is left out */
function presentList(list: SandboxList, extraNames: string[]): Record<string, unknown> {
  const additional: Record<string, string> = {
    hs_list_size: String(membersOf(list).length),
    hs_list_reference_count: '0',
  };
  if (list.lastAddedAt !== undefined) additional.hs_last_record_added_at = String(list.lastAddedAt);
  if (list.lastRemovedAt !== undefined) additional.hs_last_record_removed_at = String(list.lastRemovedAt);
  if (list.folder !== undefined) additional.hs_folder_name = list.folder;
  if (extraNames.includes('hs_created_at')) additional.hs_created_at = String(list.createdAt);
  return {
    listId: list.listId,
    listVersion: list.listVersion,
    name: list.name,
    objectTypeId: list.objectTypeId,
    processingType: list.processingType,
    processingStatus: 'COMPLETE',
    createdAt: new Date(list.createdAt).toISOString(),
    updatedAt: new Date(list.updatedAt).toISOString(),
    additionalProperties: additional,
  };
}

function wholeNumber(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}.`, { [name]: [String(value)] });
  }
  return value;
}

function stringArray(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw badRequest(`${name} must be an array of strings.`, { [name]: [JSON.stringify(value)] });
  }
  return value.map(String);
}

/** POST /crm/lists/{v}/search */
export function handleListSearch(store: ListStore, body: unknown, res: ServerResponse, headers: Record<string, string>): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  const b = body as Record<string, unknown>;
  const count = wholeNumber(b.count, 'count', LIST_SEARCH_DEFAULT_COUNT, 1, LIST_SEARCH_MAX_COUNT);
  const offset = wholeNumber(b.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (b.query !== undefined && b.query !== null && typeof b.query !== 'string') throw badRequest('query must be a string.');
  if (b.objectTypeId !== undefined && b.objectTypeId !== null && typeof b.objectTypeId !== 'string') throw badRequest('objectTypeId must be a string such as "0-1".');
  const processingTypes = stringArray(b.processingTypes, 'processingTypes');
  const bad = processingTypes.filter((t) => !PROCESSING_TYPES.includes(t));
  if (bad.length > 0) throw badRequest(`Unknown processingTypes ${bad.join(', ')}: use MANUAL, DYNAMIC or SNAPSHOT.`, { processingTypes: bad });
  const listIds = new Set(stringArray(b.listIds, 'listIds'));
  const extraNames = stringArray(b.additionalProperties, 'additionalProperties');
  const query = typeof b.query === 'string' ? b.query.trim().toLowerCase() : '';

  const matching = store.inIdOrder().filter((l) => (typeof b.objectTypeId !== 'string' || l.objectTypeId === b.objectTypeId)
    && (processingTypes.length === 0 || processingTypes.includes(l.processingType))
    && (listIds.size === 0 || listIds.has(l.listId))
    && (query === '' || l.name.toLowerCase().includes(query)));
  const page = matching.slice(offset, offset + count);
  sendJson(res, 200, {
    lists: page.map((l) => presentList(l, extraNames)),
    hasMore: offset + page.length < matching.length,
    offset: offset + page.length,
    total: matching.length,
  }, headers);
}

/** GET /crm/lists/{v}/{listId}/memberships: `after` or `before`, `limit` ≤ 250, sorted by recordId */
export function handleMemberships(store: ListStore, cursorKey: Buffer, baseUrl: string, listId: string, url: URL, res: ServerResponse, headers: Record<string, string>): void {
  if (!/^\d{1,15}$/.test(listId)) throw badRequest(`Unable to parse the list id ${JSON.stringify(listId)}: list ids are numbers.`, { listId: [listId] });
  const list = store.get(listId);
  if (!list) throw new HttpError(404, apiError(404, `List does not exist with ID ${listId}.`, 'OBJECT_NOT_FOUND', { context: { listId: [listId] } }));
  const rawLimit = url.searchParams.get('limit');
  const limit = rawLimit === null || rawLimit === '' ? MEMBERSHIPS_DEFAULT_LIMIT : /^\d+$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
  if (!(limit >= 1 && limit <= MEMBERSHIPS_MAX_LIMIT)) throw badRequest(`limit must be a whole number from 1 to ${MEMBERSHIPS_MAX_LIMIT}, got ${JSON.stringify(rawLimit)}.`, { limit: [String(rawLimit)] });
  const after = url.searchParams.get('after');
  const before = url.searchParams.get('before');
  if (after && before) throw badRequest('Use either after or before, not both.');
  const kind = `list:${listId}`;
  const cursorOf = (raw: string, name: string): number => {
    const cursor = decodeCursorOf(cursorKey, raw, kind);
    if (!cursor) throw badRequest(`The paging cursor (${name}) is not valid for this list. Use the paging values exactly as returned.`, { [name]: [raw] });
    return cursor.id;
  };
  const members = membersOf(list);
  let start: number;
  let end: number;
  if (before) {
    end = lowerBound(members, cursorOf(before, 'before'));
    start = Math.max(0, end - limit);
  } else {
    start = after ? lowerBound(members, cursorOf(after, 'after') + 1) : 0;
    end = Math.min(members.length, start + limit);
  }
  const page = members.slice(start, end);
  const link = (name: 'after' | 'before', cursor: string): string => {
    const u = new URL(url.pathname, baseUrl);
    u.searchParams.set(name, cursor);
    u.searchParams.set('limit', String(limit));
    return u.toString();
  };
  const paging: Record<string, unknown> = {};
  const first = page[0];
  const last = page[page.length - 1];
  if (last !== undefined && end < members.length) {
    const next = encodeCursor(cursorKey, { id: last, a: false, k: kind });
    paging.next = { after: next, link: link('after', next) };
  }
  if (first !== undefined && start > 0) {
    const prev = encodeCursor(cursorKey, { id: first, a: false, k: kind });
    paging.prev = { before: prev, link: link('before', prev) };
  }
  sendJson(res, 200, {
    results: page.map((id) => ({ recordId: String(id), membershipTimestamp: store.membershipTimestamp(list, id) })),
    ...(Object.keys(paging).length > 0 ? { paging } : {}),
    total: members.length,
  }, headers);
}
