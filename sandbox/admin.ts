/** The test-only control surface: the in-process SandboxAdmin and its HTTP mirror under /__sandbox/. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJson, sendEmpty, sendJson } from './http-util.ts';
import { KNOWN_SCOPES } from './oauth.ts';
import type { OAuthService } from './oauth.ts';
import type { Properties } from './contacts-data.ts';
import type { ProcessingType, SandboxAdmin, SandboxContact, SandboxFaults } from './server.ts';
import { DEFAULT_SCOPES } from './state.ts';
import type { SandboxState } from './state.ts';
import type { StoredContact } from './store.ts';

function toPublic(c: StoredContact): SandboxContact {
  return {
    id: c.id,
    properties: { ...c.properties },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    archived: c.archived,
    ...(c.archivedAt ? { archivedAt: c.archivedAt } : {}),
  };
}

function contactId(id: string): number {
  if (!/^\d+$/.test(id)) throw new Error(`Contact id must be numeric, got ${JSON.stringify(id)}`);
  return Number(id);
}

export function createAdmin(state: SandboxState, oauth: OAuthService): SandboxAdmin {
  return {
    setFaults(f: SandboxFaults) {
      state.faults = { ...f };
    },
    setLatency(ms: number, jitterMs = 0) {
      state.latencyMs = Math.max(0, ms);
      state.jitterMs = Math.max(0, jitterMs);
    },
    createContact(props: Properties) {
      return toPublic(state.store.create(props, state.now()));
    },
    updateContact(id: string, props: Properties) {
      return toPublic(state.store.update(contactId(id), props, state.now()));
    },
    archiveContact(id: string) {
      state.store.archive(contactId(id), state.now());
      state.lists.removeRecordEverywhere(contactId(id), state.now());
    },
    getContact(id: string) {
      if (!/^\d+$/.test(id)) return undefined;
      const c = state.store.get(Number(id));
      return c ? toPublic(c) : undefined;
    },
    *allContacts(opts?: { archived?: boolean }) {
      for (const c of state.store.iterate(0, opts?.archived ?? false)) yield toPublic(c);
    },
    contactCount() {
      return state.store.liveCount();
    },
    revokeAllTokens() {
      oauth.revokeAll();
    },
    uninstallApp(hubId?: number) {
      oauth.uninstall(hubId);
    },
    setGrantedScopes(scopes: string[], hubId?: number) {
      state.account(hubId).grantedScopes = [...scopes];
    },
    expireAccessTokens() {
      oauth.expireAccessTokens();
    },
    stats() {
      return state.stats.snapshot();
    },
    resetStats() {
      state.stats.reset();
    },
    authorize(params) {
      const { config } = state;
      if (!config.redirectUris.includes(params.redirectUri)) {
        throw new Error(`redirectUri ${params.redirectUri} is not registered (registered: ${config.redirectUris.join(', ')})`);
      }
      const scopes = params.scopes ?? DEFAULT_SCOPES;
      const unknown = scopes.filter((s) => !(s in KNOWN_SCOPES));
      if (unknown.length > 0) throw new Error(`Unknown scopes: ${unknown.join(', ')}`);
      return oauth.issueCode({
        clientId: config.clientId,
        redirectUri: params.redirectUri,
        hubId: state.account(params.hubId).hubId,
        scopes,
        ...(params.codeChallenge ? { codeChallenge: params.codeChallenge, codeChallengeMethod: params.codeChallengeMethod ?? 'S256' } : {}),
      });
    },
    advanceClock(ms: number) {
      if (!(ms >= 0)) throw new Error('advanceClock takes a non-negative number of milliseconds');
      state.clockOffsetMs += ms;
      if (state.pausedAt !== undefined) state.pausedAt += ms;
    },
    pauseClock() {
      state.pausedAt ??= state.now();
    },
    resumeClock() {
      if (state.pausedAt === undefined) return;
      state.clockOffsetMs = state.pausedAt - Date.now();
      state.pausedAt = undefined;
    },
    now() {
      return state.now();
    },
    owners(opts?: { archived?: boolean }) {
      return state.owners.list(opts?.archived ?? false).map((o) => structuredClone(o));
    },
    ownerOfSignedInUser(hubId?: number) {
      const owner = state.owners.ownerOfUser(state.account(hubId).userId);
      if (!owner) throw new Error('The signed-in user has no active owner record (was it archived or deleted?)');
      return structuredClone(owner);
    },
    archiveOwner(id: string) {
      state.owners.archive(id, state.now());
    },
    deleteOwner(id: string) {
      state.owners.remove(id);
    },
    lists() {
      return state.lists.all();
    },
    listMembers(listId: string) {
      return state.lists.members(listId);
    },
    createList(params) {
      return state.lists.create(params, state.now());
    },
    deleteList(listId: string) {
      state.lists.delete(listId);
    },
    changeListMembers(listId: string, change: { add?: string[]; remove?: string[] }) {
      return state.lists.change(listId, change, state.now());
    },
    async prepareQueryIndex() {
      await state.queryIndex();
    },
    recordedRequests() {
      if (!state.recorder) throw new Error('Start the sandbox with recordRequests: true to record requests');
      return state.recorder.list();
    },
    clearRecordedRequests() {
      state.recorder?.clear();
    },
  };
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, { message: 'Expected a JSON object' });
  return body as Record<string, unknown>;
}

function propsOf(body: Record<string, unknown>): Properties {
  const p = body.properties ?? body;
  return asObject(p) as Properties;
}

function stringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new HttpError(400, { message: `${name} must be an array of ids` });
  return value.map(String);
}

/** GET /owners[?archived=true], POST /owners/{id}/archive, DELETE /owners/{id} */
async function handleOwnersAdmin(admin: SandboxAdmin, parts: string[], method: string, url: URL, res: ServerResponse): Promise<void> {
  const [id, action] = parts;
  if (id === undefined && method === 'GET') return sendJson(res, 200, { results: admin.owners({ archived: url.searchParams.get('archived') === 'true' }) });
  if (id === 'me' && action === undefined && method === 'GET') return sendJson(res, 200, admin.ownerOfSignedInUser());
  if (id !== undefined && action === 'archive' && method === 'POST') {
    admin.archiveOwner(id);
    return sendEmpty(res, 204);
  }
  if (id !== undefined && action === undefined && method === 'DELETE') {
    admin.deleteOwner(id);
    return sendEmpty(res, 204);
  }
  sendJson(res, 404, { message: `No sandbox admin route ${method} /__sandbox/owners/${parts.join('/')}` });
}

