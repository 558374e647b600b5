/**
 * OAuth as HubSpot does it: authorization codes, access/refresh tokens (opaque, stored here),
 * the token, introspection and revocation endpoints, and app uninstall.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, apiError, correlationId, readForm as readAnyForm, sendEmpty, sendJson } from './http-util.ts';
import { createRng } from './random.ts';
import type { Rng } from './random.ts';
import type { Account, SandboxState } from './state.ts';

/**
 * HubSpot's access tokens are `CO…` strings whose length varies between tokens and over time
 * (up to about 300 characters). The sandbox varies them too, within this range, and picks each
 * length from the seed so that a run is repeatable; the content stays random and unguessable.
 */
const ACCESS_TOKEN_LENGTH = { min: 150, max: 280 } as const;

/** Scopes the sandbox knows, in plain words for the consent page. */
export const KNOWN_SCOPES: Record<string, string> = {
  oauth: 'Know which HubSpot account and user connected (basic OAuth access)',
  'crm.objects.contacts.read': 'View your contacts',
  'crm.objects.contacts.write': 'Create, change and delete your contacts',
  'crm.schemas.contacts.read': 'View the list of contact properties (fields)',
  'crm.schemas.contacts.write': 'Change contact property settings',
  'crm.objects.companies.read': 'View your companies',
  'crm.objects.deals.read': 'View your deals',
  'crm.objects.owners.read': 'View the users who own records',
  'crm.lists.read': 'View your contact lists',
  'crm.export': 'Export records from your account',
  'crm.import': 'Import records into your account',
  'sales-email-read': 'View the content of one-to-one sales emails',
  contacts: 'Full access to contacts (legacy scope)',
  timeline: 'Add events to record timelines',
  e_commerce: 'Access e-commerce data (products, line items)',
};

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  hubId: number;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
  used: boolean;
}

export interface TokenRecord {
  token: string;
  kind: 'access' | 'refresh';
  clientId: string;
  hubId: number;
  userId: number;
  scopes: string[];
  generation: number;
  issuedAt: number;
  /** access tokens only */
  expiresAt: number;
  revoked: boolean;
}

export type AuthResult =
  | { ok: true; record: TokenRecord; account: Account; scopes: string[] }
  | { ok: false; error: HttpError; account?: Account };

export interface IssueCodeParams {
  clientId: string;
  redirectUri: string;
  hubId: number;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

export class OAuthService {
  private readonly state: SandboxState;
  readonly codes = new Map<string, AuthCode>();
  readonly tokens = new Map<string, TokenRecord>();
  private readonly tokenLengthRng: Rng;

  constructor(state: SandboxState) {
    this.state = state;
    this.tokenLengthRng = createRng(state.config.seed ^ 0x70ce);
  }

  /** scopes granted to a new token: the requested ones the account grants */
  grantable(account: Account, requested: string[]): string[] {
    const granted = account.grantedScopes;
    return granted ? requested.filter((s) => granted.includes(s)) : [...requested];
  }

  issueCode(params: IssueCodeParams): string {
    const code = randomUUID();
    const account = this.state.account(params.hubId);
    this.codes.set(code, {
      code,
      clientId: params.clientId,
      redirectUri: params.redirectUri,
      hubId: account.hubId,
      scopes: this.grantable(account, params.scopes),
      ...(params.codeChallenge ? { codeChallenge: params.codeChallenge, codeChallengeMethod: params.codeChallengeMethod ?? 'plain' } : {}),
      expiresAt: this.state.now() + this.state.config.authCodeTtlSeconds * 1000,
      used: false,
    });
    return code;
  }

  /** the scopes a token may use right now (the account may have taken some back) */
  effectiveScopes(record: TokenRecord): string[] {
    const account = this.state.accounts.find((a) => a.hubId === record.hubId);
    if (!account) return [];
    const granted = account.grantedScopes;
    return granted ? record.scopes.filter((s) => granted.includes(s)) : record.scopes;
  }

  private isLive(record: TokenRecord): boolean {
    const account = this.state.accounts.find((a) => a.hubId === record.hubId);
    return !record.revoked && account !== undefined && account.generation === record.generation;
  }

