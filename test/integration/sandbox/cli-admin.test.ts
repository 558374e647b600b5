import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONTACTS_V, api, connect, json, postForm, sandbox } from './helpers.ts';
import type { ContactJson, PageJson } from './helpers.ts';

const CLI = fileURLToPath(new URL('../../../sandbox/cli.ts', import.meta.url));

test('cli prints one JSON line once listening, serves the options given, and stops on SIGTERM', async (t) => {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--contacts', '42', '--client-id', 'cli-id', '--client-secret', 'cli-secret',
    '--redirect-uri', 'http://localhost:50001/cb', '--redirect-uri', 'http://localhost:50002/cb', '--latency-ms', '0', '--rate-limit', '7', '--access-token-ttl', '90'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  const info = JSON.parse(line) as { url: string; clientId: string; clientSecret: string; redirectUris: string[] };
  assert.deepEqual(Object.keys(info), ['url', 'clientId', 'clientSecret', 'redirectUris']);
  assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(info.clientId, 'cli-id');
  assert.equal(info.clientSecret, 'cli-secret');
  assert.deepEqual(info.redirectUris, ['http://localhost:50001/cb', 'http://localhost:50002/cb']);

  const code = (await json<{ code: string }>(await fetch(`${info.url}/__sandbox/authorize`, { method: 'POST', body: JSON.stringify({ redirectUri: 'http://localhost:50002/cb' }) }))).code;
  const tok = await json<{ access_token: string; expires_in: number }>(await fetch(`${info.url}/oauth/2026-03/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'cli-id', client_secret: 'cli-secret', redirect_uri: 'http://localhost:50002/cb', code }),
  }));
  assert.equal(tok.expires_in, 90);
  const res = await fetch(`${info.url}${CONTACTS_V}?limit=100`, { headers: { authorization: `Bearer ${tok.access_token}` } });
  assert.equal(res.headers.get('x-hubspot-ratelimit-max'), '7');
  assert.equal((await json<PageJson>(res)).results.length, 42);

  child.kill('SIGTERM');
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  assert.equal(exitCode, 0);
});

/** runs the CLI to its end: exit code and what it printed */
async function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  // a CLI that starts a sandbox instead of ending is a failure, not a hang
  const running = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(running);
  return { code, stdout, stderr };
}

test('cli --help prints the usage with every option; a bad option gets one sentence naming it, never a stack trace', async (t) => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: npm run sandbox -- \[options\]/);
  for (const option of ['--port', '--contacts', '--seed', '--redirect-uri', '--rate-limit', '--extra-owners', '--without-scope', '--help']) assert.ok(help.stdout.includes(option), option);
  assert.equal((await runCli(['-h'])).stdout, help.stdout);

  for (const [args, says] of [
    [['--bogus'], /unknown option --bogus\./],
    [['--port'], /--port needs a value/],
    [['--contacts', 'lots'], /--contacts takes a whole number.*"lots"/],
    [['stray'], /unexpected argument stray/],
    [['--without-scope', 'crm.nope'], /unknown scope crm\.nope/],
  ] as const) {
    const run = await runCli([...args]);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, says);
    assert.match(run.stderr, /npm run sandbox -- --help/);
    assert.equal(run.stderr.trim().split('\n').length, 1, 'one line');
    assert.doesNotMatch(run.stderr, /\n\s+at |TypeError|ERR_PARSE_ARGS/, 'no stack trace');
    assert.equal(run.stdout, '');
  }

  const busy = await sandbox(t, { contacts: 1 });
  const taken = await runCli(['--port', new URL(busy.url).port]);
  assert.equal(taken.code, 1);
  assert.match(taken.stderr, /port \d+ is already in use/);
});

test('cli --without-scope: the account does not grant that scope', async (t) => {
  const child = spawn(process.execPath, [CLI, '--contacts', '5', '--without-scope', 'crm.lists.read'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const { url } = JSON.parse(line) as { url: string };
  const code = (await json<{ code: string }>(await fetch(`${url}/__sandbox/authorize`, { method: 'POST', body: JSON.stringify({ redirectUri: 'http://localhost:53682/oauth-callback' }) }))).code;
  const tok = await json<{ scopes: string[] }>(await fetch(`${url}/oauth/2026-03/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret', redirect_uri: 'http://localhost:53682/oauth-callback', code }),
  }));
  assert.deepEqual(tok.scopes, ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.objects.owners.read']);
});

