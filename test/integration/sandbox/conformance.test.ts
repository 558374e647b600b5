/**
 * Conformance: the sandbox's real answers, for every endpoint Contact Desk calls, against JSON
 * Schemas written from the project's notes on HubSpot's API (conformance/answer-schemas.ts) —
 * success, paging and each error body — and the requests the app's own clients send against what
 * each endpoint declares (conformance/request-schemas.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { createTokenClient } from '../../../electron/core/auth/token-client.ts';
import { createTokenSession, sessionTokensFrom } from '../../../electron/core/auth/session.ts';
import { createAuthorizationSecrets } from '../../../electron/core/auth/pkce.ts';
import { createContactsApi } from '../../../electron/core/hubspot/contacts-api.ts';
import { createListsApi } from '../../../electron/core/hubspot/lists-api.ts';
import { createOwnersApi } from '../../../electron/core/hubspot/owners-api.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import { KNOWN_LISTS } from '../../../sandbox/lists.ts';
import type { RecordedRequest, Sandbox } from '../../../sandbox/server.ts';
import { createWorld, recordingLogger } from '../contacts/world.ts';
import * as shapes from './conformance/answer-schemas.ts';
import type { JsonSchema } from './conformance/answer-schemas.ts';
import { requestRules } from './conformance/request-schemas.ts';
import { api, connect, postForm, sandbox } from './helpers.ts';

const compiled = new WeakMap<JsonSchema, z.ZodType>();
function problems(value: unknown, schema: JsonSchema): string[] {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    compiled.set(schema, validator);
  }
  const result = validator.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
}

interface Case {
  name: string;
  call: () => Promise<Response>;
  status: number;
  schema: JsonSchema | 'empty';
  /** the general limit's headers are on every answer of the general pool, never on search */
  rateHeaders?: boolean;
}

/** every case's answer has the status and the shape; returns the JSON answers for the self-check */
async function checkAnswers(cases: Case[]): Promise<{ name: string; body: unknown; schema: JsonSchema }[]> {
  const failures: string[] = [];
  const answers: { name: string; body: unknown; schema: JsonSchema }[] = [];
  for (const c of cases) {
    const res = await c.call();
    const text = await res.text();
    if (res.status !== c.status) {
      failures.push(`${c.name}: status ${res.status}, expected ${c.status}: ${text.slice(0, 200)}`);
      continue;
    }
    if (c.rateHeaders !== undefined) {
      const has = ['interval-milliseconds', 'max', 'remaining'].every((h) => res.headers.has(`x-hubspot-ratelimit-${h}`));
      if (has !== c.rateHeaders) failures.push(`${c.name}: rate-limit headers ${has ? 'present' : 'missing'}`);
    }
    if (c.schema === 'empty') {
      if (text !== '') failures.push(`${c.name}: expected an empty body`);
      continue;
    }
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/, c.name);
    const body = JSON.parse(text) as unknown;
    for (const p of problems(body, c.schema)) failures.push(`${c.name}: ${p}`);
    answers.push({ name: c.name, body, schema: c.schema });
  }
  assert.deepEqual(failures, [], 'answers that do not have HubSpot\'s shape');
  return answers;
}

const json = (body: unknown) => ({ body });
const nextAfter = async (res: Promise<Response>) => ((await (await res).json()) as { paging: { next: { after: string } } }).paging.next.after;

