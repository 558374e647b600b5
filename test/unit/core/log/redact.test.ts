import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact, redactText, redacted } from '../../../../electron/core/log/redact.ts';

const accessToken = 'CJSP5qf1KhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-qYAGQsF4_d9nXg2ffQ2YxLl8bVvYbM1';
const refreshToken = 'na1-6f18-f21e-a743-4509-b7fd-1a5e632fffa1';
const uuidRefreshToken = '6f18f21e-a743-4509-b7fd-1a5e632fffa1';
const code = 'na1-4d8c-bf9e-2c71-49a0-8e5a-0d1b7c2f9e31';
const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const clientSecret = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

function assertNoSecret(text: string, ...secrets: string[]) {
  for (const secret of secrets) assert.ok(!text.includes(secret), `${JSON.stringify(text)} still contains ${secret}`);
}

test('a Bearer header loses its token', () => {
  const text = redactText(`GET /crm/objects/2026-03/contacts authorization: Bearer ${accessToken}`);
  assertNoSecret(text, accessToken);
  assert.match(text, /Bearer \[redacted\]/);
  assert.match(text, /\/crm\/objects\/2026-03\/contacts/, 'the request path is kept');
});

test('secrets in a URL query and in a form body are replaced, other parameters kept', () => {
  const url = `http://localhost:53682/oauth-callback?code=${code}&state=xyz`;
  const form = `grant_type=authorization_code&client_id=abc&client_secret=${clientSecret}&redirect_uri=http%3A%2F%2Flocalhost&code=${code}&code_verifier=${verifier}`;
  const refresh = `grant_type=refresh_token&refresh_token=${refreshToken}&client_id=abc`;
  const text = redactText(`${url} ${form} ${refresh}`);
  assertNoSecret(text, code, verifier, clientSecret, refreshToken);
  assert.match(text, /code=\[redacted\]/);
  assert.match(text, /code_verifier=\[redacted\]/);
  assert.match(text, /client_secret=\[redacted\]/);
  assert.match(text, /refresh_token=\[redacted\]/);
  assert.match(text, /grant_type=authorization_code/);
  assert.match(text, /client_id=abc/);
  assert.match(text, /state=xyz/);
});

test('secrets in JSON text are replaced', () => {
  const body = JSON.stringify({ access_token: 'short', refresh_token: 'also-short', expires_in: 1800, token_type: 'bearer', hub_id: 42 });
  const text = redactText(`token endpoint answered ${body}`);
  assertNoSecret(text, '"short"', 'also-short');
  assert.match(text, /"expires_in":1800/);
  assert.match(text, /"hub_id":42/);
});

test('token-looking strings are caught wherever they appear', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXZhbHVl';
  const hex = 'f3a9c0d1e2b34567890abcdef1234567890abcdef1234567';
  const text = redactText(`legacy GET /oauth/v1/refresh-tokens/${uuidRefreshToken} then ${accessToken} and ${jwt} and ${hex}`);
  assertNoSecret(text, uuidRefreshToken, accessToken, jwt, hex, 'eyJ');
  assert.match(text, /\/oauth\/v1\/refresh-tokens\//);
});

test('email addresses are replaced', () => {
  const text = redactText('Signed in as jane.o.doe+sales@acme-corp.co.uk on acme.hubspot.com');
  assertNoSecret(text, 'jane', 'acme-corp.co.uk');
  assert.match(text, /\[email\]/);
  assert.match(text, /acme\.hubspot\.com/, 'a portal domain is not an email');
});

test('ordinary log text is left alone', () => {
  const text = 'sync: fetched 100 contacts (page 3) in 412 ms from https://api.hubapi.com/crm/objects/2026-03/contacts?limit=100';
  assert.equal(redactText(text), text);
  const path = '/home/jane/.config/Contact Desk/logs/contact-desk.log';
  assert.equal(redactText(path), path);
});

