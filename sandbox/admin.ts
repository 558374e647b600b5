/** The test-only control surface: the in-process SandboxAdmin and its HTTP mirror under /__sandbox/. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJson, sendEmpty, sendJson } from './http-util.ts';
import { KNOWN_SCOPES } from './oauth.ts';
import type { OAuthService } from './oauth.ts';
import type { Properties } from './contacts-data.ts';
import type { SandboxAdmin, SandboxContact, SandboxFaults } from './server.ts';
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
    },
    now() {
      return state.now();
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
      admin.advanceClock(Number(b.advanceMs ?? 0));
      return sendJson(res, 200, { now: admin.now() });
    }
    sendJson(res, 404, { message: `No sandbox admin route ${method} /__sandbox/${parts.join('/')}` });
  } catch (err) {
    if (err instanceof HttpError) throw err;
    sendJson(res, 400, { message: err instanceof Error ? err.message : String(err) });
  }
}
