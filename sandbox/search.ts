/**
 * POST .../contacts/search. Generated contacts have createdate/lastmodifieddate non-decreasing
 * with the id, so filters on those and on hs_object_id become an id interval found by binary
 * search, and sorting by them is id order; the overlay (changed/created contacts) is merged in.
 * Anything else falls back to a scan.
 */
import { HttpError, apiError } from './http-util.ts';
import { PROPERTY_BY_NAME, isNumericProperty } from './properties.ts';
import type { FieldReader } from './contacts-data.ts';
import { QUERY_PROPERTIES } from './query-index.ts';
import type { ContactStore, StoredContact } from './store.ts';

export const SEARCH_MAX_LIMIT = 200;
const MAX_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const MAX_FILTERS = 18;
const OPERATORS = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);
/** properties that are monotonic in the id for generated contacts */
const MONOTONIC = new Set(['hs_object_id', 'createdate', 'lastmodifieddate']);

export interface SearchRequest {
  filterGroups?: unknown;
  sorts?: unknown;
  query?: unknown;
  properties?: unknown;
  limit?: unknown;
  after?: unknown;
}

export interface SearchResult {
  total: number;
  contacts: StoredContact[];
  nextAfter?: string;
  properties: string[] | undefined;
}

type Predicate = (get: FieldReader) => boolean;

interface CompiledGroup {
  /** inclusive id interval for generated contacts */
  lo: number;
  hi: number;
  /** filters not already implied by [lo, hi] for generated contacts */
  residual: Predicate[];
  /** every filter, for overlay contacts */
  all: Predicate[];
}

function badRequest(message: string): HttpError {
  return new HttpError(400, apiError(400, message, 'VALIDATION_ERROR'));
}

function parseNumberValue(prop: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    const type = PROPERTY_BY_NAME.get(prop)?.type;
    if (type === 'datetime' || type === 'date') {
      const ms = Date.parse(text);
      if (Number.isFinite(ms)) return ms;
    }
  }
  throw badRequest(`There was a problem with the request: filter value ${JSON.stringify(value)} is not valid for property ${prop}.`);
}

function numericOf(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : undefined;
}

