import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { AppError, isAppError } from '../errors.ts';
import type { Logger } from '../ports.ts';
import type { HubSpotConfig } from './hubspot-config.ts';
import { errorForNetworkFailure, errorForResponse, sentences } from './token-errors.ts';
import type { TokenErrorBody, TokenOperation } from './token-errors.ts';

/** Tokens as HubSpot issued them; `expiresInSeconds` counts from when the request was sent. */
export interface IssuedTokens {
  accessToken: string;
  /** HubSpot always sends one today; a refresh that omits it keeps the old one. */
  refreshToken: string | null;
  expiresInSeconds: number;
}

/** What HubSpot's introspection says about an access token. */
export type TokenIntrospection =
  | { active: false }
  | { active: true; hubId: number; hubDomain: string; userEmail: string; userId?: number; scopes: string[] };

/** HubSpot's OAuth endpoints (2026-03 paths, form bodies, client_secret in the body). */
export interface TokenClient {
  exchangeCode(grant: { code: string; redirectUri: string; codeVerifier: string }, signal?: AbortSignal): Promise<IssuedTokens>;
  refresh(refreshToken: string, signal?: AbortSignal): Promise<IssuedTokens>;
  introspect(accessToken: string, signal?: AbortSignal): Promise<TokenIntrospection>;
  /** Resolves once HubSpot has forgotten the refresh token (or never knew it). */
  revoke(refreshToken: string, signal?: AbortSignal): Promise<void>;
}

export interface TokenClientDeps {
  config: Pick<HubSpotConfig, 'clientId' | 'clientSecret' | 'authBaseUrl' | 'apiBaseUrl'>;
  log: Logger;
  fetch?: typeof fetch;
  /** Per request; HubSpot normally answers in well under a second. */
  timeoutMs?: number;
}

const defaultTimeoutMs = 20_000;
/** HubSpot documents 30 minutes; used only if an answer ever leaves expires_in out. */
const fallbackLifetimeSeconds = 1800;

const introspectionSchema = z.object({
  hub_id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  hub_domain: z.string().min(1),
  user: z.string(),
  user_id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  scopes: z.array(z.string()).optional(),
  scope: z.string().optional(),
});