  private newToken(kind: 'access' | 'refresh', from: { clientId: string; hubId: number; scopes: string[] }): TokenRecord {
    const account = this.state.account(from.hubId);
    const now = this.state.now();
    const token = kind === 'access' ? this.newAccessToken() : `na1-${randomBytes(2).toString('hex')}-${randomUUID()}`;
    const record: TokenRecord = {
      token,
      kind,
      clientId: from.clientId,
      hubId: account.hubId,
      userId: account.userId,
      scopes: [...from.scopes],
      generation: account.generation,
      issuedAt: now,
      expiresAt: kind === 'access' ? now + this.state.config.accessTokenTtlSeconds * 1000 : Number.POSITIVE_INFINITY,
      revoked: false,
    };
    this.tokens.set(token, record);
    return record;
  }

  private newAccessToken(): string {
    const { min, max } = ACCESS_TOKEN_LENGTH;
    const length = min + this.tokenLengthRng.int(max - min + 1);
    return `CO${randomBytes(length).toString('base64url').slice(0, length - 2)}`;
  }

  private tokenResponse(access: TokenRecord, refresh: TokenRecord): Record<string, unknown> {
    return {
      token_type: 'bearer',
      access_token: access.token,
      refresh_token: refresh.token,
      expires_in: this.state.config.accessTokenTtlSeconds,
      token_use: 'access_token',
      hub_id: access.hubId,
      user_id: access.userId,
      scopes: this.effectiveScopes(access),
    };
  }

  // ---- admin ----

  revokeAll(): void {
    for (const record of this.tokens.values()) record.revoked = true;
  }

  expireAccessTokens(): void {
    const now = this.state.now();
    for (const record of this.tokens.values()) {
      if (record.kind === 'access' && record.expiresAt > now - 1000) record.expiresAt = now - 1000;
    }
  }

  uninstall(hubId?: number): void {
    const account = this.state.account(hubId);
    account.generation++;
  }

  // ---- Bearer check for API calls ----

  /** which account a bearer token belongs to, whatever its state (for stats) */
  peekAccount(req: IncomingMessage): Account | undefined {
    const token = bearer(req);
    const record = token ? this.tokens.get(token) : undefined;
    return record ? this.state.accounts.find((a) => a.hubId === record.hubId) : undefined;
  }

  authenticate(req: IncomingMessage): AuthResult {
    const token = bearer(req);
    if (!token) {
      return {
        ok: false,
        error: new HttpError(401, apiError(401, 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview', 'INVALID_AUTHENTICATION')),
      };
    }
    const record = this.tokens.get(token);
    if (!record || record.kind !== 'access' || !this.isLive(record)) {
      return {
        ok: false,
        error: new HttpError(401, apiError(401, 'The OAuth token used to make this call is not valid.', 'INVALID_AUTHENTICATION', { context: {} })),
      };
    }
    const account = this.state.account(record.hubId);
    const now = this.state.now();
    if (now >= record.expiresAt) {
      const seconds = Math.max(0, Math.floor((now - record.expiresAt) / 1000));
      return {
        ok: false,
        account,
        error: new HttpError(401, apiError(401, `The OAuth token used to make this call expired ${seconds} second(s) ago.`, 'EXPIRED_AUTHENTICATION', { context: {} })),
      };
    }
    return { ok: true, record, account, scopes: this.effectiveScopes(record) };
  }

  // ---- HTTP routes ----

  async handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const grantType = form.grant_type;
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      throw tokenError('unsupported_grant_type', grantType ? `grant_type ${grantType} is not supported` : 'missing grant_type', 'BAD_GRANT_TYPE');
    }
    this.checkClient(form);
    if (grantType === 'authorization_code') {
      sendJson(res, 200, this.exchangeCode(form));
    } else {
      sendJson(res, 200, this.refresh(form));
    }
  }

  private checkClient(form: Record<string, string>): void {
    const { clientId, clientSecret } = this.state.config;
    if (!form.client_id || !safeEqual(form.client_id, clientId)) {
      throw tokenError('invalid_client', 'missing or unknown client id', 'BAD_CLIENT_ID');
    }
    if (!form.client_secret || !safeEqual(form.client_secret, clientSecret)) {
      throw tokenError('invalid_client', 'client secret does not match the client id', 'BAD_CLIENT_SECRET');
    }
  }