function compileFilter(f: unknown, knownNames: (name: string) => boolean): Predicate & { range?: { prop: string; op: string; a?: number; b?: number; values?: number[] } } {
  if (typeof f !== 'object' || f === null) throw badRequest('Each filter must be an object.');
  const { propertyName, operator, value, highValue, values } = f as Record<string, unknown>;
  if (typeof propertyName !== 'string' || !propertyName) throw badRequest('A filter needs a propertyName.');
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
    throw badRequest(`Invalid operator ${JSON.stringify(operator)}. Valid operators are ${[...OPERATORS].join(', ')}.`);
  }
  if (!knownNames(propertyName)) throw badRequest(`Property ${JSON.stringify(propertyName)} does not exist on object type contacts.`);
  const prop = propertyName;
  const numeric = isNumericProperty(prop);
  const needsValue = !['HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'IN', 'NOT_IN'].includes(operator);
  if (needsValue && (value === undefined || value === null)) throw badRequest(`Filter on ${prop} with operator ${operator} needs a value.`);
  if (operator === 'BETWEEN' && (highValue === undefined || highValue === null)) throw badRequest(`Filter on ${prop} with operator BETWEEN needs a highValue.`);
  if ((operator === 'IN' || operator === 'NOT_IN') && !Array.isArray(values)) throw badRequest(`Filter on ${prop} with operator ${operator} needs values.`);

  const present = (p: FieldReader): boolean => {
    const v = p(prop);
    return v !== null && v !== undefined && v !== '';
  };
  if (operator === 'HAS_PROPERTY') return Object.assign(present, MONOTONIC.has(prop) ? { range: { prop, op: operator } } : {});
  if (operator === 'NOT_HAS_PROPERTY') return Object.assign((p: FieldReader) => !present(p), MONOTONIC.has(prop) ? { range: { prop, op: operator } } : {});

  if (operator === 'CONTAINS_TOKEN' || operator === 'NOT_CONTAINS_TOKEN') {
    const pattern = String(value).toLowerCase().split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    const re = new RegExp(`^${pattern}$`, 'u');
    const contains = (p: FieldReader): boolean => {
      const v = p(prop);
      if (!v) return false;
      return v.toLowerCase().split(/[^\p{L}\p{N}@._-]+/u).some((token) => re.test(token)) || re.test(v.toLowerCase());
    };
    return operator === 'CONTAINS_TOKEN' ? contains : (p: FieldReader) => !contains(p);
  }

  if (numeric) {
    if (operator === 'IN' || operator === 'NOT_IN') {
      const set = new Set((values as unknown[]).map((v) => parseNumberValue(prop, v)));
      const inSet = (p: FieldReader): boolean => {
        const n = numericOf(p(prop));
        return n !== undefined && set.has(n);
      };
      if (operator === 'IN') return Object.assign(inSet, MONOTONIC.has(prop) ? { range: { prop, op: operator, values: [...set] } } : {});
      return (p: FieldReader) => !inSet(p);
    }
    const a = parseNumberValue(prop, value);
    const b = operator === 'BETWEEN' ? parseNumberValue(prop, highValue) : a;
    const test = (n: number): boolean => {
      switch (operator) {
        case 'EQ': return n === a;
        case 'NEQ': return n !== a;
        case 'LT': return n < a;
        case 'LTE': return n <= a;
        case 'GT': return n > a;
        case 'GTE': return n >= a;
        default: return n >= a && n <= b; // BETWEEN
      }
    };
    const pred = (p: FieldReader): boolean => {
      const n = numericOf(p(prop));
      if (n === undefined) return operator === 'NEQ';
      return test(n);
    };
    return Object.assign(pred, MONOTONIC.has(prop) && operator !== 'NEQ' ? { range: { prop, op: operator, a, b } } : {});
  }

  // strings and enumerations: case-insensitive
  if (operator === 'IN' || operator === 'NOT_IN') {
    const set = new Set((values as unknown[]).map((v) => String(v).toLowerCase()));
    const inSet = (p: FieldReader): boolean => {
      const v = p(prop);
      return v !== null && v !== undefined && set.has(v.toLowerCase());
    };
    return operator === 'IN' ? inSet : (p: FieldReader) => !inSet(p);
  }
  const a = String(value).toLowerCase();
  const b = String(highValue ?? '').toLowerCase();
  return (p: FieldReader): boolean => {
    const raw = p(prop);
    if (raw === null || raw === undefined || raw === '') return operator === 'NEQ';
    const v = raw.toLowerCase();
    switch (operator) {
      case 'EQ': return v === a;
      case 'NEQ': return v !== a;
      case 'LT': return v < a;
      case 'LTE': return v <= a;
      case 'GT': return v > a;
      case 'GTE': return v >= a;
      default: return v >= a && v <= b;
    }
  };
}

/** narrow [lo, hi] (generated ids) by a range-able filter */
function narrow(store: ContactStore, group: CompiledGroup, r: { prop: string; op: string; a?: number; b?: number; values?: number[] }): void {
  if (r.op === 'HAS_PROPERTY') return;
  if (r.op === 'NOT_HAS_PROPERTY') {
    group.lo = 1;
    group.hi = 0;
    return;
  }
  if (r.op === 'IN') {
    const vals = r.values ?? [];
    if (vals.length === 0) {
      group.hi = 0;
      return;
    }
    // keep the filter as residual too: only the bounds are implied
    const min = Math.min(...vals);
    const max = Math.max(...vals);
    applyRange(store, group, r.prop, min, max);
    return;
  }
  const a = r.a as number;
  const b = r.b as number;
  switch (r.op) {
    case 'EQ': applyRange(store, group, r.prop, a, a); break;
    case 'GT': applyRange(store, group, r.prop, nextUp(r.prop, a), Number.POSITIVE_INFINITY); break;
    case 'GTE': applyRange(store, group, r.prop, a, Number.POSITIVE_INFINITY); break;
    case 'LT': applyRange(store, group, r.prop, Number.NEGATIVE_INFINITY, nextDown(r.prop, a)); break;
    case 'LTE': applyRange(store, group, r.prop, Number.NEGATIVE_INFINITY, a); break;
    case 'BETWEEN': applyRange(store, group, r.prop, a, b); break;
  }
}

