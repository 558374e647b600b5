/** CRM routes: contacts list / read / search and contact properties. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_PROPERTIES } from './contacts-data.ts';
import { decodeCursorOf, encodeCursor } from './cursor.ts';
import { HttpError, apiError, readJson, sendJson } from './http-util.ts';
import { PROPERTY_BY_NAME } from './properties.ts';
import { queryWords, search } from './search.ts';
import type { SearchRequest } from './search.ts';
import type { SandboxState } from './state.ts';
import type { StoredContact } from './store.ts';

export const LIST_MAX_LIMIT = 100;

function badRequest(message: string, extra: Record<string, unknown> = {}): HttpError {
  return new HttpError(400, apiError(400, message, 'VALIDATION_ERROR', extra));
}

export function notFound(message = 'resource not found'): HttpError {
  return new HttpError(404, apiError(404, message, 'OBJECT_NOT_FOUND'));
}

/** `properties=a,b&properties=c` → ['a','b','c']; undefined when not given */
function propertyList(url: URL): string[] | undefined {
  const raw = url.searchParams.getAll('properties');
  if (raw.length === 0) return undefined;
  return raw.flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
}

/** the JSON shape HubSpot gives a contact, with only the asked-for properties */
export function present(state: SandboxState, c: StoredContact, properties: string[] | undefined): Record<string, unknown> {
  const names = properties && properties.length > 0 ? properties : DEFAULT_PROPERTIES;
  const props: Record<string, string | null> = {};
  for (const name of names) {
    if (name in c.properties) props[name] = c.properties[name] ?? null;
    else if (PROPERTY_BY_NAME.has(name) || state.store.extraPropertyNames.has(name)) props[name] = null;
  }
  return {
    id: c.id,
    properties: props,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    archived: c.archived,
    ...(c.archivedAt ? { archivedAt: c.archivedAt } : {}),
  };
}

function parseBool(value: string | null, name: string): boolean {
  if (value === null || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw badRequest(`${name} must be true or false, got ${JSON.stringify(value)}.`);
}

export function handleList(state: SandboxState, url: URL, res: ServerResponse, headers: Record<string, string>): void {
  const limitRaw = url.searchParams.get('limit');
  let limit = 10;
  if (limitRaw !== null && limitRaw !== '') {
    if (!/^\d+$/.test(limitRaw)) throw badRequest(`limit must be a number, got ${JSON.stringify(limitRaw)}.`);
    limit = Number(limitRaw);
    if (limit < 1) throw badRequest('limit must be at least 1.');
    if (limit > LIST_MAX_LIMIT) throw badRequest(`limit must be at most ${LIST_MAX_LIMIT}, got ${limit}.`, { context: { limit: [String(limit)] } });
  }
  const archived = parseBool(url.searchParams.get('archived'), 'archived');
  const properties = propertyList(url);
  let afterId = 0;
  const after = url.searchParams.get('after');
  if (after !== null && after !== '') {
    const cursor = decodeCursorOf(state.cursorKey, after, undefined);
    if (!cursor || cursor.a !== archived) throw badRequest('The paging cursor (after) is not valid. Use paging.next.after exactly as returned.', { context: { after: [after] } });
    afterId = cursor.id;
  }

  const results: StoredContact[] = [];
  let more = false;
  for (const c of state.store.iterate(afterId, archived)) {
    if (results.length === limit) {
      more = true;
      break;
    }
    results.push(c);
  }
  const body: Record<string, unknown> = { results: results.map((c) => present(state, c, properties)) };
  const last = results[results.length - 1];
  if (more && last) {
    const next = encodeCursor(state.cursorKey, { id: Number(last.id), a: archived });
    const link = new URL(url.pathname, state.url);
    link.searchParams.set('after', next);
    link.searchParams.set('limit', String(limit));
    if (properties) link.searchParams.set('properties', properties.join(','));
    if (archived) link.searchParams.set('archived', 'true');
    body.paging = { next: { after: next, link: link.toString() } };
  }
  sendJson(res, 200, body, headers);
}

export function handleGetOne(state: SandboxState, id: string, url: URL, res: ServerResponse, headers: Record<string, string>): void {
  const archived = parseBool(url.searchParams.get('archived'), 'archived');
  const properties = propertyList(url);
  const idProperty = url.searchParams.get('idProperty');
  let contact: StoredContact | undefined;
  if (idProperty && idProperty !== 'hs_object_id') {
    if (idProperty !== 'email') throw badRequest(`idProperty ${JSON.stringify(idProperty)} is not a unique property.`);
    const wanted = id.toLowerCase();
    for (const c of state.store.iterate(0, archived)) {
      if ((c.properties.email ?? '').toLowerCase() === wanted) {
        contact = c;
        break;
      }
    }
  } else {
    if (!/^\d+$/.test(id)) throw notFound();
    contact = state.store.get(Number(id));
  }
  if (!contact || contact.archived !== archived) throw notFound();
  sendJson(res, 200, present(state, contact, properties), headers);
}

export function handleProperties(state: SandboxState, res: ServerResponse, headers: Record<string, string>): void {
  sendJson(res, 200, { results: state.properties() }, headers);
}

export function handleProperty(state: SandboxState, name: string, res: ServerResponse, headers: Record<string, string>): void {
  const p = state.properties().find((d) => d.name === name);
  if (!p) throw new HttpError(404, apiError(404, `Property ${name} does not exist`, 'OBJECT_NOT_FOUND'));
  sendJson(res, 200, p, headers);
}

export async function handleSearch(state: SandboxState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = (await readJson(req)) as SearchRequest;
  const words = typeof body === 'object' && body !== null ? queryWords(body.query) : undefined;
  const matches = words ? await (await state.queryIndex()).match(words) : undefined;
  const result = search(state.store, body, state.config.maxSearchResults, state.now(), state.searchIndexDelayMs, matches);
  sendJson(res, 200, {
    total: result.total,
    results: result.contacts.map((c) => present(state, c, result.properties)),
    ...(result.nextAfter !== undefined ? { paging: { next: { after: result.nextAfter } } } : {}),
  });
}