  private exchangeCode(form: Record<string, string>): Record<string, unknown> {
    const code = form.code ? this.codes.get(form.code) : undefined;
    if (!code || code.used || code.clientId !== form.client_id) {
      throw tokenError('invalid_grant', 'missing or unknown auth code', 'BAD_AUTH_CODE');
    }
    if (this.state.now() >= code.expiresAt) {
      throw tokenError('invalid_grant', 'auth code is expired', 'EXPIRED_AUTH_CODE');
    }
    if (!form.redirect_uri || form.redirect_uri !== code.redirectUri) {
      throw tokenError('invalid_grant', 'redirect_uri does not match the one used in the authorization request', 'BAD_REDIRECT_URI');
    }
    if (!code.codeChallenge && form.code_verifier !== undefined) {
      // a PKCE downgrade: the authorization request was stripped of its challenge (RFC 9700 §2.1.1)
      code.used = true;
      throw tokenError('invalid_grant', 'code_verifier was sent, but this auth code was issued without a code_challenge', 'BAD_AUTH_CODE');
    }
    if (code.codeChallenge) {
      const verifier = form.code_verifier;
      if (!verifier) {
        code.used = true;
        throw tokenError('invalid_grant', 'code_verifier is required for this auth code', 'BAD_AUTH_CODE');
      }
      const valid = /^[A-Za-z0-9\-._~]{43,128}$/.test(verifier);
      const expected = code.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (!valid || !safeEqual(expected, code.codeChallenge)) {
        code.used = true;
        throw tokenError('invalid_grant', 'code_verifier does not match the code_challenge', 'BAD_AUTH_CODE');
      }
    }
    code.used = true;
    const source = { clientId: code.clientId, hubId: code.hubId, scopes: code.scopes };
    const access = this.newToken('access', source);
    const refresh = this.newToken('refresh', source);
    return this.tokenResponse(access, refresh);
  }

  private refresh(form: Record<string, string>): Record<string, unknown> {
    const record = form.refresh_token ? this.tokens.get(form.refresh_token) : undefined;
    if (!record || record.kind !== 'refresh' || !this.isLive(record) || record.clientId !== form.client_id) {
      throw tokenError('invalid_grant', 'refresh token is invalid, expired or revoked', 'BAD_REFRESH_TOKEN');
    }
    const source = { clientId: record.clientId, hubId: record.hubId, scopes: this.effectiveScopes(record) };
    const access = this.newToken('access', source);
    let refresh = record;
    if (this.state.config.rotateRefreshTokens) {
      record.revoked = true;
      refresh = this.newToken('refresh', source);
    }
    return this.tokenResponse(access, refresh);
  }

  /**
   * What introspection says about a live token: every field HubSpot's description lists. A refresh
   * token gets the same fields without the expiry ones (`expires_in`, `signed_access_token.expiresAt`).
   */
  private describe(record: TokenRecord): Record<string, unknown> {
    const account = this.state.account(record.hubId);
    const { appId } = this.state.config;
    const scopes = this.effectiveScopes(record);
    const access = record.kind === 'access';
    const digest = (what: string): string => createHash('sha256').update(`${what}:${record.token}`).digest('base64');
    // HubSpot encodes scope sets as base64 bitsets; the sandbox marks each granted scope's bit
    const bitset = (names: string[]): string => {
      const known = Object.keys(KNOWN_SCOPES);
      const bytes = Buffer.alloc(Math.ceil(known.length / 8) + 1);
      for (const name of names) {
        const i = known.indexOf(name);
        if (i >= 0) bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (1 << (i & 7));
      }
      return bytes.toString('base64');
    };
    return {
      token: record.token,
      token_use: access ? 'access_token' : 'refresh_token',
      token_type: access ? 'bearer' : 'refresh',
      client_id: record.clientId,
      app_id: appId,
      hub_id: record.hubId,
      user_id: record.userId,
      user: account.userEmail,
      hub_domain: account.domain,
      scopes,
      ...(access ? { expires_in: Math.max(0, Math.floor((record.expiresAt - this.state.now()) / 1000)) } : {}),
      is_private_distribution: false,
      signed_access_token: {
        appId,
        appInstallId: (appId * 31 + record.hubId) % 1_000_000_007,
        audience: 'api.hubapi.com',
        ...(access ? { expiresAt: record.expiresAt } : {}),
        hubId: record.hubId,
        hublet: 'na1',
        installingUserId: account.userId,
        isPrivateDistribution: false,
        isServiceAccount: false,
        isUserLevel: false,
        newSignature: digest('new-signature'),
        scopeToScopeGroupPks: bitset(scopes),
        scopes: bitset(scopes),
        signature: digest('signature'),
        trialScopeToScopeGroupPks: '',
        trialScopes: '',
        userId: record.userId,
      },
    };
  }

