/**
 * An admin's HubSpot credentials reach a build through environment variables and end up in the
 * resources config file only — never in the renderer bundle (which any page script could read) or
 * the main-process bundles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildDesktop } from '../../scripts/build-desktop.ts';
import { writeBuildConfig } from '../../scripts/write-build-config.ts';
import { loadConfig, readBuildOrigins } from '../../electron/core/config.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-build-secrets-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const adminEnv = {
  HUBSPOT_CLIENT_ID: 'a1b2c3d4-0000-4000-8000-client-id-42',
  HUBSPOT_CLIENT_SECRET: 'build-secret-7f3a9c1e-do-not-ship-in-bundles',
  HUBSPOT_SCOPES: 'oauth crm.objects.contacts.read crm.schemas.contacts.read',
  HUBSPOT_REDIRECT_PORTS: '53682,53683,53684',
};

test('the credentials in the environment go into the resources config file', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'resources', 'config.json');
  const result = writeBuildConfig({ ...adminEnv, PATH: '/usr/bin', HOME: '/home/admin' }, file, join(dir, 'desktop', 'build-origins.json'));
  assert.deepEqual(result, { file, keys: Object.keys(adminEnv) });
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), adminEnv, 'exactly the app settings, nothing else from the environment');
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'desktop', 'build-origins.json'), 'utf8')), [], 'HubSpot’s own origins need no listing');
});

test('no client id, or the local sandbox: the file is written empty', (t) => {
  const dir = tempDir(t);
  assert.equal(writeBuildConfig({}, join(dir, 'a.json'), join(dir, 'origins-a.json')).skipped, 'HUBSPOT_CLIENT_ID is not set');
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')), {});
  const sandbox = writeBuildConfig({ ...adminEnv, HUBSPOT_AUTH_BASE_URL: 'http://127.0.0.1:41234', CONTACT_DESK_SANDBOX: '1' }, join(dir, 'b.json'), join(dir, 'origins-b.json'));
  assert.match(String(sandbox.skipped), /sandbox/);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')), {});
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'origins-b.json'), 'utf8')), [], 'the sandbox’s address is never allowed into a build');
});

test('settings the app would refuse at start-up stop the build with the same sentence', (t) => {
  const dir = tempDir(t);
  assert.throws(() => writeBuildConfig({ HUBSPOT_CLIENT_ID: 'x' }, join(dir, 'c.json'), join(dir, 'origins-c.json')), /HUBSPOT_CLIENT_SECRET is not/);
  assert.throws(() => writeBuildConfig({ ...adminEnv, HUBSPOT_API_BASE_URL: 'http://api.example.com' }, join(dir, 'd.json'), join(dir, 'origins-d.json')), /must use https/);
  assert.throws(() => writeBuildConfig({ ...adminEnv, HUBSPOT_REDIRECT_PORTS: '80' }, join(dir, 'e.json'), join(dir, 'origins-e.json')), /HUBSPOT_REDIRECT_PORTS/);
});

test('a packaged app accepts the origins its build was made with, and refuses a resources file edited to name another', (t) => {
  const dir = tempDir(t);
  const resourceConfigFile = join(dir, 'resources', 'config.json');
  const originsFile = join(dir, 'desktop', 'build-origins.json');
  const proxy = { HUBSPOT_AUTH_BASE_URL: 'https://hubspot-login.corp.example', HUBSPOT_API_BASE_URL: 'https://hubspot-api.corp.example' };
  writeBuildConfig({ ...adminEnv, ...proxy }, resourceConfigFile, originsFile);
  const packaged = () => ({ resourceConfigFile, buildOrigins: readBuildOrigins(originsFile) });
  const config = loadConfig({ env: { HUBSPOT_API_BASE_URL: 'https://tokens.evil.example' }, defaultDataDir: join(dir, 'data'), packaged: packaged() });
  assert.equal(config.hubspot?.apiBaseUrl, 'https://hubspot-api.corp.example', 'the build’s own origin, not the environment’s');

  // Someone with write access to the installed resources folder (a per-user Windows install) edits it:
  const edited = { ...JSON.parse(readFileSync(resourceConfigFile, 'utf8')), HUBSPOT_API_BASE_URL: 'https://tokens.evil.example' };
  writeFileSync(resourceConfigFile, JSON.stringify(edited));
  assert.throws(() => loadConfig({ env: {}, defaultDataDir: join(dir, 'data'), packaged: packaged() }), /has been changed: its settings send sign-ins to https:\/\/tokens\.evil\.example/);
});

test('a build made with the credentials in its environment carries them in no bundle', async (t) => {
  const dir = tempDir(t);
  const env = { ...process.env, ...adminEnv };
  await Promise.all([
    promisify(execFile)(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', join(dir, 'renderer'), '--emptyOutDir', '--logLevel', 'error'], { cwd: root, env }),
    buildDesktop(join(dir, 'desktop')),
  ]);
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((name) => /\.(js|cjs|html|css|map)$/.test(name));
  assert.ok(files.some((name) => name.startsWith('renderer')) && files.some((name) => name.startsWith('desktop')), 'both bundles were built');
  for (const name of files) {
    const text = readFileSync(join(dir, name), 'utf8');
    assert.ok(!text.includes(adminEnv.HUBSPOT_CLIENT_SECRET), `${name} contains the client secret`);
    assert.ok(!text.includes(adminEnv.HUBSPOT_CLIENT_ID), `${name} contains the client id`);
  }
});