function answerCases(sb: Sandbox, tokens: { access: string; refresh: string; fresh: () => Promise<{ access_token: string }> }): Case[] {
  const { access, refresh } = tokens;
  const form = (path: string, fields: Record<string, string>) => () => postForm(sb, path, { client_id: sb.clientId, client_secret: sb.clientSecret, ...fields });
  const get = (path: string, token: string | null = access) => () => api(sb, token ?? undefined, path);
  const post = (path: string, body: unknown) => () => api(sb, access, path, json(body));
  const C = '/crm/objects/2026-03/contacts';
  const O = '/crm/owners/2026-03';
  const L = '/crm/lists/2026-03';
  const listsBody = { offset: 0, processingTypes: [], listIds: [], additionalProperties: [], objectTypeId: '0-1' };
  return [
    // OAuth
    { name: 'token: refresh grant', call: form('/oauth/2026-03/token', { grant_type: 'refresh_token', refresh_token: refresh }), status: 200, schema: shapes.tokenAnswer },
    { name: 'token: unknown code', call: form('/oauth/2026-03/token', { grant_type: 'authorization_code', code: 'nope', redirect_uri: sb.redirectUris[0] as string }), status: 400, schema: shapes.oauthError },
    { name: 'token: revoked refresh token', call: form('/oauth/2026-03/token', { grant_type: 'refresh_token', refresh_token: 'na1-dead' }), status: 400, schema: shapes.oauthError },
    { name: 'token: wrong client secret', call: () => postForm(sb, '/oauth/2026-03/token', { grant_type: 'refresh_token', client_id: sb.clientId, client_secret: 'x', refresh_token: refresh }), status: 400, schema: shapes.oauthError },
    { name: 'token: unknown grant type', call: form('/oauth/2026-03/token', { grant_type: 'password' }), status: 400, schema: shapes.oauthError },
    { name: 'token: JSON body', call: () => fetch(`${sb.url}/oauth/2026-03/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), status: 400, schema: shapes.oauthError },
    { name: 'introspect: access token', call: form('/oauth/2026-03/token/introspect', { token: access, token_type_hint: 'access_token' }), status: 200, schema: shapes.introspectionOfAccessToken },
    { name: 'introspect: refresh token', call: form('/oauth/2026-03/token/introspect', { token: refresh, token_type_hint: 'refresh_token' }), status: 200, schema: shapes.introspectionOfRefreshToken },
    { name: 'introspect: unknown token', call: form('/oauth/2026-03/token/introspect', { token: 'garbage' }), status: 200, schema: shapes.introspectionInactive },
    { name: 'introspect: wrong client secret', call: () => postForm(sb, '/oauth/2026-03/token/introspect', { client_id: sb.clientId, client_secret: 'x', token: access }), status: 400, schema: shapes.oauthError },
    { name: 'revoke: a refresh token', call: async () => form('/oauth/2026-03/token/revoke', { token: (await tokens.fresh()).access_token, token_type_hint: 'access_token' })(), status: 200, schema: 'empty' },
    // contacts
    { name: 'contacts: first page', call: get(`${C}?limit=2&properties=firstname,email,hubspot_owner_id,no_value_here`), status: 200, schema: shapes.contactsPage, rateHeaders: true },
    { name: 'contacts: page after a cursor', call: async () => api(sb, access, `${C}?limit=2&after=${await nextAfter(api(sb, access, `${C}?limit=2`))}`), status: 200, schema: shapes.contactsPage, rateHeaders: true },
    { name: 'contacts: last page (archived)', call: get(`${C}?archived=true&limit=100`), status: 200, schema: shapes.contactsPage, rateHeaders: true },
    { name: 'contacts: limit over 100', call: get(`${C}?limit=101`), status: 400, schema: shapes.crmError, rateHeaders: true },
    { name: 'contacts: forged cursor', call: get(`${C}?after=abc`), status: 400, schema: shapes.crmError, rateHeaders: true },
    { name: 'contacts: no token', call: get(C, null), status: 401, schema: shapes.crmError },
    { name: 'contacts: unknown token', call: get(C, 'CO-unknown'), status: 401, schema: shapes.crmError },
    { name: 'search: first page', call: post(`${C}/search`, { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GTE', value: '1' }] }], sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }], properties: ['email'], limit: 3 }), status: 200, schema: shapes.contactsSearchPage, rateHeaders: false },
    { name: 'search: empty body', call: post(`${C}/search`, {}), status: 200, schema: shapes.contactsSearchPage, rateHeaders: false },
    { name: 'search: past 10,000 results', call: post(`${C}/search`, { after: '9999', limit: 2 }), status: 400, schema: shapes.crmError },
    { name: 'search: unknown operator', call: post(`${C}/search`, { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: 'x' }] }] }), status: 400, schema: shapes.crmError },
    { name: 'properties', call: get('/crm/properties/2026-03/contacts'), status: 200, schema: shapes.propertiesAnswer, rateHeaders: true },
    // owners
    { name: 'owners: first page', call: get(`${O}?limit=3`), status: 200, schema: shapes.ownersPage, rateHeaders: true },
    { name: 'owners: archived ones', call: get(`${O}?archived=true`), status: 200, schema: shapes.ownersPage, rateHeaders: true },
    { name: 'owners: by userId', call: get(`${O}/${sb.admin.ownerOfSignedInUser().userId}?idProperty=userId`), status: 200, schema: shapes.owner, rateHeaders: true },
    { name: 'owners: unknown id', call: get(`${O}/1`), status: 404, schema: shapes.crmError },
    { name: 'owners: bad idProperty', call: get(`${O}/1?idProperty=email`), status: 400, schema: shapes.crmError },
    // lists
    { name: 'lists: first page', call: post(`${L}/search`, { ...listsBody, count: 5 }), status: 200, schema: shapes.listSearchAnswer, rateHeaders: true },
    { name: 'lists: nothing found', call: post(`${L}/search`, { ...listsBody, query: 'no such list' }), status: 200, schema: shapes.listSearchAnswer },
    { name: 'lists: count over 500', call: post(`${L}/search`, { ...listsBody, count: 501 }), status: 400, schema: shapes.crmError },
    { name: 'memberships: middle page', call: async () => api(sb, access, `${L}/${KNOWN_LISTS.newsletter.listId}/memberships?limit=3&after=${await nextAfter(api(sb, access, `${L}/${KNOWN_LISTS.newsletter.listId}/memberships?limit=3`))}`), status: 200, schema: shapes.membershipsPage, rateHeaders: true },
    { name: 'memberships: empty list', call: get(`${L}/${KNOWN_LISTS.empty.listId}/memberships`), status: 200, schema: shapes.membershipsPage },
    { name: 'memberships: limit over 250', call: get(`${L}/${KNOWN_LISTS.newsletter.listId}/memberships?limit=251`), status: 400, schema: shapes.crmError },
    { name: 'memberships: unknown list', call: get(`${L}/999999/memberships`), status: 404, schema: shapes.crmError },
  ];
}

test('conformance: every answer the app can get has HubSpot\'s shape — success, paging and each error body', async (t) => {
  const sb = await sandbox(t, { contacts: 300, searchRateLimitPerSecond: 1000 });
  const first = await connect(sb);
  const answers = await checkAnswers([
    { name: 'token: authorization code grant', call: async () => new Response(JSON.stringify(first), { headers: { 'content-type': 'application/json' } }), status: 200, schema: shapes.tokenAnswer },
    ...answerCases(sb, { access: first.access_token, refresh: first.refresh_token, fresh: () => connect(sb) }),
  ]);

  // the errors that need the account in a particular state
  const limited = await connect(sb);
  const errors: Case[] = [];
  const crm = (name: string, status: number, schema: JsonSchema, before: () => void) =>
    errors.push({ name, status, schema, call: async () => { before(); return api(sb, limited.access_token, '/crm/objects/2026-03/contacts?limit=1'); } });
  crm('429 ten-secondly', 429, shapes.rateLimitError, () => sb.admin.setFaults({ burst429: 1 }));
  crm('429 daily', 429, shapes.rateLimitError, () => sb.admin.setFaults({ dailyLimitReached: true }));
  crm('503 down', 503, shapes.crmError, () => sb.admin.setFaults({ down: true }));
  crm('403 missing scope', 403, shapes.crmError, () => {
    sb.admin.setFaults({});
    sb.admin.setGrantedScopes(['oauth']);
  });
  crm('401 expired', 401, shapes.crmError, () => {
    sb.admin.setGrantedScopes(['oauth', 'crm.objects.contacts.read']);
    sb.admin.expireAccessTokens();
  });
  await checkAnswers(errors);

  // search's own 5-a-second limit, with the clock held so both land in the same second
  const slow = await sandbox(t, { contacts: 10, searchRateLimitPerSecond: 1 });
  const slowToken = (await connect(slow)).access_token;
  slow.admin.pauseClock();
  await api(slow, slowToken, '/crm/objects/2026-03/contacts/search', json({}));
  await checkAnswers([{ name: '429 secondly (search)', call: () => api(slow, slowToken, '/crm/objects/2026-03/contacts/search', json({})), status: 429, schema: shapes.rateLimitError, rateHeaders: false }]);

  // the schemas bite: each answer with a required field taken away, or a field added where the
  // notes list every field, is refused
  for (const { name, body, schema } of answers) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) continue;
    const required = (schema.required as string[] | undefined) ?? [];
    if (required[0] !== undefined) {
      const { [required[0]]: _dropped, ...rest } = body as Record<string, unknown>;
      assert.notDeepEqual(problems(rest, schema), [], `${name} without ${required[0]}`);
    }
    if (schema.additionalProperties === false) assert.notDeepEqual(problems({ ...body, invented: 1 }, schema), [], `${name} with an invented field`);
  }
});

function queryObject(query: [string, string][]): Record<string, string> | string {
  const keys = query.map(([k]) => k);
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  return repeated ? `the query parameter ${repeated} is sent twice` : Object.fromEntries(query);
}

function requestProblems(r: RecordedRequest): string[] {
  const where = `${r.method} ${r.path}`;
  if (r.route === null) return [`${where}: no such HubSpot endpoint`];
  const rule = requestRules[r.route];
  if (!rule) return [`${where}: the app calls ${r.route}, which has no request schema yet`];
  const out: string[] = [];
  const query = queryObject(r.query);
  if (typeof query === 'string') out.push(`${where}: ${query}`);
  else out.push(...problems(query, rule.query).map((p) => `${where} query ${p}`));
  if ((r.contentType?.split(';')[0] ?? null) !== rule.contentType) out.push(`${where}: content type ${r.contentType}, expected ${rule.contentType}`);
  if (r.authorization !== rule.authorization) out.push(`${where}: authorization ${r.authorization}, expected ${rule.authorization}`);
  // A request refused before its body was read (an expired token's 401, a 429) can't be judged by
  // its body; the retry after the refresh or the wait is recorded and checked like any other.
  const refusedUnread = r.body === undefined && [401, 403, 429].includes(r.status);
  if (rule.body && !refusedUnread) out.push(...problems(r.body, rule.body).map((p) => `${where} body ${p}`));
  else if (r.body !== undefined && r.body !== '') out.push(`${where}: a body where none is taken`);
  return out;
}

test('conformance: the requests Contact Desk\'s own clients send — declared query parameters only, required fields present', async (t) => {
  const log = recordingLogger();
  // the token client needs the sandbox, which the world starts with the session in hand
  const app: { tokenClient?: ReturnType<typeof createTokenClient> } = {};
  const session = createTokenSession({
    clock: systemClock,
    log,
    refresh: (refreshToken) => (app.tokenClient as ReturnType<typeof createTokenClient>).refresh(refreshToken),
    persist: async () => {},
    onRevoked: () => {},
  });
  // the world's own sign-in is test code; what is recorded after clearing is the app's
  const world = await createWorld(t, { contacts: 2500, recordRequests: true }, { tokens: session });
  const { sandbox: sb } = world;
  sb.admin.clearRecordedRequests();

  const tokenClient = createTokenClient({ config: { clientId: sb.clientId, clientSecret: sb.clientSecret, authBaseUrl: sb.url, apiBaseUrl: sb.url }, log });
  app.tokenClient = tokenClient;
  const secrets = await createAuthorizationSecrets();
  const redirectUri = sb.redirectUris[0] as string;
  const code = sb.admin.authorize({ redirectUri, state: secrets.state, codeChallenge: secrets.codeChallenge });
  const issued = await tokenClient.exchangeCode({ code, redirectUri, codeVerifier: secrets.codeVerifier });
  session.begin(sessionTokensFrom(issued, Date.now()));
  await tokenClient.introspect(issued.accessToken);

  const contacts = createContactsApi(world.client);
  await contacts.checkConnection();
  const sync = world.sync({ fullSync: { rangeSize: 500, searchWorkers: 2 } });
  assert.equal((await sync.syncNow()).error, null);
  sb.admin.updateContact('7', { jobtitle: 'Changed' });
  sb.admin.expireAccessTokens(); // the session refreshes through the token client
  assert.equal((await sync.syncNow()).error, null);

  const owners = createOwnersApi(world.client);
  await owners.listAllOwners();
  await owners.getOwner(String(sb.admin.ownerOfSignedInUser().userId), { idProperty: 'userId' });
  const lists = createListsApi(world.client);
  await lists.allContactLists({ query: 'event' });
  await lists.searchLists({ count: 5, processingTypes: ['DYNAMIC'] });
  await lists.allMembers(KNOWN_LISTS.springEvent.listId);
  await tokenClient.revoke(session.current()?.refreshToken ?? '');

  const recorded = sb.admin.recordedRequests();
  assert.deepEqual(recorded.flatMap(requestProblems), [], 'requests that do not follow HubSpot\'s description');
  const grants = recorded.map((r) => (r.body as { grant_type?: string } | undefined)?.grant_type).filter(Boolean);
  assert.deepEqual([...new Set(grants)].sort(), ['authorization_code', 'refresh_token'], 'both grants were sent');
  const seen = new Set(recorded.map((r) => r.route));
  const missing = Object.keys(requestRules).filter((route) => !seen.has(route));
  assert.deepEqual(missing, [], 'endpoints the app calls that this test did not see it call');
});
