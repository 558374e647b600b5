/**
 * The preview server against another local user or process (issues 13.3 and 13.8): nothing without
 * the session cookie that only the launch link gives, once; nothing from another origin even with
 * it; Host checks for 127.0.0.1, [::1] and localhost; capped event streams; a busy port moves on.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpBridge, type BridgeLimits } from '../../electron/preview/http-bridge.ts';
import { rawExchange, statusOf } from '../support/raw-http.ts';

async function setUp(t: TestContext, options: { port?: number; limits?: Partial<BridgeLimits> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-test-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>x</title></head><body>the app</body></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(dir, 'outside.txt'), 'private');
  const calls: [string, unknown][] = [];
  const bridge = await startHttpBridge({
    rendererDir,
    dispatch: async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: 'pong' };
    },
    ...options,
  });
  const controller = new AbortController();
  t.after(async () => {
    controller.abort();
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { bridge, calls, dir, signal: controller.signal };
}

/** Opens a launch link as a browser would (without following the redirect) and returns the session cookie. */
async function launch(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/');
  const [cookie] = response.headers.getSetCookie();
  assert.ok(cookie, 'the launch link sets a cookie');
  return cookie.split(';')[0]!;
}

const call = (origin: string, headers: Record<string, string>, body = '{"input":{"a":1}}') =>
  fetch(new URL('/ipc/getAppInfo', origin), { method: 'POST', headers: { 'content-type': 'application/json', origin, ...headers }, body });