test('HTTP admin API under /__sandbox mirrors SandboxAdmin', async (t) => {
  const sb = await sandbox(t, { contacts: 30 });
  const { access_token: token, refresh_token: refresh } = await connect(sb);
  const admin = (path: string, method = 'POST', body?: unknown) => fetch(`${sb.url}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

  const created = await admin('/contacts', 'POST', { properties: { firstname: 'Http', lastname: 'Made', email: 'http.made@example.com' } });
  assert.equal(created.status, 201);
  const c = await json<ContactJson>(created);
  assert.equal(c.id, '31');
  const patched = await json<ContactJson>(await admin('/contacts/31', 'PATCH', { properties: { jobtitle: 'Tester' } }));
  assert.equal(patched.properties.jobtitle, 'Tester');
  assert.equal((await json<ContactJson>(await admin('/contacts/31', 'GET'))).properties.firstname, 'Http');
  assert.equal((await admin('/contacts/5', 'DELETE')).status, 204);
  assert.equal((await json<{ count: number }>(await admin('/contacts/count', 'GET'))).count, 30);
  assert.equal((await admin('/contacts/999', 'GET')).status, 404);
  assert.equal((await admin('/contacts/999', 'PATCH', { properties: { a: 'b' } })).status, 400);

  assert.equal((await admin('/latency', 'PUT', { ms: 0, jitterMs: 0 })).status, 204);
  assert.equal((await admin('/faults', 'PUT', { burst429: 1 })).status, 204);
  assert.equal((await api(sb, token, CONTACTS_V)).status, 429);
  assert.equal((await api(sb, token, CONTACTS_V)).status, 200);

  const stats = await json<{ tooManyRequests: number; byPath: Record<string, number> }>(await admin('/stats', 'GET'));
  assert.equal(stats.tooManyRequests, 1);
  assert.equal((await admin('/stats/reset')).status, 204);
  assert.equal(sb.admin.stats().apiRequests, 0);

  assert.equal((await admin('/scopes', 'PUT', { scopes: ['oauth'] })).status, 204);
  assert.equal((await api(sb, token, CONTACTS_V)).status, 403);
  await admin('/scopes', 'PUT', { scopes: ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'] });

  assert.equal((await admin('/tokens/expire')).status, 204);
  assert.equal((await json(await api(sb, token, CONTACTS_V))).category, 'EXPIRED_AUTHENTICATION');
  const fresh = await connect(sb);
  assert.equal((await admin('/uninstall', 'POST', {})).status, 204);
  assert.equal((await api(sb, fresh.access_token, CONTACTS_V)).status, 401);
  const again = await connect(sb);
  assert.equal((await admin('/tokens/revoke-all')).status, 204);
  assert.equal((await api(sb, again.access_token, CONTACTS_V)).status, 401);
  const r = await postForm(sb, '/oauth/2026-03/token', { grant_type: 'refresh_token', client_id: sb.clientId, client_secret: sb.clientSecret, refresh_token: refresh });
  assert.equal((await json(r)).status, 'BAD_REFRESH_TOKEN');

  const before = sb.admin.stats().requests;
  const codeRes = await admin('/authorize', 'POST', { redirectUri: 'http://evil.example/cb' });
  assert.equal(codeRes.status, 400);
  const clock = await json<{ now: number }>(await admin('/clock', 'POST', { advanceMs: 60_000 }));
  assert.ok(clock.now >= Date.now() + 59_000);
  assert.equal((await admin('/nope', 'GET')).status, 404);
  assert.equal(sb.admin.stats().requests, before, 'admin calls are not counted');
});