/** values are integers (ids, ms): the smallest value > a / largest < a */
function nextUp(_prop: string, a: number): number {
  return Math.floor(a) + 1;
}
function nextDown(_prop: string, a: number): number {
  return Math.ceil(a) - 1;
}

/** restrict to generated ids whose value of prop is within [min, max] */
function applyRange(store: ContactStore, group: CompiledGroup, prop: string, min: number, max: number): void {
  const g = store.generator;
  let lo: number;
  let hi: number;
  if (prop === 'hs_object_id') {
    lo = Math.ceil(min);
    hi = Math.floor(max);
  } else {
    const first = prop === 'createdate' ? g.firstIdCreatedAtLeast : g.firstIdModifiedAtLeast;
    lo = min === Number.NEGATIVE_INFINITY ? 1 : first(Math.ceil(min));
    hi = max === Number.POSITIVE_INFINITY ? g.total : first(Math.floor(max) + 1) - 1;
  }
  group.lo = Math.max(group.lo, lo);
  group.hi = Math.min(group.hi, hi);
}

interface SortSpec {
  prop: string;
  desc: boolean;
}

function parseSorts(sorts: unknown, knownNames: (n: string) => boolean): SortSpec | undefined {
  if (sorts === undefined || sorts === null) return undefined;
  if (!Array.isArray(sorts)) throw badRequest('sorts must be an array.');
  if (sorts.length === 0) return undefined;
  if (sorts.length > 1) throw badRequest('Only one sort is supported per search request.');
  const s = sorts[0] as unknown;
  let prop: string;
  let desc = false;
  if (typeof s === 'string') {
    desc = s.startsWith('-');
    prop = desc ? s.slice(1) : s;
  } else if (typeof s === 'object' && s !== null) {
    const { propertyName, direction } = s as Record<string, unknown>;
    if (typeof propertyName !== 'string') throw badRequest('A sort needs a propertyName.');
    prop = propertyName;
    const dir = direction === undefined ? 'ASCENDING' : String(direction).toUpperCase();
    if (!['ASCENDING', 'DESCENDING', 'ASC', 'DESC'].includes(dir)) throw badRequest(`Invalid sort direction ${JSON.stringify(direction)}.`);
    desc = dir.startsWith('DESC');
  } else {
    throw badRequest('Invalid sort.');
  }
  if (!knownNames(prop)) throw badRequest(`Property ${JSON.stringify(prop)} does not exist on object type contacts.`);
  return { prop, desc };
}

function parseIntParam(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) throw badRequest(`${name} must be a non-negative integer, got ${JSON.stringify(value)}.`);
  return n;
}

/**
 * Runs a search. `now` and `indexDelayMs` model HubSpot's search index lag: a change younger than
 * `indexDelayMs` is not visible yet (search still sees the version before it). `queryMatches`
 * (by generated contact id, from the query index) saves generating each contact for a `query`.
 */