  private activeRecord(token: string | undefined): TokenRecord | undefined {
    const record = token ? this.tokens.get(token) : undefined;
    if (!record || !this.isLive(record)) return undefined;
    if (record.kind === 'access' && this.state.now() >= record.expiresAt) return undefined;
    return record;
  }

  async handleIntrospect(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    this.checkClient(form);
    const record = this.activeRecord(form.token);
    if (!record || record.clientId !== form.client_id) {
      sendJson(res, 200, { active: false });
      return;
    }
    sendJson(res, 200, { active: true, ...this.describe(record) });
  }

  async handleRevoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    this.checkClient(form);
    const record = form.token ? this.tokens.get(form.token) : undefined;
    // RFC 7009: unknown tokens are answered like revoked ones
    if (record && record.clientId === form.client_id) record.revoked = true;
    sendEmpty(res, 200);
  }

  handleLegacyInfo(kind: 'access' | 'refresh', token: string, res: ServerResponse): void {
    const record = this.activeRecord(token);
    if (!record || record.kind !== kind) {
      throw new HttpError(404, {
        status: 'error',
        message: kind === 'access' ? 'The access token could not be found or has expired.' : 'refresh token not found',
        correlationId: correlationId(),
        category: 'OBJECT_NOT_FOUND',
      });
    }
    const d = this.describe(record);
    if (kind === 'access') {
      sendJson(res, 200, {
        token,
        user: d.user,
        hub_domain: d.hub_domain,
        scopes: d.scopes,
        scope_to_scope_group_pks: [],
        trial_scopes: [],
        trial_scope_to_scope_group_pks: [],
        hub_id: d.hub_id,
        app_id: d.app_id,
        expires_in: d.expires_in,
        user_id: d.user_id,
        token_type: 'access',
        is_private_distribution: false,
      });
    } else {
      sendJson(res, 200, {
        token,
        user: d.user,
        hub_domain: d.hub_domain,
        scopes: d.scopes,
        hub_id: d.hub_id,
        client_id: d.client_id,
        user_id: d.user_id,
        token_type: 'refresh',
      });
    }
  }

  handleLegacyRevoke(token: string, res: ServerResponse): void {
    const record = this.tokens.get(token);
    if (!record || record.kind !== 'refresh' || !this.isLive(record)) {
      throw new HttpError(404, { status: 'error', message: 'refresh token not found', correlationId: correlationId(), category: 'OBJECT_NOT_FOUND' });
    }
    record.revoked = true;
    sendEmpty(res, 204);
  }

  handleUninstall(req: IncomingMessage, res: ServerResponse): void {
    const auth = this.authenticate(req);
    if (!auth.ok) throw auth.error;
    this.uninstall(auth.account.hubId);
    sendEmpty(res, 204);
  }
}

/** HubSpot wants every OAuth parameter form-encoded in the body */
async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw tokenError('invalid_request', 'The request body must be application/x-www-form-urlencoded', 'BAD_REQUEST');
  }
  return readAnyForm(req);
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function tokenError(error: string, description: string, status: string): HttpError {
  return new HttpError(400, {
    error,
    error_description: description,
    status,
    message: description,
    correlationId: correlationId(),
  });
}