export function createTokenClient(deps: TokenClientDeps): TokenClient {
  const { config, log } = deps;
  // oauth4webapi does the request building and the success-shape checks; HubSpot's error bodies
  // (legacy `status` values next to the RFC 6749 `error`) are read here before it sees them.
  const endpointBase = `${config.apiBaseUrl}/oauth/2026-03/token`;
  const server: oauth.AuthorizationServer = {
    issuer: config.authBaseUrl,
    authorization_endpoint: `${config.authBaseUrl}/oauth/authorize`,
    token_endpoint: endpointBase,
    introspection_endpoint: `${endpointBase}/introspect`,
    revocation_endpoint: `${endpointBase}/revoke`,
  };
  const client: oauth.Client = { client_id: config.clientId };
  const authentication = oauth.ClientSecretPost(config.clientSecret);
  const fetchImpl = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? defaultTimeoutMs;

  const options = (signal: AbortSignal | undefined) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<'POST', URLSearchParams>) => fetchImpl(url, init as RequestInit),
      [oauth.allowInsecureRequests]: new URL(config.apiBaseUrl).protocol === 'http:',
    };
  };

  /**
   * One call, retried once at once if HubSpot dropped it or answered 5xx. Not a code exchange: the
   * code is single-use, so a retry after a lost answer could only be refused, and HubSpot may then
   * revoke what the first try issued (RFC 6749 §4.1.2). The user is asked to try again instead.
   */
  async function call<T>(operation: TokenOperation, signal: AbortSignal | undefined, send: (opts: ReturnType<typeof options>) => Promise<Response>, read: (response: Response) => Promise<T>): Promise<T> {
    if (operation === 'exchange') return callOnce(operation, signal, send, read);
    try {
      return await callOnce(operation, signal, send, read);
    } catch (error) {
      if (!(isAppError(error) && error.kind === 'hubspot-down') || signal?.aborted) throw error;
      log.info('Retrying a HubSpot token request once', { operation });
      return callOnce(operation, signal, send, read);
    }
  }

  async function callOnce<T>(operation: TokenOperation, signal: AbortSignal | undefined, send: (opts: ReturnType<typeof options>) => Promise<Response>, read: (response: Response) => Promise<T>): Promise<T> {
    try {
      const response = await send(options(signal));
      if (!response.ok) throw errorForResponse(operation, response.status, await readErrorBody(response));
      return await read(response);
    } catch (error) {
      const appError = isAppError(error) ? error : (errorForNetworkFailure(error) ?? new AppError('hubspot-error', sentences.unreadable, { cause: error }));
      log.warn('A HubSpot token request failed', { operation, kind: appError.kind, ...appError.details, ...(isAppError(error) ? {} : { problem: describe(error) }) });
      throw appError;
    }
  }

  const readIssued = async (response: Response): Promise<IssuedTokens> => {
    const body = await oauth.processGenericTokenEndpointResponse(server, client, response);
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token ?? null,
      expiresInSeconds: body.expires_in ?? fallbackLifetimeSeconds,
    };
  };

  return {
    async exchangeCode(grant, signal) {
      const issued = await call(
        'exchange',
        signal,
        (opts) => oauth.genericTokenEndpointRequest(server, client, authentication, 'authorization_code', { code: grant.code, redirect_uri: grant.redirectUri, code_verifier: grant.codeVerifier }, opts),
        readIssued,
      );
      if (!issued.refreshToken) throw new AppError('hubspot-error', sentences.unreadable);
      return issued;
    },

    refresh(refreshToken, signal) {
      return call('refresh', signal, (opts) => oauth.refreshTokenGrantRequest(server, client, authentication, refreshToken, opts), readIssued);
    },

    introspect(accessToken, signal) {
      return call(
        'introspect',
        signal,
        (opts) => oauth.introspectionRequest(server, client, authentication, accessToken, { ...opts, additionalParameters: { token_type_hint: 'access_token' } }),
        async (response): Promise<TokenIntrospection> => {
          const body = await oauth.processIntrospectionResponse(server, client, response);
          if (!body.active) return { active: false };
          const parsed = introspectionSchema.safeParse(body);
          if (!parsed.success) throw new AppError('hubspot-error', sentences.unreadable);
          const { hub_id, hub_domain, user, user_id, scopes, scope } = parsed.data;
          return {
            active: true,
            hubId: hub_id,
            hubDomain: hub_domain,
            userEmail: user,
            ...(user_id !== undefined ? { userId: user_id } : {}),
            scopes: scopes ?? scope?.split(' ').filter(Boolean) ?? [],
          };
        },
      );
    },

    async revoke(refreshToken, signal) {
      try {
        await call(
          'revoke',
          signal,
          (opts) => oauth.revocationRequest(server, client, authentication, refreshToken, { ...opts, additionalParameters: { token_type_hint: 'refresh_token' } }),
          // RFC 7009 says 200, HubSpot's legacy endpoint answers 204: any 2xx means done.
          async (response) => void (await response.body?.cancel()),
        );
      } catch (error) {
        // An already invalid token is as revoked as it gets.
        if (isAppError(error) && error.details?.oauthError === 'invalid_grant') return;
        if (isAppError(error) && error.details?.hubspotStatus === 'BAD_REFRESH_TOKEN') return;
        throw error;
      }
    },
  };
}

async function readErrorBody(response: Response): Promise<TokenErrorBody | null> {
  try {
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) return null;
    const { error, status, correlationId } = body as Record<string, unknown>;
    return {
      ...(typeof error === 'string' ? { error } : {}),
      ...(typeof status === 'string' ? { status } : {}),
      ...(typeof correlationId === 'string' ? { correlationId } : {}),
    };
  } catch {
    return null;
  }
}

/** For logs: the error's class and code, never its message (it could echo a request). */
function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return typeof error;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return [name, code].filter((part) => typeof part === 'string').join(' ');
}
