/**
 * The sign-in listener against requests no browser sends (issue 13.8): two Host headers, absolute-form
 * targets naming another host, too many connections, headers that never finish.
 */
import type { Socket } from 'node:net';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { openLoopbackListener, type LoopbackListenerOptions } from '../../electron/core/auth/loopback-listener.ts';
import { pages } from '../../electron/core/auth/callback-page.ts';
import { freePorts } from '../support/free-ports.ts';
import { closedByServer, openIdleConnection, rawExchange, statusOf } from '../support/raw-http.ts';
import { recordingLog } from '../integration/auth/world.ts';

async function listen(t: TestContext, limits?: LoopbackListenerOptions['limits']) {
  const calls: URLSearchParams[] = [];
  const log = recordingLog();
  const listener = await openLoopbackListener({
    ports: await freePorts(1),
    callbackPath: '/oauth-callback',
    onCallback: async (query) => {
      calls.push(query);
      return pages.connected();
    },
    log,
    limits,
  });
  const sockets: Socket[] = [];
  t.after(async () => {
    for (const socket of sockets) socket.destroy();
    await listener.close();
  });
  /** An idle connection, destroyed when the test ends whatever happened. */
  const connection = async () => {
    const socket = await openIdleConnection(listener.port);
    sockets.push(socket);
    return socket;
  };
  return { port: listener.port, calls, log, connection };
}

const get = (target: string, headers: string) => `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;

test('a duplicated Host header is a 400 and never reaches the sign-in', async (t) => {
  const { port, calls, log } = await listen(t);
  for (const hosts of [`Host: localhost:${port}\r\nHost: evil.example\r\n`, `Host: localhost:${port}\r\nhost: localhost:${port}\r\n`]) {
    assert.equal(statusOf(await rawExchange(port, get('/oauth-callback?code=c&state=s', hosts))), 400, hosts);
  }
  assert.equal(calls.length, 0);
  assert.match(log.text(), /duplicate-host/);
  assert.equal(statusOf(await rawExchange(port, get('/oauth-callback?code=c&state=s', `Host: localhost:${port}\r\n`))), 200, 'a normal request still works');
});

test('an absolute-form target naming another host is a 400; naming this listener it is served', async (t) => {
  const { port, calls } = await listen(t);
  const host = `Host: localhost:${port}\r\n`;
  for (const target of ['http://evil.example/oauth-callback?code=c&state=s', `http://evil.example:${port}/oauth-callback?code=c`, '//evil.example/oauth-callback?code=c', `https://localhost:${port}/oauth-callback?code=c`, `http://user:pw@localhost:${port}/oauth-callback?code=c`, '*']) {
    assert.equal(statusOf(await rawExchange(port, get(target, host))), 400, target);
  }
  assert.equal(calls.length, 0);
  assert.equal(statusOf(await rawExchange(port, get(`http://127.0.0.1:${port}/oauth-callback?code=c&state=s`, host))), 200);
  assert.equal(calls.length, 1);
});

test('connections beyond the cap are closed at once; the listener serves again when they go', { timeout: 10_000 }, async (t) => {
  const { port, connection } = await listen(t, { maxConnections: 3 });
  const held = await Promise.all([1, 2, 3].map(() => connection()));
  const extra = await connection();
  assert.equal(await closedByServer(extra), '', 'the fourth connection is closed without an answer');
  for (const socket of held) socket.destroy();
  // The server counts a connection as gone when it sees it close: ask until it has.
  let status = 0;
  while (status !== 200) status = statusOf(await rawExchange(port, get('/oauth-callback?code=c&state=s', `Host: localhost:${port}\r\n`)).catch(() => ''));
  assert.equal(status, 200);
});

test('a request whose headers never finish is answered 408 and cut off', { timeout: 10_000 }, async (t) => {
  const { port, calls, connection } = await listen(t, { headersTimeoutMs: 200 });
  const slow = await connection();
  const answer = closedByServer(slow);
  slow.write(`GET /oauth-callback?code=c&state=s HTTP/1.1\r\nHost: localhost:${port}\r\nX-Slow: `);
  assert.equal(statusOf(await answer), 408);
  const silent = await connection();
  assert.equal(statusOf(await closedByServer(silent)), 408, 'a connection that sends nothing is cut off too');
  assert.equal(calls.length, 0);
});
