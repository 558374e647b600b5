/**
 * Electron's login-item API can't run here (no Electron runtime), so these tests drive the adapter
 * with a stand-in that keeps entries the way Windows' Run key and macOS's SMAppService do, and check
 * what their answers mean for the setting.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openedAtLoginArg } from '../../../../electron/core/login-item/launch.ts';
import { createOsLoginItem, interpretLoginItemSettings, macApprovalNeeded, type OsLoginItemApi, type OsLoginItemSettings } from '../../../../electron/core/login-item/os-login-item.ts';

const name = 'com.contactdesk.app';
const command = { executable: 'C:\\Users\\ana\\AppData\\Local\\Programs\\Contact Desk\\Contact Desk.exe', args: [openedAtLoginArg] };

interface RunEntry {
  path: string;
  args: string[];
  enabled: boolean;
}

/** Windows: Run-key values by name; Task Manager's Startup tab flips `enabled`; a policy may block writes. */
function windowsStandIn(options: { blocked?: boolean } = {}) {
  const run = new Map<string, RunEntry>();
  const api: OsLoginItemApi = {
    getLoginItemSettings(query) {
      const entry = run.get(name);
      const matches = entry !== undefined && entry.path === query?.path && JSON.stringify(entry.args) === JSON.stringify(query?.args ?? []);
      return {
        openAtLogin: matches,
        executableWillLaunchAtLogin: entry !== undefined && entry.path === query?.path && entry.enabled,
        launchItems: [...run].map(([key, value]) => ({ name: key, ...value })),
      };
    },
    setLoginItemSettings(settings) {
      if (options.blocked) return;
      if (!settings.openAtLogin) run.delete(settings.name!);
      else run.set(settings.name!, { path: settings.path!, args: [...(settings.args ?? [])], enabled: settings.enabled ?? true });
    },
  };
  return { api, run };
}

test('Windows: on writes one Run entry with the flag; off removes it', async () => {
  const { api, run } = windowsStandIn();
  const port = createOsLoginItem({ platform: 'win32', api, command, name });
  assert.deepEqual(await port.read(), { enabled: false });
  await port.write(true);
  assert.deepEqual([...run.values()], [{ path: command.executable, args: [openedAtLoginArg], enabled: true }]);
  assert.deepEqual(await port.read(), { enabled: true, stale: false });
  await port.write(false);
  assert.equal(run.size, 0);
  assert.deepEqual(await port.read(), { enabled: false });
});

test('Windows: disabled in Task Manager reads off; turning it on again re-enables the same entry', async () => {
  const { api, run } = windowsStandIn();
  const port = createOsLoginItem({ platform: 'win32', api, command, name });
  await port.write(true);
  run.get(name)!.enabled = false;
  assert.equal((await port.read()).enabled, false);
  await port.write(true);
  assert.equal(run.size, 1);
  assert.equal(run.get(name)!.enabled, true);
});

test('Windows: an entry from an older install path is stale, and writing replaces it under the same name', async () => {
  const { api, run } = windowsStandIn();
  run.set(name, { path: 'C:\\Program Files\\Contact Desk\\Contact Desk.exe', args: [openedAtLoginArg], enabled: true });
  const port = createOsLoginItem({ platform: 'win32', api, command, name });
  assert.deepEqual(await port.read(), { enabled: true, stale: true });
  await port.write(true);
  assert.deepEqual([...run.keys()], [name]);
  assert.equal(run.get(name)!.path, command.executable);
  assert.deepEqual(await port.read(), { enabled: true, stale: false });
  // Same path in another case is the same file on Windows.
  run.get(name)!.path = command.executable.toUpperCase();
  assert.deepEqual(await port.read(), { enabled: true, stale: false });
});

test('Windows: when a policy keeps the entry from being written, the write fails with one sentence', async () => {
  const port = createOsLoginItem({ platform: 'win32', api: windowsStandIn({ blocked: true }).api, command, name });
  await assert.rejects(port.write(true), {
    kind: 'permission-denied',
    message: "Windows didn't let Contact Desk add itself to the apps that open when you sign in (this computer's settings may not allow it: ask your IT team).",
  });
});

test('macOS: enabled, removed, and waiting for the user\'s approval in System Settings', async () => {
  let status: OsLoginItemSettings['status'] = 'not-registered';
  let needsApproval = false;
  const api: OsLoginItemApi = {
    getLoginItemSettings: () => ({ openAtLogin: status === 'enabled', status }),
    setLoginItemSettings: ({ openAtLogin }) => {
      status = openAtLogin ? (needsApproval ? 'requires-approval' : 'enabled') : 'not-registered';
    },
  };
  const port = createOsLoginItem({ platform: 'darwin', api, command, name });
  await port.write(true);
  assert.deepEqual(await port.read(), { enabled: true });
  await port.write(false);
  assert.deepEqual(await port.read(), { enabled: false });

  needsApproval = true;
  await port.write(true); // not an error: the setting says what is missing
  assert.deepEqual(await port.read(), { enabled: false, problem: macApprovalNeeded });
});

test('macOS before 13 answers without a status: openAtLogin decides', () => {
  assert.deepEqual(interpretLoginItemSettings({ platform: 'darwin', command, name }, { openAtLogin: true }), { enabled: true });
  assert.deepEqual(interpretLoginItemSettings({ platform: 'darwin', command, name }, { openAtLogin: false }), { enabled: false });
});
