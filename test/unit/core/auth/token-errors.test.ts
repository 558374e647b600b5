import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { errorForNetworkFailure, errorForResponse } from '../../../../electron/core/auth/token-errors.ts';

test("HubSpot's error statuses become kinds and plain sentences", () => {
  const cases = [
    { operation: 'refresh', http: 400, body: { error: 'invalid_grant', status: 'BAD_REFRESH_TOKEN' }, kind: 'revoked', says: /no longer accepts Contact Desk's access — sign in again/ },
    { operation: 'exchange', http: 400, body: { error: 'invalid_grant', status: 'BAD_AUTH_CODE' }, kind: 'hubspot-error', says: /one-time code had expired or was already used/ },
    { operation: 'exchange', http: 400, body: { error: 'invalid_grant', status: 'EXPIRED_AUTH_CODE' }, kind: 'hubspot-error', says: /Click Connect to HubSpot to try again/ },
    { operation: 'exchange', http: 400, body: { error: 'invalid_client', status: 'BAD_CLIENT_ID' }, kind: 'hubspot-error', says: /doesn't recognise this copy of Contact Desk/ },
    { operation: 'refresh', http: 400, body: { status: 'BAD_CLIENT_ID' }, kind: 'hubspot-error', says: /app ID or secret/ },
    { operation: 'exchange', http: 400, body: { error: 'invalid_grant', status: 'BAD_REDIRECT_URI' }, kind: 'hubspot-error', says: /redirect URLs/ },
    { operation: 'introspect', http: 503, body: null, kind: 'hubspot-down', says: /isn't working properly right now/ },
    { operation: 'refresh', http: 429, body: null, kind: 'rate-limited', says: /Wait a minute/ },
    { operation: 'revoke', http: 400, body: { error: 'unsupported_token_type' }, kind: 'hubspot-error', says: /refused the request/ },
  ] as const;
  for (const { operation, http, body, kind, says } of cases) {
    const error = errorForResponse(operation, http, body);
    assert.equal(error.kind, kind, `${operation} ${http} ${JSON.stringify(body)}`);
    assert.match(error.message, says);
  }
});

test("a refused connection means HubSpot can't be reached (the network answered), with the system's code for the log", async () => {
  const port = await closedPort();
  const failure = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
  const error = errorForNetworkFailure(failure);
  assert.equal(error?.kind, 'hubspot-unreachable');
  assert.match(error!.message, /^This computer's network is working, but it can't connect to HubSpot's address/);
  assert.doesNotMatch(error!.message, /internet/);
  assert.deepEqual(error!.details, { code: 'ECONNREFUSED' });
});

/** What undici throws when connecting fails: TypeError('fetch failed') caused by the system's error. */
const fetchFailed = (...codes: string[]) => {
  const causes = codes.map((code) => Object.assign(new Error(`connect ${code}`), { code }));
  const cause = causes.length === 1 ? causes[0]! : Object.assign(new AggregateError(causes), { code: codes[0] });
  return new TypeError('fetch failed', { cause });
};

test('silence or no way out means offline; an answer that is not HubSpot means unreachable', () => {
  const rule: [string[], string][] = [
    [['ENOTFOUND'], 'hubspot-unreachable'], // a name server answered: no such name
    [['CERT_HAS_EXPIRED'], 'hubspot-unreachable'], // a server answered, with a certificate that is not HubSpot's
    [['ERR_TLS_CERT_ALTNAME_INVALID'], 'hubspot-unreachable'],
    [['EAI_AGAIN'], 'offline'], // no name server answered
    [['ENETUNREACH'], 'offline'],
    [['EHOSTUNREACH'], 'offline'],
    [['UND_ERR_CONNECT_TIMEOUT'], 'offline'], // nobody answered the connection attempt
    // Happy eyeballs: IPv6 had no route, IPv4 was refused; the refusal proves the network works.
    [['ENETUNREACH', 'ECONNREFUSED'], 'hubspot-unreachable'],
    [['ECONNRESET'], 'hubspot-down'],
  ];
  for (const [codes, kind] of rule) assert.equal(errorForNetworkFailure(fetchFailed(...codes))?.kind, kind, codes.join(' + '));
  assert.match(errorForNetworkFailure(fetchFailed('EAI_AGAIN'))!.message, /Check your internet connection/);
});

test('a timeout means HubSpot did not answer; an abort is a cancellation; other errors are not network failures', () => {
  assert.equal(errorForNetworkFailure(new DOMException('timed out', 'TimeoutError'))?.kind, 'hubspot-down');
  assert.equal(errorForNetworkFailure(new DOMException('aborted', 'AbortError'))?.kind, 'cancelled');
  assert.equal(errorForNetworkFailure(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }))?.kind, 'hubspot-down');
  assert.equal(errorForNetworkFailure(new SyntaxError('Unexpected token')), null);
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
