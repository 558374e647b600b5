import { AppError } from '../errors.ts';
import type { ErrorKind } from '../errors.ts';

/** Which call to HubSpot's OAuth endpoints failed; the same answer means different things per call. */
export type TokenOperation = 'exchange' | 'refresh' | 'introspect' | 'revoke';

export const sentences = {
  offline: "Contact Desk can't reach HubSpot. Check your internet connection, then try again.",
  noAnswer: "HubSpot didn't answer in time. Try again in a few minutes.",
  down: "HubSpot isn't working properly right now. Try again in a few minutes.",
  rateLimited: 'HubSpot is getting too many requests from Contact Desk. Wait a minute, then try again.',
  revoked: "HubSpot no longer accepts Contact Desk's access — sign in again.",
  codeRejected: "HubSpot didn't accept this sign-in because its one-time code had expired or was already used. Click Connect to HubSpot to try again.",
  unknownApp: "HubSpot doesn't recognise this copy of Contact Desk (its app ID or secret doesn't match). Ask whoever set up Contact Desk to check its HubSpot app settings.",
  badRedirect: "HubSpot refused the address Contact Desk uses to finish signing in. Ask whoever set up Contact Desk to check the redirect URLs in its HubSpot app settings.",
  refused: 'HubSpot refused the request. Try again; if it keeps happening, ask whoever set up Contact Desk.',
  unreadable: "HubSpot sent an answer Contact Desk doesn't understand. Try again in a few minutes; if it keeps happening, ask whoever set up Contact Desk.",
  cancelled: 'Signing in was cancelled.',
} as const;

/** The fields of a HubSpot OAuth error body that decide what went wrong (RFC 6749 + HubSpot's legacy ones). */
export interface TokenErrorBody {
  error?: string;
  status?: string;
  correlationId?: string;
}

export function errorForResponse(operation: TokenOperation, httpStatus: number, body: TokenErrorBody | null): AppError {
  const details = {
    httpStatus,
    ...(body?.status ? { hubspotStatus: body.status } : {}),
    ...(body?.error ? { oauthError: body.error } : {}),
    ...(body?.correlationId ? { correlationId: body.correlationId } : {}),
  };
  const make = (kind: ErrorKind, sentence: string) => new AppError(kind, sentence, { details });

  if (httpStatus >= 500) return make('hubspot-down', sentences.down);
  if (httpStatus === 429) return make('rate-limited', sentences.rateLimited);

  const status = body?.status ?? '';
  const error = body?.error ?? '';
  if (status === 'BAD_CLIENT_ID' || error === 'invalid_client' || error === 'unauthorized_client' || httpStatus === 401) {
    return make('hubspot-error', sentences.unknownApp);
  }
  if (status === 'BAD_REDIRECT_URI') return make('hubspot-error', sentences.badRedirect);
  const grantRefused = error === 'invalid_grant' || status === 'BAD_REFRESH_TOKEN' || status === 'BAD_AUTH_CODE' || status === 'EXPIRED_AUTH_CODE';
  if (grantRefused && operation === 'refresh') return make('revoked', sentences.revoked);
  if (grantRefused && operation === 'exchange') return make('hubspot-error', sentences.codeRejected);
  return make('hubspot-error', sentences.refused);
}

const offlineCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const droppedCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * A thrown fetch failure as an AppError, or null if it is not a network failure. Refused/unresolvable
 * connections mean the user is offline; connections that were dropped or timed out mean HubSpot is
 * struggling.
 */
export function errorForNetworkFailure(error: unknown): AppError | null {
  for (const cause of causeChain(error)) {
    const name = (cause as { name?: unknown }).name;
    if (name === 'AbortError') return new AppError('cancelled', sentences.cancelled, { cause: error });
    if (name === 'TimeoutError') return new AppError('hubspot-down', sentences.noAnswer, { cause: error });
    for (const code of codesOf(cause)) {
      if (offlineCodes.has(code)) return new AppError('offline', sentences.offline, { cause: error });
      if (droppedCodes.has(code)) return new AppError('hubspot-down', sentences.noAnswer, { cause: error });
    }
  }
  if (error instanceof TypeError && error.message === 'fetch failed') return new AppError('offline', sentences.offline, { cause: error });
  return null;
}

function causeChain(error: unknown): object[] {
  const chain: object[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** Happy-eyeballs connects fail with an AggregateError holding one error per address. */
function codesOf(error: object): string[] {
  const codes: string[] = [];
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') codes.push(code);
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) {
    for (const item of inner) {
      const innerCode = (item as { code?: unknown } | null)?.code;
      if (typeof innerCode === 'string') codes.push(innerCode);
    }
  }
  return codes;
}
