/**
 * A local HubSpot sandbox: consent page, OAuth, CRM contacts/properties/search, rate limits and
 * fault knobs, on one origin. See sandbox/README.md.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createAdmin, handleAdmin } from './admin.ts';
import { ConsentPage, errorPage } from './consent-page.ts';
import { handleGetOne, handleList, handleProperties, handleProperty, handleSearch } from './crm.ts';
import { pickRateFault, pickTransportFault } from './faults.ts';
import { HttpError, apiError, readJson, sendHtml, sendJson } from './http-util.ts';
import { handleListSearch, handleMemberships } from './lists.ts';
import type { ProcessingType, SandboxListInfo } from './lists.ts';
import { handleOwnerGet, handleOwnerList } from './owners.ts';
import type { RecordedRequest } from './recorder.ts';
import type { SandboxOwner } from './owners.ts';
import { OAuthService } from './oauth.ts';
import { rateLimitBody } from './rate-limit.ts';
import type { RateLimitPolicy } from './rate-limit.ts';
import { SandboxState } from './state.ts';

export interface SandboxOptions {
  port?: number;                 // default 0 (any free port)
  host?: string;                 // default '127.0.0.1'
  contacts?: number;             // default 5000; up to 1_000_000 without holding them all in memory
  seed?: number;                 // default 1
  clientId?: string;             // default 'sandbox-client-id'
  clientSecret?: string;         // default 'sandbox-client-secret'
  redirectUris?: string[];       // default ['http://localhost:53682/oauth-callback', ...53683, ...53684]
  appName?: string;              // default 'Contact Desk (sandbox)'
  accounts?: { hubId: number; domain: string; userEmail: string; grantedScopes?: string[] }[];
  accessTokenTtlSeconds?: number;// default 1800
  rotateRefreshTokens?: boolean; // default false
  latencyMs?: number; jitterMs?: number;               // default 0
  rateLimit?: { max: number; intervalMs: number };     // default 110 per 10_000
  searchRateLimitPerSecond?: number;                   // default 5
  faults?: SandboxFaults;
  /** addition: this many more active owners (people) besides the standard roster (default 0) */
  extraOwners?: number;
  /** addition: the app id reported by introspection (default 4200042) */
  appId?: number;
  /** addition: generated contacts' dates end here (ms or ISO); default: start of the current UTC day */
  dataEndTime?: number | string;
  /** addition: changes reach search only after this many ms, like HubSpot's index lag (default 0) */
  searchIndexDelayMs?: number;
  /** addition: keep the API requests received (admin.recordedRequests()), for conformance tests */
  recordRequests?: boolean;
}
export interface SandboxFaults {
  serverErrorRate?: number;      // 0..1 share of API calls answered 5xx (502/503/504 HubSpot-like bodies)
  dropConnectionRate?: number;   // 0..1 share of API calls where the socket is destroyed without answer
  burst429?: number;             // answer the next N API calls with 429 (TEN_SECONDLY_ROLLING) regardless of the limit
  dailyLimitReached?: boolean;   // 429 with policyName DAILY
  retryAfterSeconds?: number;    // when set, 429s carry Retry-After
  down?: boolean;                // every API call answers 503
}
export interface SandboxStats { requests: number; apiRequests: number; searchRequests: number; tooManyRequests: number; serverErrors: number; maxInAnyWindow: number; maxSearchInAnySecond: number; byPath: Record<string, number> }
export interface SandboxContact { id: string; properties: Record<string, string | null>; createdAt: string; updatedAt: string; archived: boolean; archivedAt?: string }
export interface SandboxAdmin {
  setFaults(f: SandboxFaults): void;                   // replaces current faults
  setLatency(ms: number, jitterMs?: number): void;
  createContact(props: Record<string, string | null>): SandboxContact;
  updateContact(id: string, props: Record<string, string | null>): SandboxContact;  // bumps lastmodifieddate/updatedAt to now
  archiveContact(id: string): void;                    // archived => gone from default list and search, present with archived=true
  getContact(id: string): SandboxContact | undefined;  // current state
  allContacts(opts?: { archived?: boolean }): Iterable<SandboxContact>; // generator in id order, current state
  contactCount(): number;                              // live (non-archived)
  revokeAllTokens(): void;                             // access and refresh tokens invalid
  uninstallApp(hubId?: number): void;                  // same effect as HubSpot uninstall
  setGrantedScopes(scopes: string[], hubId?: number): void; // future tokens AND existing ones are checked against these
  expireAccessTokens(): void;                          // existing access tokens now give 401 EXPIRED_AUTHENTICATION
  stats(): SandboxStats; resetStats(): void;
  authorize(params: { redirectUri: string; state?: string; codeChallenge?: string; codeChallengeMethod?: string; scopes?: string[]; hubId?: number }): string; // programmatic "Connect app": returns a fresh auth code
  /** addition: move the sandbox's clock forward (token and code expiry, lastmodifieddate of changes, rate windows) */
  advanceClock(ms: number): void;
  /** addition: the sandbox's current time (ms) */
  now(): number;
  /** addition: stop the sandbox's clock (rate windows, token expiry, "now" of changes) until resumeClock; advanceClock still moves it */
  pauseClock(): void;
  /** addition: let the clock run again from where it stands */
  resumeClock(): void;
  /** addition: owners as the owners API has them, active ones or (archived: true) archived ones */
  owners(opts?: { archived?: boolean }): SandboxOwner[];
  /** addition: the owner whose userId is the account's signed-in user ("me") */
  ownerOfSignedInUser(hubId?: number): SandboxOwner;
  /** addition: deactivate an owner (it moves to archived=true; contacts keep pointing at it) */
  archiveOwner(id: string): void;
  /** addition: remove an owner from every answer (contacts keep its id: "no longer listed") */
  deleteOwner(id: string): void;
  /** addition: every list (contacts and the one companies list), by id */
  lists(): SandboxListInfo[];
  /** addition: a list's member record ids, ascending */
  listMembers(listId: string): string[];
  createList(params: { name: string; processingType?: ProcessingType; objectTypeId?: string; members?: string[] }): SandboxListInfo;
  /** addition: HubSpot deletes the list: search leaves it out, memberships answer 404 */
  deleteList(listId: string): void;
  /** addition: add/remove members (bumps listVersion, updatedAt and the added/removed timestamps) */
  changeListMembers(listId: string, change: { add?: string[]; remove?: string[] }): SandboxListInfo;
  /** addition: make the index behind `query` searches now (else the first such search makes it) */
  prepareQueryIndex(): Promise<void>;
  /** addition: the API requests received so far (only with the recordRequests option), oldest first */
  recordedRequests(): RecordedRequest[];
  clearRecordedRequests(): void;
}
export type { ProcessingType, RecordedRequest, SandboxListInfo, SandboxOwner };
export interface Sandbox { url: string; clientId: string; clientSecret: string; redirectUris: string[]; admin: SandboxAdmin; close(): Promise<void> }

