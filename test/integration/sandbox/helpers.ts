/** Shared helpers for the sandbox conformance tests. */
import { createHash, randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { startSandbox } from '../../../sandbox/server.ts';
import type { Sandbox, SandboxOptions } from '../../../sandbox/server.ts';

export async function sandbox(t: TestContext, options: SandboxOptions = {}): Promise<Sandbox> {
  const sb = await startSandbox(options);
  t.after(() => sb.close());
  return sb;
}

export interface TokenBody {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  token_use: string;
  hub_id: number;
  user_id: number;
  scopes: string[];
}

export function form(fields: Record<string, string | undefined>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) p.set(k, v);
  return p;
}

export async function postForm(sb: Sandbox, path: string, fields: Record<string, string | undefined>): Promise<Response> {
  return fetch(sb.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form(fields),
  });
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** programmatic connect + code exchange at the date-versioned token endpoint */
export async function connect(sb: Sandbox, opts: { scopes?: string[]; hubId?: number } = {}): Promise<TokenBody> {
  const { verifier, challenge } = pkcePair();
  const redirectUri = sb.redirectUris[0] as string;
  const code = sb.admin.authorize({ redirectUri, codeChallenge: challenge, ...opts });
  const res = await postForm(sb, '/oauth/2026-03/token', {
    grant_type: 'authorization_code',
    client_id: sb.clientId,
    client_secret: sb.clientSecret,
    redirect_uri: redirectUri,
    code,
    code_verifier: verifier,
  });
  if (res.status !== 200) throw new Error(`token exchange failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as TokenBody;
}

export async function api(sb: Sandbox, token: string | undefined, path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(sb.url + path, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface ContactJson {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export interface PageJson {
  results: ContactJson[];
  paging?: { next?: { after: string; link?: string } };
  total?: number;
}

export const CONTACTS_V = '/crm/objects/2026-03/contacts';
export const CONTACTS_V3 = '/crm/v3/objects/contacts';
export const SEARCH = '/crm/objects/2026-03/contacts/search';
