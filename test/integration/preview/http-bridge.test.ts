import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpBridge } from '../../../electron/preview/http-bridge.ts';

async function setUp(t: import('node:test').TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-test-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
  writeFileSync(join(dir, 'outside.txt'), 'private');
  const calls: [string, unknown][] = [];
  const bridge = await startHttpBridge({
    rendererDir,
    dispatch: async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: 'pong' };
    },
  });
  t.after(async () => {
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const index = await (await fetch(bridge.url)).text();
  const secret = /name="contact-desk-secret" content="([^"]+)"/.exec(index)?.[1] ?? '';
  return { bridge, calls, secret, dir };
}

const call = (url: string, headers: Record<string, string>, body = '{"input":{"a":1}}') =>
  fetch(new URL('/ipc/getAppInfo', url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

test('the page carries the per-launch secret and a strict CSP', async (t) => {
  const { bridge, secret } = await setUp(t);
  const response = await fetch(bridge.url);
  assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.ok(secret.length >= 40);
});

test('calls with the secret reach the router; without it they are refused', async (t) => {
  const { bridge, calls, secret } = await setUp(t);
  const good = await call(bridge.url, { 'x-contact-desk-secret': secret });
  assert.deepEqual(await good.json(), { ok: true, value: 'pong' });
  assert.deepEqual(calls, [['getAppInfo', { a: 1 }]]);

  assert.equal((await call(bridge.url, {})).status, 403);
  assert.equal((await call(bridge.url, { 'x-contact-desk-secret': secret.slice(1) + 'x' })).status, 403);
  assert.equal((await call(bridge.url, { 'x-contact-desk-secret': secret, origin: 'http://evil.example' })).status, 403);
  assert.equal(calls.length, 1);
});

test('a rebound host name is refused (DNS rebinding)', async (t) => {
  const { bridge, secret } = await setUp(t);
  const { port } = new URL(bridge.url);
  const status = await new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/ipc/getAppInfo', method: 'POST', headers: { host: `attacker.example:${port}`, 'x-contact-desk-secret': secret } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
  assert.equal(status, 421);
});

test('malformed or oversized bodies are bad input, and the server keeps answering', async (t) => {
  const { bridge, calls, secret } = await setUp(t);
  const notJson = await call(bridge.url, { 'x-contact-desk-secret': secret }, '{oops');
  assert.equal(((await notJson.json()) as { error: { kind: string } }).error.kind, 'bad-input');
  const huge = await call(bridge.url, { 'x-contact-desk-secret': secret }, JSON.stringify({ input: 'x'.repeat(2_000_000) }));
  assert.equal(((await huge.json()) as { error: { kind: string } }).error.kind, 'bad-input');
  assert.equal(calls.length, 0);
  assert.equal((await call(bridge.url, { 'x-contact-desk-secret': secret })).status, 200);
});

test('static files never escape the renderer folder', async (t) => {
  const { bridge } = await setUp(t);
  for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/%E0%A4%A.js', '/%00.js']) {
    const response = await fetch(new URL(path, bridge.url));
    assert.equal(response.status, 404, path);
  }
});

test('events stream to the page, and a download is served once', async (t) => {
  const { bridge, secret, dir } = await setUp(t);
  const controller = new AbortController();
  t.after(() => controller.abort());
  const events = await fetch(new URL(`/events?secret=${secret}`, bridge.url), { signal: controller.signal });
  const reader = events.body!.getReader();
  await reader.read();
  bridge.publish('contactsChanged', { count: 3 });
  const { value } = await reader.read();
  assert.match(new TextDecoder().decode(value), /"event":"contactsChanged","payload":\{"count":3\}/);

  writeFileSync(join(dir, 'file.csv'), 'a,b\r\n');
  const url = new URL(bridge.offerDownload(join(dir, 'file.csv'), 'contacts.csv'), bridge.url);
  const first = await fetch(url);
  assert.match(first.headers.get('content-disposition') ?? '', /contacts\.csv/);
  assert.equal(await first.text(), 'a,b\r\n');
  assert.equal((await fetch(url)).status, 404);
  assert.equal((await fetch(new URL('/events?secret=wrong', bridge.url))).status, 403);
});
