import { AppError } from '../errors.ts';
import type { ErrorKind } from '../errors.ts';

/** Which call to HubSpot's OAuth endpoints failed; the same answer means different things per call. */
export type TokenOperation = 'exchange' | 'refresh' | 'introspect' | 'revoke';

export const sentences = {
  offline: "Contact Desk can't reach HubSpot. Check your internet connection, then try again.",
  unreachable:
    "This computer's network is working, but it can't connect to HubSpot's address. A firewall or proxy may be blocking it. Try again later; if it keeps happening, tell whoever set up Contact Desk.",
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

/**
 * Which network failures mean what. The rule: silence or no way out means this computer is offline
 * (no route, no name server answering, a connection attempt nobody answered). An answer that is not
 * HubSpot's means the network works but HubSpot's address does not (the connection was refused, the
 * name server said the name does not exist, a certificate that is not HubSpot's). The status monitor
 * adds what the OS says about the network (see status-model.ts).
 */
const offlineCodes = new Set(['ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL', 'EAI_AGAIN', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const droppedCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * A thrown fetch failure as an AppError, or null if it is not a network failure: 'offline' or
 * 'hubspot-unreachable' as above, 'hubspot-down' for connections that were dropped or timed out
 * (HubSpot is struggling). The system's code goes in the details, for the log.
 */
export function errorForNetworkFailure(error: unknown): AppError | null {
  const chain = causeChain(error);
  for (const cause of chain) {
    const name = (cause as { name?: unknown }).name;
    if (name === 'AbortError') return new AppError('cancelled', sentences.cancelled, { cause: error });
    if (name === 'TimeoutError') return new AppError('hubspot-down', sentences.noAnswer, { cause: error });
  }
  // One code per address tried: an answer from any of them (IPv4 refused while IPv6 had no route) wins.
  const codes = chain.flatMap(codesOf);
  const first = (set: Set<string>) => codes.find((code) => set.has(code));
  const unreachable = first(unreachableCodes);
  if (unreachable) return new AppError('hubspot-unreachable', sentences.unreachable, { cause: error, details: { code: unreachable } });
  const offline = first(offlineCodes);
  if (offline) return new AppError('offline', sentences.offline, { cause: error, details: { code: offline } });
  const dropped = first(droppedCodes);
  if (dropped) return new AppError('hubspot-down', sentences.noAnswer, { cause: error, details: { code: dropped } });
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