export function search(store: ContactStore, body: SearchRequest, maxResults: number, now = Date.now(), indexDelayMs = 0, queryMatches?: Uint8Array): SearchResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  const knownNames = (n: string): boolean => PROPERTY_BY_NAME.has(n) || store.extraPropertyNames.has(n);

  const limit = parseIntParam(body.limit, 'limit', 10);
  if (limit < 1 || limit > SEARCH_MAX_LIMIT) throw badRequest(`limit must be between 1 and ${SEARCH_MAX_LIMIT}, got ${limit}.`);
  const offset = parseIntParam(body.after, 'after', 0);
  if (offset + limit > maxResults) {
    throw badRequest(`Search results are limited to ${maxResults.toLocaleString('en-US')} total results: after (${offset}) + limit (${limit}) exceeds it. Narrow the filters instead of paging further.`);
  }

  let properties: string[] | undefined;
  if (body.properties !== undefined && body.properties !== null) {
    if (!Array.isArray(body.properties)) throw badRequest('properties must be an array of property names.');
    properties = body.properties.map(String);
  }

  // filters
  const rawGroups = body.filterGroups ?? [];
  if (!Array.isArray(rawGroups)) throw badRequest('filterGroups must be an array.');
  if (rawGroups.length > MAX_GROUPS) throw badRequest(`There can be at most ${MAX_GROUPS} filterGroups.`);
  let filterCount = 0;
  const total = store.generator.total;
  const groups: CompiledGroup[] = rawGroups.map((g: unknown) => {
    const filters = (g as { filters?: unknown })?.filters ?? [];
    if (!Array.isArray(filters)) throw badRequest('Each filterGroup needs a filters array.');
    if (filters.length > MAX_FILTERS_PER_GROUP) throw badRequest(`A filterGroup can have at most ${MAX_FILTERS_PER_GROUP} filters.`);
    filterCount += filters.length;
    const group: CompiledGroup = { lo: 1, hi: total, residual: [], all: [] };
    for (const f of filters) {
      const pred = compileFilter(f, knownNames);
      group.all.push(pred);
      if (pred.range) {
        narrow(store, group, pred.range);
        if (pred.range.op === 'IN') group.residual.push(pred);
      } else {
        group.residual.push(pred);
      }
    }
    return group;
  });
  if (filterCount > MAX_FILTERS) throw badRequest(`There can be at most ${MAX_FILTERS} filters in total.`);
  if (groups.length === 0) groups.push({ lo: 1, hi: total, residual: [], all: [] });

  const query = queryWords(body.query);
  const queryPred = query
    ? (p: FieldReader): boolean => query.every((t) => QUERY_PROPERTIES.some((name) => (p(name) ?? '').toLowerCase().includes(t)))
    : undefined;
  const indexed = query && queryMatches?.length === store.generator.total + 1 ? queryMatches : undefined;

  const sort = parseSorts(body.sorts, knownNames) ?? { prop: 'hs_object_id', desc: false };

  // what search sees of changed contacts (changes may reach the index late); their generated
  // versions are left out below
  const view = store.searchView(now, indexDelayMs);
  const overlayMatches: StoredContact[] = [];
  for (const c of view.values()) {
    if (!c) continue;
    const get: FieldReader = (name) => c.properties[name];
    if (queryPred && !queryPred(get)) continue;
    if (groups.some((g) => g.all.every((pred) => pred(get)))) overlayMatches.push(c);
  }

  // union of generated-id intervals
  const intervals = groups.filter((g) => g.lo <= g.hi).map((g) => [g.lo, g.hi] as [number, number]).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const iv of intervals) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1] + 1) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  const hasResidual = groups.some((g) => g.residual.length > 0);
  const needsCheck = queryPred !== undefined || hasResidual;
  /** does generated contact `id` (inside the merged intervals) match? */
  const baseMatches = (id: number): boolean => {
    if (view.has(id)) return false;
    if (!needsCheck) return groups.length === 1 || groups.some((g) => id >= g.lo && id <= g.hi);
    if (indexed) {
      if (indexed[id] !== 1) return false;
      if (!hasResidual) return groups.some((g) => id >= g.lo && id <= g.hi);
    }
    const get = store.generator.reader(id);
    if (queryPred && !indexed && !queryPred(get)) return false;
    return groups.some((g) => id >= g.lo && id <= g.hi && g.residual.every((pred) => pred(get)));
  };
  const load = (id: number): StoredContact => ({ ...store.generator.contact(id), archived: false });

  const g = store.generator;
  const inMerged = (id: number): boolean => merged.some(([a, b]) => id >= a && id <= b);

  if (MONOTONIC.has(sort.prop)) {
    // generated contacts come in id order; merge the overlay by (key, id)
    const keyOfBase = (id: number): number => (sort.prop === 'createdate' ? g.createdMs(id) : sort.prop === 'lastmodifieddate' ? g.modifiedMs(id) : id);
    const keyOf = (c: StoredContact): number => numericOf(c.properties[sort.prop]) ?? Number.POSITIVE_INFINITY;
    const cmp = (ka: number, ia: number, kb: number, ib: number): number => {
      const r = ka !== kb ? ka - kb : ia - ib;
      return sort.desc ? -r : r;
    };
    overlayMatches.sort((x, y) => cmp(keyOf(x), Number(x.id), keyOf(y), Number(y.id)));

    let count: number;
    if (!needsCheck) {
      let base = merged.reduce((sum, [a, b]) => sum + (b - a + 1), 0);
      for (const id of view.keys()) if (store.isBase(id) && inMerged(id)) base--;
      count = base + overlayMatches.length;
    } else if (indexed && !hasResidual) {
      // only the query narrows: count its bits, then take out the contacts the overlay replaces
      let base = 0;
      for (const [a, b] of merged) for (let id = a; id <= b; id++) base += indexed[id] as number;
      for (const id of view.keys()) if (store.isBase(id) && inMerged(id) && indexed[id] === 1) base--;
      count = base + overlayMatches.length;
    } else {
      count = overlayMatches.length;
      for (const [a, b] of merged) for (let id = a; id <= b; id++) if (baseMatches(id)) count++;
    }

    const page: StoredContact[] = [];
    const wanted = offset + limit;
    let seen = 0;
    let oi = 0;
    const baseIds = baseIdIterator(merged, sort.desc);
    let nextBase = nextMatch(baseIds, baseMatches);
    while (seen < wanted && (nextBase !== undefined || oi < overlayMatches.length)) {
      const o = overlayMatches[oi];
      let takeOverlay: boolean;
      if (nextBase === undefined) takeOverlay = true;
      else if (!o) takeOverlay = false;
      else takeOverlay = cmp(keyOf(o), Number(o.id), keyOfBase(nextBase), nextBase) < 0;
      if (takeOverlay) {
        if (seen >= offset) page.push(o as StoredContact);
        oi++;
      } else {
        if (seen >= offset) page.push(load(nextBase as number));
        nextBase = nextMatch(baseIds, baseMatches);
      }
      seen++;
    }
    return { total: count, contacts: page, properties, ...(offset + limit < count ? { nextAfter: String(offset + limit) } : {}) };
  }

  // any other sort: collect (value, id) for every match, sort, then load the page
  const entries: { v: string | number | undefined; id: number; c?: StoredContact }[] = [];
  const numeric = isNumericProperty(sort.prop);
  const valueOf = (p: FieldReader): string | number | undefined => {
    const raw = p(sort.prop);
    if (raw === null || raw === undefined || raw === '') return undefined;
    return numeric ? numericOf(raw) : raw.toLowerCase();
  };
  for (const [a, b] of merged) {
    for (let id = a; id <= b; id++) {
      if (baseMatches(id)) entries.push({ v: valueOf(store.generator.reader(id)), id });
    }
  }
  for (const c of overlayMatches) entries.push({ v: valueOf((name) => c.properties[name]), id: Number(c.id), c });
  entries.sort((x, y) => {
    // missing values last in either direction
    if (x.v === undefined || y.v === undefined) {
      if (x.v === y.v) return x.id - y.id;
      return x.v === undefined ? 1 : -1;
    }
    const r = x.v < y.v ? -1 : x.v > y.v ? 1 : x.id - y.id;
    return sort.desc ? -r : r;
  });
  const page = entries.slice(offset, offset + limit).map((e) => e.c ?? load(e.id));
  return { total: entries.length, contacts: page, properties, ...(offset + limit < entries.length ? { nextAfter: String(offset + limit) } : {}) };
}

/** the words of a `query` (lower case), or undefined when there is none */
export function queryWords(query: unknown): string[] | undefined {
  return typeof query === 'string' && query.trim() ? query.trim().toLowerCase().split(/\s+/) : undefined;
}

function* baseIdIterator(merged: [number, number][], desc: boolean): Generator<number> {
  if (!desc) {
    for (const [a, b] of merged) for (let id = a; id <= b; id++) yield id;
  } else {
    for (let i = merged.length - 1; i >= 0; i--) {
      const [a, b] = merged[i] as [number, number];
      for (let id = b; id >= a; id--) yield id;
    }
  }
}

function nextMatch(ids: Generator<number>, match: (id: number) => boolean): number | undefined {
  for (;;) {
    const n = ids.next();
    if (n.done) return undefined;
    if (match(n.value)) return n.value;
  }
}