type Handler = (ctx: RouteContext) => void | Promise<void>;

interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: string[];
  /** X-HubSpot-RateLimit-* headers to add to the answer */
  headers: Record<string, string>;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** stats key */
  key: string;
  /** a Bearer-authenticated CRM call: scope, rate limit */
  crm?: { scope: string; search?: boolean };
  handle: Handler;
}

/** a path segment, percent-decoded (malformed escapes are kept as they are) */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const CONTACTS = '/crm/(?:objects/2026-03|v3/objects)/contacts';
const PROPERTIES = '/crm/(?:properties/2026-03|v3/properties)/contacts';
const OWNERS = '/crm/(?:owners/2026-03|v3/owners)';
const LISTS = '/crm/(?:lists/2026-03|v3/lists)';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = new SandboxState(options);
  const oauth = new OAuthService(state);
  const consent = new ConsentPage(state, oauth);
  const admin = createAdmin(state, oauth);
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const routes: Route[] = [
    { method: 'POST', pattern: /^\/oauth\/(?:2026-03|v3|v1)\/token\/?$/, key: 'POST /oauth/{v}/token', handle: ({ req, res }) => oauth.handleToken(req, res) },
    { method: 'POST', pattern: /^\/oauth\/(?:2026-03|v3)\/token\/introspect$/, key: 'POST /oauth/{v}/token/introspect', handle: ({ req, res }) => oauth.handleIntrospect(req, res) },
    { method: 'POST', pattern: /^\/oauth\/(?:2026-03|v3)\/token\/revoke$/, key: 'POST /oauth/{v}/token/revoke', handle: ({ req, res }) => oauth.handleRevoke(req, res) },
    { method: 'GET', pattern: /^\/oauth\/v1\/access-tokens\/([^/]+)$/, key: 'GET /oauth/v1/access-tokens/{token}', handle: ({ res, params }) => oauth.handleLegacyInfo('access', decode(params[0] ?? ''), res) },
    { method: 'GET', pattern: /^\/oauth\/v1\/refresh-tokens\/([^/]+)$/, key: 'GET /oauth/v1/refresh-tokens/{token}', handle: ({ res, params }) => oauth.handleLegacyInfo('refresh', decode(params[0] ?? ''), res) },
    { method: 'DELETE', pattern: /^\/oauth\/v1\/refresh-tokens\/([^/]+)$/, key: 'DELETE /oauth/v1/refresh-tokens/{token}', handle: ({ res, params }) => oauth.handleLegacyRevoke(decode(params[0] ?? ''), res) },
    { method: 'DELETE', pattern: /^\/appinstalls\/(?:2026-03|v3)\/external-install$/, key: 'DELETE /appinstalls/{v}/external-install', handle: ({ req, res }) => oauth.handleUninstall(req, res) },
    { method: 'GET', pattern: new RegExp(`^${CONTACTS}/?$`), key: 'GET /crm/objects/contacts', crm: { scope: 'crm.objects.contacts.read' }, handle: ({ url, res, headers }) => handleList(state, url, res, headers) },
    { method: 'POST', pattern: new RegExp(`^${CONTACTS}/search$`), key: 'POST /crm/objects/contacts/search', crm: { scope: 'crm.objects.contacts.read', search: true }, handle: ({ req, res }) => handleSearch(state, req, res) },
    { method: 'GET', pattern: new RegExp(`^${CONTACTS}/([^/]+)$`), key: 'GET /crm/objects/contacts/{id}', crm: { scope: 'crm.objects.contacts.read' }, handle: ({ url, res, params, headers }) => handleGetOne(state, decode(params[0] ?? ''), url, res, headers) },
    { method: 'GET', pattern: new RegExp(`^${PROPERTIES}/?$`), key: 'GET /crm/properties/contacts', crm: { scope: 'crm.schemas.contacts.read' }, handle: ({ res, headers }) => handleProperties(state, res, headers) },
    { method: 'GET', pattern: new RegExp(`^${PROPERTIES}/([^/]+)$`), key: 'GET /crm/properties/contacts/{name}', crm: { scope: 'crm.schemas.contacts.read' }, handle: ({ res, params, headers }) => handleProperty(state, decode(params[0] ?? ''), res, headers) },
    { method: 'GET', pattern: new RegExp(`^${OWNERS}/?$`), key: 'GET /crm/owners', crm: { scope: 'crm.objects.owners.read' }, handle: ({ url, res, headers }) => handleOwnerList(state.owners, state.cursorKey, state.url, url, res, headers) },
    { method: 'GET', pattern: new RegExp(`^${OWNERS}/([^/]+)$`), key: 'GET /crm/owners/{ownerId}', crm: { scope: 'crm.objects.owners.read' }, handle: ({ url, res, params, headers }) => handleOwnerGet(state.owners, decode(params[0] ?? ''), url, res, headers) },
    { method: 'POST', pattern: new RegExp(`^${LISTS}/search$`), key: 'POST /crm/lists/search', crm: { scope: 'crm.lists.read' }, handle: async ({ req, res, headers }) => handleListSearch(state.lists, await readJson(req), res, headers) },
    { method: 'GET', pattern: new RegExp(`^${LISTS}/([^/]+)/memberships$`), key: 'GET /crm/lists/{listId}/memberships', crm: { scope: 'crm.lists.read' }, handle: ({ url, res, params, headers }) => handleMemberships(state.lists, state.cursorKey, state.url, decode(params[0] ?? ''), url, res, headers) },
  ];

  const delay = (ms: number): Promise<void> => new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });

  const rateLimited = (res: ServerResponse, policy: RateLimitPolicy, headers: Record<string, string>): void => {
    const extra: Record<string, string> = { ...headers };
    if (state.faults.retryAfterSeconds !== undefined) extra['Retry-After'] = String(state.faults.retryAfterSeconds);
    sendJson(res, 429, rateLimitBody(policy), extra);
  };

  const serveApi = async (route: Route, ctx: RouteContext): Promise<void> => {
    const { req, res } = ctx;
    const stats = state.stats;
    stats.apiRequests++;
    stats.byPath[route.key] = (stats.byPath[route.key] ?? 0) + 1;
    res.on('finish', () => {
      if (res.statusCode === 429) stats.tooManyRequests++;
      if (res.statusCode >= 500) stats.serverErrors++;
    });
    // every attempt counts for the "max in any window" stats, whatever its answer
    if (route.crm) {
      const who = oauth.peekAccount(req);
      const key = who ? String(who.hubId) : 'anonymous';
      if (route.crm.search) {
        stats.searchRequests++;
        stats.searchWindow.record(key, state.now());
      } else {
        stats.window.record(key, state.now());
      }
    }

    const wait = state.latencyMs + (state.jitterMs > 0 ? Math.random() * state.jitterMs : 0);
    if (wait > 0) await delay(wait);
    if (res.destroyed || req.socket.destroyed) return;
    // HubSpot stamps its answers with its clock; this one can be moved and stopped
    res.setHeader('Date', new Date(state.now()).toUTCString());

    const fault = pickTransportFault(state);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'server-error') {
      res.writeHead(fault.status, { 'Content-Type': fault.contentType, 'Content-Length': Buffer.byteLength(fault.body) });
      res.end(fault.body);
      return;
    }

    if (route.crm) {
      const auth = oauth.authenticate(req);
      if (!auth.ok) throw auth.error;
      const hub = String(auth.account.hubId);
      const { max, intervalMs } = state.config.rateLimit;
      const forced = pickRateFault(state);
      if (route.crm.search) {
        if (forced) return rateLimited(res, forced, {});
        const slot = state.searchLimiter.tryAcquire(hub, state.now());
        if (!slot.ok) return rateLimited(res, 'SECONDLY', {});
      } else {
        if (forced) {
          return rateLimited(res, forced, {
            'X-HubSpot-RateLimit-Interval-Milliseconds': String(intervalMs),
            'X-HubSpot-RateLimit-Max': String(max),
            'X-HubSpot-RateLimit-Remaining': '0',
          });
        }
        const slot = state.limiter.tryAcquire(hub, state.now());
        ctx.headers['X-HubSpot-RateLimit-Interval-Milliseconds'] = String(intervalMs);
        ctx.headers['X-HubSpot-RateLimit-Max'] = String(max);
        ctx.headers['X-HubSpot-RateLimit-Remaining'] = String(slot.remaining);
        if (!slot.ok) return rateLimited(res, 'TEN_SECONDLY_ROLLING', ctx.headers);
      }
      if (!auth.scopes.includes(route.crm.scope)) {
        throw new HttpError(403, apiError(403, "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", 'MISSING_SCOPES', {
          errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [route.crm.scope] } }],
          links: { scopes: 'https://developers.hubspot.com/scopes' },
        }), ctx.headers);
      }
    }
    await route.handle(ctx);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', state.url || 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const headers: Record<string, string> = {};
    try {
      if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
        await handleAdmin(admin, path.slice('/__sandbox'.length), req, res, url);
        return;
      }
      state.stats.requests++;
      // the consent page: no latency, no faults
      const accountPath = /^\/oauth\/(\d+)\/authorize\/?$/.exec(path);
      if ((path === '/oauth/authorize' || path === '/oauth/authorize/' || accountPath) && method === 'GET') {
        consent.handleAuthorize(url, accountPath?.[1], res);
        return;
      }
      if (path === '/oauth/authorize/decision' && method === 'POST') {
        await consent.handleDecision(req, res);
        return;
      }
      if (path === '/' && method === 'GET') {
        sendHtml(res, 200, errorPage('HubSpot sandbox', `This is a local stand-in for HubSpot serving ${state.store.liveCount()} sample contacts. There is nothing to see here; the app talks to it directly.`));
        return;
      }
      let pathMatched = false;
      let routeKey: string | null = null;
      const recorder = state.recorder;
      if (recorder) res.on('finish', () => recorder.record(req, url, routeKey, res.statusCode));
      for (const route of routes) {
        const m = route.pattern.exec(path);
        if (!m) continue;
        pathMatched = true;
        if (route.method !== method) continue;
        routeKey = route.key;
        await serveApi(route, { req, res, url, params: m.slice(1).filter((p): p is string => p !== undefined), headers });
        return;
      }
      if (pathMatched) throw new HttpError(405, apiError(405, `Method ${method} is not allowed on ${path}`, 'METHOD_NOT_ALLOWED'));
      throw new HttpError(404, apiError(404, `No route for ${method} ${path}`, 'OBJECT_NOT_FOUND'));
    } catch (err) {
      if (err instanceof HttpError) {
        sendJson(res, err.statusCode, err.body, { ...headers, ...err.headers });
        return;
      }
      process.stderr.write(`sandbox: internal error on ${method} ${path}: ${err instanceof Error ? err.message : String(err)}\n`);
      sendJson(res, 500, apiError(500, 'internal error', 'INTERNAL_ERROR'));
    }
  };

  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => {
    if (!socket.destroyed) socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(state.config.port, state.config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('sandbox: unexpected server address');
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  state.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url: state.url,
    clientId: state.config.clientId,
    clientSecret: state.config.clientSecret,
    redirectUris: [...state.config.redirectUris],
    admin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        state.close();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
