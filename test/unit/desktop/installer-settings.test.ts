import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { installerSettingsProblem } from '../../../scripts/write-build-config.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const admin = { HUBSPOT_CLIENT_ID: 'client-id-from-hubspot', HUBSPOT_CLIENT_SECRET: 'client-secret-from-hubspot' };

test('an installer needs the HubSpot app settings: the refusal names what is missing', () => {
  assert.match(installerSettingsProblem({}) ?? '', /^No installer was built: HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are not set/);
  assert.match(installerSettingsProblem({ HUBSPOT_CLIENT_ID: 'x' }) ?? '', /HUBSPOT_CLIENT_SECRET is not set/);
  assert.match(installerSettingsProblem({ HUBSPOT_CLIENT_ID: '  ', HUBSPOT_CLIENT_SECRET: 'y' }) ?? '', /HUBSPOT_CLIENT_ID is not set/, 'blank is not set');
  assert.match(installerSettingsProblem({ ...admin, CONTACT_DESK_SANDBOX: '1' }) ?? '', /local HubSpot sandbox \(CONTACT_DESK_SANDBOX=1\)/);
  assert.match(installerSettingsProblem({ ...admin, HUBSPOT_API_BASE_URL: 'http://api.example.com' }) ?? '', /HUBSPOT_API_BASE_URL must use https/, "the app's own rules apply");
  assert.equal(installerSettingsProblem(admin), null);
});

test('npm run dist checks before it builds anything, and stops with the sentence and a failing exit code', () => {
  const scripts = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
  assert.match(scripts.dist ?? '', /^node scripts\/write-build-config\.ts --for-installer && /, 'the check is the first step of npm run dist');

  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('HUBSPOT_') && key !== 'CONTACT_DESK_SANDBOX'));
  const refused = spawnSync(process.execPath, ['scripts/write-build-config.ts', '--for-installer'], { cwd: root, env, encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are not set/);

  const allowed = spawnSync(process.execPath, ['scripts/write-build-config.ts', '--for-installer'], { cwd: root, env: { ...env, ...admin }, encoding: 'utf8' });
  assert.equal(allowed.status, 0, allowed.stderr);
  assert.equal(allowed.stdout + allowed.stderr, '', 'the check writes nothing (the build writes the settings)');
});
