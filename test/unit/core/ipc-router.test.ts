import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRouter } from '../../../electron/core/ipc-router.ts';
import { channelNames, type Handlers } from '../../../electron/ipc/contract.ts';
import { AppError } from '../../../electron/core/errors.ts';
import type { Logger } from '../../../electron/core/ports.ts';

const silent: Logger = { info() {}, warn() {}, error() {} };
const calls: string[] = [];
const handlers = Object.fromEntries(
  channelNames.map((name) => [
    name,
    async (input: unknown) => {
      calls.push(name);
      if (name === 'getStatus') throw new AppError('offline', 'HubSpot cannot be reached.');
      if (name === 'getAuthState') throw new Error('token abc123 leaked?');
      return { echoed: input };
    },
  ]),
) as unknown as Handlers;
const dispatch = createRouter(handlers, silent);

test('a valid call reaches its handler and answers a value', async () => {
  const result = await dispatch('rememberSignIn', { remember: true });
  assert.deepEqual(result, { ok: true, value: { echoed: { remember: true } } });
});

test('an unknown channel is a bad-input error, not a crash', async () => {
  for (const name of ['nope', '__proto__', 'constructor', 'toString', '']) {
    const result = await dispatch(name, undefined);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.kind, 'bad-input');
  }
});

test('malformed input never reaches the handler', async () => {
  calls.length = 0;
  const bad: [string, unknown][] = [
    ['getAppInfo', { extra: 1 }],
    ['rememberSignIn', { remember: 'yes' }],
    ['rememberSignIn', { remember: true, more: 1 }],
    ['queryContacts', { search: 'x'.repeat(10_000), sort: { column: 'email', direction: 'asc' }, columns: ['email'], offset: 0, limit: 10 }],
    ['queryContacts', { search: '', sort: { column: 'email; DROP TABLE', direction: 'asc' }, columns: ['email'], offset: 0, limit: 10 }],
    ['queryContacts', { search: '', sort: { column: 'email', direction: 'asc' }, columns: ['email'], offset: -1, limit: 10 }],
    ['startExport', null],
    ['signOut', 'true'],
    ['updateSettings', new Date()],
    ['updateSettings', new Map([['closeToTray', false]])],
    ['rememberSignIn', Object.assign(Object.create({ polluted: true }), { remember: true })],
    ['getAppInfo', () => 1],
  ];
  for (const [channel, input] of bad) {
    const result = await dispatch(channel, input);
    assert.equal(result.ok, false, channel);
    assert.equal(!result.ok && result.error.kind, 'bad-input', channel);
  }
  assert.deepEqual(calls, []);
});

test('handler errors become error values; unexpected ones never show their text', async () => {
  assert.deepEqual(await dispatch('getStatus', undefined), { ok: false, error: { kind: 'offline', message: 'HubSpot cannot be reached.' } });
  const hidden = await dispatch('getAuthState', undefined);
  assert.equal(hidden.ok, false);
  assert.equal(!hidden.ok && hidden.error.kind, 'internal');
  assert.doesNotMatch(!hidden.ok ? hidden.error.message : '', /abc123/);
});