/** GET|POST /lists, DELETE /lists/{id}, GET|PATCH /lists/{id}/members {add?, remove?} */
async function handleListsAdmin(admin: SandboxAdmin, parts: string[], method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [id, sub] = parts;
  if (id === undefined && method === 'GET') return sendJson(res, 200, { results: admin.lists() });
  if (id === undefined && method === 'POST') {
    const b = asObject(await readJson(req));
    if (typeof b.name !== 'string' || b.name === '') throw new HttpError(400, { message: 'name is required' });
    const members = stringList(b.members, 'members');
    return sendJson(res, 201, admin.createList({
      name: b.name,
      ...(typeof b.processingType === 'string' ? { processingType: b.processingType as ProcessingType } : {}),
      ...(typeof b.objectTypeId === 'string' ? { objectTypeId: b.objectTypeId } : {}),
      ...(members ? { members } : {}),
    }));
  }
  if (id !== undefined && sub === undefined && method === 'DELETE') {
    admin.deleteList(id);
    return sendEmpty(res, 204);
  }
  if (id !== undefined && sub === 'members' && method === 'GET') return sendJson(res, 200, { results: admin.listMembers(id) });
  if (id !== undefined && sub === 'members' && (method === 'PATCH' || method === 'POST')) {
    const b = asObject(await readJson(req));
    const add = stringList(b.add, 'add');
    const remove = stringList(b.remove, 'remove');
    return sendJson(res, 200, admin.changeListMembers(id, { ...(add ? { add } : {}), ...(remove ? { remove } : {}) }));
  }
  sendJson(res, 404, { message: `No sandbox admin route ${method} /__sandbox/lists/${parts.join('/')}` });
}

