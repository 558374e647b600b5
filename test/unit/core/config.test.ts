import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOriginsFrom, loadConfig, defaultOptionalScopes, defaultRedirectPorts, defaultScopes, readBuildOrigins, sandboxEnvironment } from '../../../electron/core/config.ts';
import { AppError } from '../../../electron/core/errors.ts';

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'config-test-'));
  return { dir, [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
};

test('with no client id, the app runs against the sandbox', () => {
  using data = tempDir();
  const config = loadConfig({ env: {}, defaultDataDir: data.dir });
  assert.deepEqual(config, { dataDir: data.dir, mode: 'sandbox', hubspot: null, openAtLogin: null });
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

const hostileEnv = {
  HUBSPOT_CLIENT_ID: 'env-id',
  HUBSPOT_CLIENT_SECRET: 'env-secret',
  HUBSPOT_AUTH_BASE_URL: 'https://login.evil.example',
  HUBSPOT_API_BASE_URL: 'https://tokens.evil.example',
  HUBSPOT_SCOPES: 'oauth',
  HUBSPOT_OPTIONAL_SCOPES: 'none',
  HUBSPOT_REDIRECT_PORTS: '60001',
  CONTACT_DESK_SANDBOX: '1',
};

test('a packaged build takes the HubSpot app settings from its resources only: not config.json, not the environment', () => {
  using data = tempDir();
  const resourceConfigFile = join(data.dir, 'resources-config.json');
  writeFileSync(resourceConfigFile, JSON.stringify({ HUBSPOT_CLIENT_ID: 'admin-id', HUBSPOT_CLIENT_SECRET: 'admin-secret' }));
  writeFileSync(join(data.dir, 'config.json'), JSON.stringify(hostileEnv));
  const config = loadConfig({ env: hostileEnv, defaultDataDir: data.dir, packaged: { resourceConfigFile, buildOrigins: [] } });
  assert.deepEqual(config, {
    dataDir: data.dir,
    mode: 'hubspot',
    openAtLogin: null,
    hubspot: {
      clientId: 'admin-id',
      clientSecret: 'admin-secret',
      scopes: defaultScopes,
      optionalScopes: defaultOptionalScopes,
      redirectPorts: defaultRedirectPorts,
      authBaseUrl: 'https://app.hubspot.com',
      apiBaseUrl: 'https://api.hubapi.com',
    },
  });
  // The data folder may still move (tests and second copies do): it holds none of the app's settings.
  const moved = loadConfig({ env: { CONTACT_DESK_DATA_DIR: join(data.dir, 'elsewhere') }, defaultDataDir: data.dir, packaged: { resourceConfigFile, buildOrigins: [] } });
  assert.equal(moved.dataDir, join(data.dir, 'elsewhere'));
  // Development and the preview keep the overrides.
  assert.equal(loadConfig({ env: hostileEnv, defaultDataDir: data.dir }).hubspot?.apiBaseUrl, 'https://tokens.evil.example');
});

test('a packaged build accepts HubSpot’s own origins in every region, and others only when the build was made with them', () => {
  using data = tempDir();
  const resourceConfigFile = join(data.dir, 'resources-config.json');
  const withOrigins = (auth: string, api: string, buildOrigins: string[] = []) => {
    writeFileSync(resourceConfigFile, JSON.stringify({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 's', HUBSPOT_AUTH_BASE_URL: auth, HUBSPOT_API_BASE_URL: api }));
    return loadConfig({ env: {}, defaultDataDir: data.dir, packaged: { resourceConfigFile, buildOrigins } });
  };
  const eu = withOrigins('https://app-eu1.hubspot.com', 'https://api-eu1.hubapi.com/');
  assert.deepEqual([eu.hubspot?.authBaseUrl, eu.hubspot?.apiBaseUrl], ['https://app-eu1.hubspot.com', 'https://api-eu1.hubapi.com']);
  assert.equal(withOrigins('https://app-na2.hubspot.com', 'https://api-na2.hubapi.com').hubspot?.apiBaseUrl, 'https://api-na2.hubapi.com');

  const changed = (error: unknown) => error instanceof AppError && error.kind === 'bad-input' && /has been changed.*not HubSpot/.test(error.message);
  for (const [auth, api] of [
    ['https://app.hubspot.com', 'https://tokens.evil.example'],
    ['https://login.evil.example', 'https://api.hubapi.com'],
    ['https://app.hubspot.com.evil.example', 'https://api.hubapi.com'],
    ['https://app.hubspot.com', 'https://api.hubapi.com.evil.example'],
    ['https://evilhubspot.com', 'https://api.hubapi.com'],
    ['https://app.hubspot.com:8443', 'https://api.hubapi.com'],
    ['https://api.hubapi.com', 'https://app.hubspot.com'],
    ['http://127.0.0.1:4567', 'http://127.0.0.1:4567'],
  ]) {
    assert.throws(() => withOrigins(auth!, api!), changed, `${auth} ${api}`);
  }
  const proxy = withOrigins('https://hubspot-login.corp.example', 'https://hubspot-api.corp.example', ['https://hubspot-login.corp.example', 'https://hubspot-api.corp.example']);
  assert.equal(proxy.hubspot?.apiBaseUrl, 'https://hubspot-api.corp.example', 'a build made with its own origins accepts them');
});

test('the origins a build was made with are written into it, and read back; a missing or damaged list allows HubSpot only', () => {
  using data = tempDir();
  assert.deepEqual(buildOriginsFrom({ HUBSPOT_CLIENT_ID: 'x', HUBSPOT_AUTH_BASE_URL: 'https://app-eu1.hubspot.com', HUBSPOT_API_BASE_URL: 'https://hubspot-api.corp.example/v3' }), ['https://hubspot-api.corp.example']);
  assert.deepEqual(buildOriginsFrom({ HUBSPOT_CLIENT_ID: 'x' }), []);
  const file = join(data.dir, 'build-origins.json');
  writeFileSync(file, '["https://hubspot-api.corp.example"]');
  assert.deepEqual(readBuildOrigins(file), ['https://hubspot-api.corp.example']);
  writeFileSync(file, '{ damaged');
  assert.deepEqual(readBuildOrigins(file), []);
  assert.deepEqual(readBuildOrigins(join(data.dir, 'missing.json')), []);
});

test('CONTACT_DESK_OPEN_AT_LOGIN: the admin turns open-at-login on or off for everyone, from the build\'s config.json', () => {
  using data = tempDir();
  const resources = join(data.dir, 'resources-config.json');
  const withOpenAtLogin = (value: string) => {
    writeFileSync(resources, JSON.stringify({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 's', CONTACT_DESK_OPEN_AT_LOGIN: value }));
    return loadConfig({ env: {}, defaultDataDir: data.dir, packaged: { resourceConfigFile: resources, buildOrigins: [] } }).openAtLogin;
  };
  assert.equal(withOpenAtLogin('on'), 'on');
  assert.equal(withOpenAtLogin(' OFF '), 'off');
  assert.equal(withOpenAtLogin(''), null);
  assert.equal(loadConfig({ env: { HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 's' }, defaultDataDir: data.dir }).openAtLogin, null, 'unset: each user chooses');
  assert.throws(() => withOpenAtLogin('yes'), (error: unknown) => error instanceof AppError && error.kind === 'bad-input' && error.message === 'CONTACT_DESK_OPEN_AT_LOGIN must be "on" or "off" (it is "yes").');
});