test('the launch link is exchanged once for an HttpOnly, SameSite=Strict session cookie', async (t) => {
  const { bridge } = await setUp(t);
  assert.match(bridge.url, /^http:\/\/127\.0\.0\.1:\d+\/\?launch=[\w-]{43}$/);
  const response = await fetch(bridge.url, { redirect: 'manual' });
  const [setCookie = ''] = response.headers.getSetCookie();
  assert.match(setCookie, new RegExp(`^contact-desk-preview-${bridge.port}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
  const cookie = setCookie.split(';')[0]!;

  const again = await fetch(bridge.url, { redirect: 'manual' });
  assert.equal(again.status, 403, 'a used link gives nothing');
  assert.deepEqual(again.headers.getSetCookie(), []);
  assert.match(await again.text(), /already used/);
  const withSession = await fetch(bridge.url, { redirect: 'manual', headers: { cookie } });
  assert.equal(withSession.status, 303, 'the browser that used it is just sent to the app');
  assert.deepEqual(withSession.headers.getSetCookie(), []);

  const guessed = await fetch(`${bridge.origin}/?launch=${'A'.repeat(43)}`, { redirect: 'manual' });
  assert.equal(guessed.status, 403);
  const second = await launch(bridge.newLaunchUrl());
  assert.notEqual(second, cookie, 'a new link makes a new session');
});

test('without the session cookie nothing is served: page, files, API, events, downloads', async (t) => {
  const { bridge, calls, dir } = await setUp(t);
  const cookie = await launch(bridge.url);
  writeFileSync(join(dir, 'file.csv'), 'a,b\r\n');
  const download = bridge.offerDownload(join(dir, 'file.csv'), 'contacts.csv');
  const wrongCookies = ['', `contact-desk-preview-${bridge.port}=${'x'.repeat(43)}`, `contact-desk-preview-${bridge.port + 1}=${cookie.split('=')[1]}`, `${cookie}x`];
  for (const wrong of wrongCookies) {
    const headers = wrong ? { cookie: wrong } : undefined;
    for (const path of ['/', '/index.html', '/assets/app.js', '/events', download, '/favicon.ico']) {
      const response = await fetch(new URL(path, bridge.origin), { headers });
      assert.equal(response.status, 403, `${path} with "${wrong}"`);
      assert.doesNotMatch(await response.text(), /the app|console\.log|a,b/);
    }
    assert.equal((await call(bridge.origin, headers ?? {})).status, 403);
  }
  assert.equal(calls.length, 0);

  const page = await fetch(bridge.origin, { headers: { cookie } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /the app/);
  assert.doesNotMatch(html, /launch|secret/i, 'the page carries no secret');
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal((await fetch(new URL(download, bridge.origin), { headers: { cookie } })).status, 200, 'the download was not used up by the refusals');
});

test('with the session, calls from our page reach the router; from any other origin they are refused', async (t) => {
  const { bridge, calls } = await setUp(t);
  const cookie = await launch(bridge.url);
  const good = await call(bridge.origin, { cookie, 'sec-fetch-site': 'same-origin' });
  assert.deepEqual(await good.json(), { ok: true, value: 'pong' });
  assert.deepEqual(calls, [['getAppInfo', { a: 1 }]]);

  const otherPort = `http://127.0.0.1:${bridge.port + 1}`;
  for (const [name, headers] of [
    ['another site', { cookie, origin: 'http://evil.example' }],
    ['another port of this computer', { cookie, origin: otherPort }],
    ['another port, by fetch metadata', { cookie, 'sec-fetch-site': 'same-site' }],
    ['a cross-site request', { cookie, 'sec-fetch-site': 'cross-site' }],
  ] as const) {
    const response = await fetch(new URL('/ipc/getAppInfo', bridge.origin), { method: 'POST', headers: { origin: bridge.origin, ...headers }, body: '{}' });
    assert.equal(response.status, 403, name);
  }
  const noOrigin = await rawExchange(bridge.port, `POST /ipc/getAppInfo HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
  assert.equal(statusOf(noOrigin), 403, 'a POST without Origin is no browser page');
  for (const path of ['/events', '/']) {
    const response = await fetch(new URL(path, bridge.origin), { headers: { cookie, 'sec-fetch-site': 'same-site' } });
    assert.equal(response.status, 403, `${path} from another port`);
    await response.body?.cancel();
  }
  assert.equal(calls.length, 1);
});

test('localhost works as well as 127.0.0.1, each with its own session', async (t) => {
  const { bridge, calls } = await setUp(t);
  const localhost = `http://localhost:${bridge.port}`;
  const cookie = await launch(bridge.url.replace(bridge.origin, localhost));
  assert.equal((await call(localhost, { cookie })).status, 200);
  assert.equal((await fetch(`${localhost}/`, { headers: { cookie } })).status, 200);
  assert.equal(calls.length, 1);
  // Over IPv6 too, where this machine has it.
  const v6 = await statusWithHost(bridge.port, `[::1]:${bridge.port}`, cookie, '::1').catch(() => null);
  if (v6 !== null) assert.equal(v6, 200);
  else t.diagnostic('no IPv6 loopback here: [::1] not checked');
});

test('a rebound host name, a duplicated Host header or an absolute target naming another host is refused, cookie or not', async (t) => {
  const { bridge } = await setUp(t);
  const cookie = await launch(bridge.url);
  assert.equal(await statusWithHost(bridge.port, `attacker.example:${bridge.port}`, cookie), 421);
  assert.equal(await statusWithHost(bridge.port, `localhost:${bridge.port + 1}`, cookie), 421);
  const host = `Host: 127.0.0.1:${bridge.port}\r\n`;
  const get = (target: string, headers: string) => rawExchange(bridge.port, `GET ${target} HTTP/1.1\r\n${headers}Cookie: ${cookie}\r\nConnection: close\r\n\r\n`);
  assert.equal(statusOf(await get('/', `${host}Host: attacker.example\r\n`)), 400);
  assert.equal(statusOf(await get('http://attacker.example/', host)), 400);
  assert.equal(statusOf(await get(`http://127.0.0.1:${bridge.port}/`, host)), 200);
});

test('event streams per session are capped; closing one frees its place', { timeout: 20_000 }, async (t) => {
  const { bridge, signal } = await setUp(t, { limits: { eventStreamsPerSession: 2 } });
  const cookie = await launch(bridge.url);
  const open = () => {
    const controller = new AbortController();
    signal.addEventListener('abort', () => controller.abort());
    return { response: fetch(new URL('/events', bridge.origin), { headers: { cookie }, signal: controller.signal }), controller };
  };
  const first = open();
  const second = open();
  assert.equal((await first.response).status, 200);
  assert.equal((await second.response).status, 200);
  const third = await open().response;
  assert.equal(third.status, 429);
  assert.match(await third.text(), /too many tabs/);

  // Another browser (its own launch link, its own session) has its own streams.
  const other = await launch(bridge.newLaunchUrl());
  const elsewhere = await fetch(new URL('/events', bridge.origin), { headers: { cookie: other }, signal });
  assert.equal(elsewhere.status, 200);

  first.controller.abort();
  // The server sees the stream close a moment later: ask until its place is free.
  let status = 429;
  while (status === 429) {
    const attempt = await open().response;
    status = attempt.status;
    if (status === 429) await attempt.text();
  }
  assert.equal(status, 200);
});

test('events stream to the page, and a download is served once', async (t) => {
  const { bridge, dir, signal } = await setUp(t);
  const cookie = await launch(bridge.url);
  const events = await fetch(new URL('/events', bridge.origin), { headers: { cookie }, signal });
  const reader = events.body!.getReader();
  await reader.read();
  bridge.publish('contactsChanged', { count: 3 });
  const { value } = await reader.read();
  assert.match(new TextDecoder().decode(value), /"event":"contactsChanged","payload":\{"count":3\}/);

  writeFileSync(join(dir, 'file.csv'), 'a,b\r\n');
  const url = new URL(bridge.offerDownload(join(dir, 'file.csv'), 'contacts.csv'), bridge.origin);
  const first = await fetch(url, { headers: { cookie } });
  assert.match(first.headers.get('content-disposition') ?? '', /contacts\.csv/);
  assert.equal(await first.text(), 'a,b\r\n');
  assert.equal((await fetch(url, { headers: { cookie } })).status, 404);
});

test('malformed or oversized bodies are bad input, and the server keeps answering', async (t) => {
  const { bridge, calls } = await setUp(t);
  const cookie = await launch(bridge.url);
  const notJson = await call(bridge.origin, { cookie }, '{oops');
  assert.equal(((await notJson.json()) as { error: { kind: string } }).error.kind, 'bad-input');
  const huge = await call(bridge.origin, { cookie }, JSON.stringify({ input: 'x'.repeat(2_000_000) }));
  assert.equal(((await huge.json()) as { error: { kind: string } }).error.kind, 'bad-input');
  assert.equal(calls.length, 0);
  assert.equal((await call(bridge.origin, { cookie })).status, 200);
});

test('static files never escape the renderer folder', async (t) => {
  const { bridge } = await setUp(t);
  const cookie = await launch(bridge.url);
  for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/%E0%A4%A.js', '/%00.js']) {
    const response = await fetch(new URL(path, bridge.origin), { headers: { cookie } });
    assert.equal(response.status, 404, path);
  }
});

test('a busy port is not an error: the next free one is taken, and the link names it', async (t) => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => blocker.close());
  const busy = (blocker.address() as { port: number }).port;
  const { bridge } = await setUp(t, { port: busy });
  assert.notEqual(bridge.port, busy);
  assert.ok(bridge.url.startsWith(`http://127.0.0.1:${bridge.port}/?launch=`));
  await launch(bridge.url);
});

/** fetch() will not send a Host header of our choosing; a DNS-rebinding page's request would. */
function statusWithHost(port: number, host: string, cookie: string, address = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: address, port, path: '/', headers: { host, cookie } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