/** HTTP mirror of SandboxAdmin; `path` is what follows /__sandbox */
export async function handleAdmin(admin: SandboxAdmin, path: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const parts = path.split('/').filter(Boolean);
  const [head, second] = parts;
  try {
    if (head === 'stats' && parts.length === 1 && method === 'GET') return sendJson(res, 200, admin.stats());
    if (head === 'stats' && second === 'reset' && method === 'POST') {
      admin.resetStats();
      return sendEmpty(res, 204);
    }
    if (head === 'faults' && (method === 'PUT' || method === 'POST')) {
      admin.setFaults(asObject(await readJson(req)) as SandboxFaults);
      return sendEmpty(res, 204);
    }
    if (head === 'latency' && (method === 'PUT' || method === 'POST')) {
      const b = asObject(await readJson(req));
      admin.setLatency(Number(b.ms ?? 0), Number(b.jitterMs ?? 0));
      return sendEmpty(res, 204);
    }
    if (head === 'contacts') {
      if (parts.length === 1 && method === 'POST') return sendJson(res, 201, admin.createContact(propsOf(asObject(await readJson(req)))));
      if (parts.length === 1 && method === 'GET') {
        const archived = url.searchParams.get('archived') === 'true';
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 10_000);
        const out: SandboxContact[] = [];
        for (const c of admin.allContacts({ archived })) {
          if (out.length >= limit) break;
          out.push(c);
        }
        return sendJson(res, 200, { count: admin.contactCount(), results: out });
      }
      if (second === 'count' && method === 'GET') return sendJson(res, 200, { count: admin.contactCount() });
      if (second !== undefined && parts.length === 2) {
        if (method === 'GET') {
          const c = admin.getContact(second);
          return c ? sendJson(res, 200, c) : sendJson(res, 404, { message: 'No such contact' });
        }
        if (method === 'PATCH' || method === 'PUT') return sendJson(res, 200, admin.updateContact(second, propsOf(asObject(await readJson(req)))));
        if (method === 'DELETE') {
          admin.archiveContact(second);
          return sendEmpty(res, 204);
        }
      }
    }
    if (head === 'owners') return await handleOwnersAdmin(admin, parts.slice(1), method, url, res);
    if (head === 'lists') return await handleListsAdmin(admin, parts.slice(1), method, req, res);
    if (head === 'tokens' && second === 'revoke-all' && method === 'POST') {
      admin.revokeAllTokens();
      return sendEmpty(res, 204);
    }
    if (head === 'tokens' && second === 'expire' && method === 'POST') {
      admin.expireAccessTokens();
      return sendEmpty(res, 204);
    }
    if (head === 'uninstall' && method === 'POST') {
      const b = asObject(await readJson(req));
      admin.uninstallApp(b.hubId === undefined ? undefined : Number(b.hubId));
      return sendEmpty(res, 204);
    }
    if (head === 'scopes' && (method === 'PUT' || method === 'POST')) {
      const b = asObject(await readJson(req));
      if (!Array.isArray(b.scopes)) throw new HttpError(400, { message: 'scopes must be an array' });
      admin.setGrantedScopes(b.scopes.map(String), b.hubId === undefined ? undefined : Number(b.hubId));
      return sendEmpty(res, 204);
    }
    if (head === 'authorize' && method === 'POST') {
      const b = asObject(await readJson(req));
      const code = admin.authorize({
        redirectUri: String(b.redirectUri ?? ''),
        ...(typeof b.state === 'string' ? { state: b.state } : {}),
        ...(typeof b.codeChallenge === 'string' ? { codeChallenge: b.codeChallenge } : {}),
        ...(typeof b.codeChallengeMethod === 'string' ? { codeChallengeMethod: b.codeChallengeMethod } : {}),
        ...(Array.isArray(b.scopes) ? { scopes: b.scopes.map(String) } : {}),
        ...(b.hubId !== undefined ? { hubId: Number(b.hubId) } : {}),
      });
      return sendJson(res, 200, { code });
    }
    if (head === 'clock' && method === 'POST') {
      const b = asObject(await readJson(req));
      if (b.paused === true) admin.pauseClock();
      if (b.paused === false) admin.resumeClock();
      admin.advanceClock(Number(b.advanceMs ?? 0));
      return sendJson(res, 200, { now: admin.now() });
    }
    sendJson(res, 404, { message: `No sandbox admin route ${method} /__sandbox/${parts.join('/')}` });
  } catch (err) {
    if (err instanceof HttpError) throw err;
    sendJson(res, 400, { message: err instanceof Error ? err.message : String(err) });
  }
}
