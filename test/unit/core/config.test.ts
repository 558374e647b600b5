import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, defaultOptionalScopes, defaultRedirectPorts, defaultScopes, sandboxEnvironment } from '../../../electron/core/config.ts';
import { AppError } from '../../../electron/core/errors.ts';

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'config-test-'));
  return { dir, [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
};

test('with no client id, the app runs against the sandbox', () => {
  using data = tempDir();
  const config = loadConfig({ env: {}, defaultDataDir: data.dir });
  assert.deepEqual(config, { dataDir: data.dir, mode: 'sandbox', hubspot: null });
});

test('environment variables configure a real HubSpot app with defaults for the rest', () => {
  using data = tempDir();
  const config = loadConfig({ env: { HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'secret' }, defaultDataDir: data.dir });
  assert.equal(config.mode, 'hubspot');
  assert.deepEqual(config.hubspot, {
    clientId: 'id',
    clientSecret: 'secret',
    scopes: defaultScopes,
    optionalScopes: defaultOptionalScopes,
    redirectPorts: defaultRedirectPorts,
    authBaseUrl: 'https://app.hubspot.com',
    apiBaseUrl: 'https://api.hubapi.com',
  });
});

test('config.json in the data directory is read, and the environment wins over it', () => {
  using data = tempDir();
  writeFileSync(join(data.dir, 'config.json'), JSON.stringify({ HUBSPOT_CLIENT_ID: 'from-file', HUBSPOT_CLIENT_SECRET: 's', HUBSPOT_REDIRECT_PORTS: '60001, 60002' }));
  const fromFile = loadConfig({ env: {}, defaultDataDir: data.dir });
  assert.equal(fromFile.hubspot?.clientId, 'from-file');
  assert.deepEqual(fromFile.hubspot?.redirectPorts, [60001, 60002]);
  const overridden = loadConfig({ env: { HUBSPOT_CLIENT_ID: 'from-env' }, defaultDataDir: data.dir });
  assert.equal(overridden.hubspot?.clientId, 'from-env');
});

test('bad settings give a plain error naming the setting', () => {
  using data = tempDir();
  const cases: [Record<string, string>, RegExp][] = [
    [{ HUBSPOT_CLIENT_ID: 'id' }, /HUBSPOT_CLIENT_SECRET/],
    [{ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 's', HUBSPOT_REDIRECT_PORTS: '80' }, /HUBSPOT_REDIRECT_PORTS/],
    [{ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 's', HUBSPOT_API_BASE_URL: 'http://api.example.com' }, /https/],
    [{ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 's', HUBSPOT_AUTH_BASE_URL: 'not a url' }, /HUBSPOT_AUTH_BASE_URL/],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => loadConfig({ env, defaultDataDir: data.dir }), (error: unknown) => error instanceof AppError && error.kind === 'bad-input' && message.test(error.message));
  }
  writeFileSync(join(data.dir, 'config.json'), '{ not json');
  assert.throws(() => loadConfig({ env: {}, defaultDataDir: data.dir }), /not valid JSON/);
});

test('the sandbox environment marks sandbox mode and allows plain http on loopback', () => {
  using data = tempDir();
  const env = sandboxEnvironment({ url: 'http://127.0.0.1:4567', clientId: 'c', clientSecret: 's' }, [60010]);
  const config = loadConfig({ env, defaultDataDir: data.dir });
  assert.equal(config.mode, 'sandbox');
  assert.equal(config.hubspot?.apiBaseUrl, 'http://127.0.0.1:4567');
  assert.deepEqual(config.hubspot?.redirectPorts, [60010]);
});
