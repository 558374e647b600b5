/**
 * An admin's HubSpot credentials reach a build through environment variables and end up in the
 * resources config file only — never in the renderer bundle (which any page script could read) or
 * the main-process bundles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildDesktop } from '../../scripts/build-desktop.ts';
import { writeBuildConfig } from '../../scripts/write-build-config.ts';

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
  const file = join(tempDir(t), 'resources', 'config.json');
  const result = writeBuildConfig({ ...adminEnv, PATH: '/usr/bin', HOME: '/home/admin' }, file);
  assert.deepEqual(result, { file, keys: Object.keys(adminEnv) });
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), adminEnv, 'exactly the app settings, nothing else from the environment');
});

test('no client id, or the local sandbox: the file is written empty', (t) => {
  const dir = tempDir(t);
  assert.equal(writeBuildConfig({}, join(dir, 'a.json')).skipped, 'HUBSPOT_CLIENT_ID is not set');
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')), {});
  const sandbox = writeBuildConfig({ ...adminEnv, HUBSPOT_AUTH_BASE_URL: 'http://127.0.0.1:41234', CONTACT_DESK_SANDBOX: '1' }, join(dir, 'b.json'));
  assert.match(String(sandbox.skipped), /sandbox/);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')), {});
});

test('settings the app would refuse at start-up stop the build with the same sentence', (t) => {
  const dir = tempDir(t);
  assert.throws(() => writeBuildConfig({ HUBSPOT_CLIENT_ID: 'x' }, join(dir, 'c.json')), /HUBSPOT_CLIENT_SECRET is not/);
  assert.throws(() => writeBuildConfig({ ...adminEnv, HUBSPOT_API_BASE_URL: 'http://api.example.com' }, join(dir, 'd.json')), /must use https/);
  assert.throws(() => writeBuildConfig({ ...adminEnv, HUBSPOT_REDIRECT_PORTS: '80' }, join(dir, 'e.json')), /HUBSPOT_REDIRECT_PORTS/);
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