test('fields named like secrets are replaced whatever their value', () => {
  const value = redact({
    accessToken: 'x',
    refresh_token: 'y',
    clientSecret: 'z',
    authorization: 'Basic abc',
    Authorization: 'Bearer abc',
    code: 'short-code',
    codeVerifier: 'v',
    password: 'p',
    nested: { headers: { 'x-api-key': 'k', cookie: 'c' } },
    hubId: 42,
    domain: 'acme.hubspot.com',
  }) as Record<string, unknown>;
  assert.deepEqual(value, {
    accessToken: redacted,
    refresh_token: redacted,
    clientSecret: redacted,
    authorization: redacted,
    Authorization: redacted,
    code: redacted,
    codeVerifier: redacted,
    password: redacted,
    nested: { headers: { 'x-api-key': redacted, cookie: redacted } },
    hubId: 42,
    domain: 'acme.hubspot.com',
  });
});

test('diagnostic identifiers and system error codes survive', () => {
  const correlationId = 'aeb5f871-7f07-4993-9211-075dc63e7cbf';
  const value = redact({ correlationId, statusCode: 503, code: 'ECONNREFUSED', errorCode: 'ERR_SOCKET_TIMEOUT', kind: 'hubspot-down' });
  assert.deepEqual(value, { correlationId, statusCode: 503, code: 'ECONNREFUSED', errorCode: 'ERR_SOCKET_TIMEOUT', kind: 'hubspot-down' });
  // ...but only while they look like identifiers.
  assert.deepEqual(redact({ correlationId: `Bearer ${accessToken}` }), { correlationId: `Bearer ${redacted}` });
});

test('errors become plain objects with redacted message, stack and cause', () => {
  const cause = new Error(`fetch failed for https://x.test/?code=${code}`);
  const error = Object.assign(new Error(`refresh failed for ${refreshToken}`, { cause }), { kind: 'revoked', code: 'ECONNRESET' });
  const value = redact({ error }) as { error: Record<string, unknown> };
  assert.equal(value.error.name, 'Error');
  assert.equal(value.error.kind, 'revoked');
  assert.equal(value.error.code, 'ECONNRESET');
  assert.match(String(value.error.stack), /refresh failed for \[redacted\]/);
  const serialised = JSON.stringify(value);
  assertNoSecret(serialised, refreshToken, code);
});

test('strings nested in arrays, maps and sets are redacted; odd values do not throw', () => {
  const circular: Record<string, unknown> = { name: 'loop' };
  circular.self = circular;
  const value = redact({
    list: [`Bearer ${accessToken}`, 'jane@acme.com'],
    map: new Map([['refreshToken', 'x']]),
    set: new Set(['bob@acme.com']),
    circular,
    when: new Date(0),
    url: new URL(`https://x.test/cb?code=${code}`),
    bytes: new Uint8Array(12),
    big: 10n,
    fn: () => 1,
  });
  const text = JSON.stringify(value);
  assertNoSecret(text, accessToken, 'jane@', 'bob@', code);
  assert.match(text, /"refreshToken":"\[redacted\]"/);
  assert.match(text, /"self":"\[circular\]"/);
  assert.match(text, /"when":"1970-01-01T00:00:00.000Z"/);
  assert.match(text, /"bytes":"\[12 bytes\]"/);
  assert.match(text, /"big":"10"/);
});

test('very long strings are cut, and say how long they were', () => {
  const text = redactText(`${'word '.repeat(2_000)}`);
  assert.ok(text.length < 4100);
  assert.match(text, /cut from 10000 characters/);
});

test('email addresses in any script, with a full-width at, or URL-encoded are replaced', () => {
  const addresses = [
    'józef.wałęsa@przykład.pl',
    'jane@bücher.example',
    '用户@例子.广告',
    'müller@straße.de',
    'pelé@exemplo.com.br',
    'ivan.petrov@почта.рф',
    'jane＠acme.com',
    'jane﹫acme.com',
    'jane@例子。广告',
    'jane%40acme.com',
    'jane.doe%2Bsales%40acme-corp.co.uk',
    'jane%2540acme.com',
    'jos%C3%A9%40b%C3%BCcher.example',
  ];
  for (const address of addresses) {
    const text = redactText(`contact ${address} was skipped`);
    assert.equal(text, 'contact [email] was skipped', address);
  }
  const query = redactText('GET /search?email=jane%40acme.com&limit=10');
  assert.equal(query, 'GET /search?email=[email]&limit=10');
});

test('fields named pwd, pass, creds, key and the like are replaced; look-alike words are not', () => {
  const value = redact({
    pwd: 'p1',
    pass: 'p2',
    dbPass: 'p3',
    creds: 'c1',
    smtp_creds: 'c2',
    key: 'k1',
    apiKey: 'k2',
    signing_key: 'k3',
    'X-Api-Key': 'k4',
    sessionId: 's1',
    signature: 's2',
    keyboard: 'us',
    passed: 3,
    monkey: 'george',
    compass: 'north',
  });
  assert.deepEqual(value, {
    pwd: redacted,
    pass: redacted,
    dbPass: redacted,
    creds: redacted,
    smtp_creds: redacted,
    key: redacted,
    apiKey: redacted,
    signing_key: redacted,
    'X-Api-Key': redacted,
    sessionId: redacted,
    signature: redacted,
    keyboard: 'us',
    passed: 3,
    monkey: 'george',
    compass: 'north',
  });
});

test('the same secret names in URLs, forms and JSON text are replaced', () => {
  const text = redactText('login?user=bob&pwd=hunter2&pass=swordfish&key=k-1 {"creds":"c-2","apiKey":"k-3","session":"s-4"}');
  assertNoSecret(text, 'hunter2', 'swordfish', 'k-1', 'c-2', 'k-3', 's-4');
  assert.match(text, /user=bob/);
});

test('no fragment of a token or an address survives at the length limit', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUgRG9lIn0.c2lnbmF0dXJlLXZhbHVlLXRoYXQtaXMtbG9uZw';
  for (const secret of [accessToken, jwt, uuidRefreshToken, 'jane.o.doe@acme-corp.co.uk', verifier]) {
    const fragments = Array.from({ length: secret.length - 5 }, (_, from) => secret.slice(from, from + 6)).filter((fragment) => !/[.-]/.test(fragment));
    // The secret starts at every offset around the limit, so the cut falls everywhere inside it.
    for (let start = 4000 - secret.length - 2; start <= 4002; start += 1) {
      const tail = redactText(`${'x'.repeat(start - 1)} ${secret} and more text after it`).slice(-(secret.length + 60));
      const left = fragments.find((fragment) => tail.includes(fragment));
      assert.equal(left, undefined, `a cut at ${4000 - start} characters into the secret left "${left}"`);
    }
  }
});

test('no fragment survives either when redactions made the text shorter than the limit', () => {
  // 50 access tokens shrink to 50 × "[redacted]", so the redacted window is under the limit and
  // its own end (where the text was first bounded) is what gets cut.
  const tokens = `${accessToken} `.repeat(50);
  for (const secret of [accessToken, uuidRefreshToken, 'jane.o.doe@acme-corp.co.uk', verifier]) {
    const fragments = Array.from({ length: secret.length - 5 }, (_, from) => secret.slice(from, from + 6)).filter((fragment) => !/[.-]/.test(fragment));
    for (let into = 1; into < secret.length; into += 1) {
      const pad = 5024 - into - tokens.length;
      const filler = 'y '.repeat(Math.floor(pad / 2)) + ' '.repeat(pad % 2);
      const text = redactText(`${tokens}${filler}${secret} and more`);
      const left = fragments.find((fragment) => text.includes(fragment));
      assert.equal(left, undefined, `bounding the text ${into} characters into the secret left "${left}"`);
    }
  }
});

