import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openedAtLoginArg } from '../../../../electron/core/login-item/launch.ts';
import type { LaunchCommand } from '../../../../electron/core/login-item/login-item-port.ts';
import { createOpenAtLogin, managedSentence, type ManagedOpenAtLogin } from '../../../../electron/core/login-item/open-at-login.ts';
import { createRecordedLoginItem, recordedLoginItemKey } from '../../../../electron/core/login-item/recorded-login-item.ts';
import { autostartFile, createXdgAutostart } from '../../../../electron/core/login-item/xdg-autostart.ts';
import type { Logger } from '../../../../electron/core/ports.ts';
import { openJsonFileStore } from '../../../../electron/preview/json-file-store.ts';

const appId = 'com.contactdesk.app';
const command: LaunchCommand = { executable: '/opt/Contact Desk/contact-desk', args: [openedAtLoginArg] };
const quiet: Logger = { info() {}, warn() {}, error() {} };

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-open-at-login-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The service over a real autostart folder and a real store file, as one start of the app would make it. */
function appStart(dir: string, options: { managed?: ManagedOpenAtLogin; command?: LaunchCommand; autostart?: string } = {}) {
  const store = openJsonFileStore(join(dir, 'store.json'));
  const autostart = options.autostart ?? join(dir, 'config', 'autostart');
  const port = createXdgAutostart({ dir: autostart, appId, name: 'Contact Desk', comment: 'c', icon: 'contact-desk', command: options.command ?? command });
  return { autostart, store, openAtLogin: createOpenAtLogin({ port, managed: options.managed ?? null, store, log: quiet }) };
}

test('off by default; turned on, it stays on across a restart; turned off, it is gone', async (t) => {
  const dir = tempDir(t);
  const first = appStart(dir);
  await first.openAtLogin.start();
  assert.deepEqual(await first.openAtLogin.view(), { enabled: false, managed: null, problem: null });
  assert.deepEqual(await first.openAtLogin.set(true), { enabled: true, managed: null, problem: null });

  const second = appStart(dir);
  await second.openAtLogin.start();
  assert.deepEqual(await second.openAtLogin.view(), { enabled: true, managed: null, problem: null });
  assert.deepEqual(await second.openAtLogin.set(false), { enabled: false, managed: null, problem: null });
  assert.deepEqual(readdirSync(second.autostart), []);
});

test('removed in the OS (the file deleted by the desktop\'s settings), the setting shows off', async (t) => {
  const dir = tempDir(t);
  const app = appStart(dir);
  await app.openAtLogin.set(true);
  rmSync(autostartFile({ dir: app.autostart, appId }));
  assert.equal((await app.openAtLogin.view()).enabled, false);
  await app.openAtLogin.start();
  assert.equal((await app.openAtLogin.view()).enabled, false, 'a start does not put back what the user removed');
});

test('an entry left by an older install path is pointed at this one at start: replaced, not duplicated', async (t) => {
  const dir = tempDir(t);
  await appStart(dir, { command: { executable: '/home/ana/Downloads/Contact Desk-0.1.0.AppImage', args: [openedAtLoginArg] } }).openAtLogin.set(true);
  const now = appStart(dir, { command: { executable: '/home/ana/Apps/Contact Desk-0.2.0.AppImage', args: [openedAtLoginArg] } });
  await now.openAtLogin.start();
  assert.deepEqual(readdirSync(now.autostart), [`${appId}.desktop`]);
  assert.match(readFileSync(autostartFile({ dir: now.autostart, appId }), 'utf8'), /^Exec="\/home\/ana\/Apps\/Contact Desk-0\.2\.0\.AppImage" "--opened-at-login"$/m);
});

test('an autostart folder that cannot be written: the setting stays off and says why in one sentence', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'config', 'autostart'), '');
  const app = appStart(dir);
  const view = await app.openAtLogin.set(true);
  assert.deepEqual(view, { enabled: false, managed: null, problem: "Contact Desk can't add itself to the apps that open when you sign in, because your autostart folder is a file, not a folder." });
  assert.deepEqual(readdirSync(join(dir, 'config')), ['autostart']);
});

test('managed "on" by the IT admin: applied at every start, and the user cannot turn it off', async (t) => {
  const dir = tempDir(t);
  const app = appStart(dir, { managed: 'on' });
  await app.openAtLogin.start();
  assert.deepEqual(await app.openAtLogin.view(), { enabled: true, managed: 'on', problem: null });
  await assert.rejects(app.openAtLogin.set(false), { kind: 'permission-denied', message: managedSentence.on });
  rmSync(autostartFile({ dir: app.autostart, appId }));
  await appStart(dir, { managed: 'on' }).openAtLogin.start();
  assert.equal((await app.openAtLogin.view()).enabled, true, 'put back at the next start');
});

test('managed "off": an entry the user had is removed at start, and cannot be turned on', async (t) => {
  const dir = tempDir(t);
  await appStart(dir).openAtLogin.set(true);
  const app = appStart(dir, { managed: 'off' });
  await app.openAtLogin.start();
  assert.deepEqual(await app.openAtLogin.view(), { enabled: false, managed: 'off', problem: null });
  await assert.rejects(app.openAtLogin.set(true), { kind: 'permission-denied', message: managedSentence.off });
  assert.deepEqual(readdirSync(app.autostart), []);
});

test('the offer after the first scheduled export: once, only while off, never when managed', async (t) => {
  const dir = tempDir(t);
  const app = appStart(dir);
  assert.equal(await app.openAtLogin.claimOffer(), true);
  assert.equal(await app.openAtLogin.claimOffer(), false, 'only the first time');
  assert.equal(await appStart(dir).openAtLogin.claimOffer(), false, 'not again after a restart');

  const alreadyOn = appStart(tempDir(t));
  await alreadyOn.openAtLogin.set(true);
  assert.equal(await alreadyOn.openAtLogin.claimOffer(), false);
  assert.equal(await appStart(tempDir(t), { managed: 'off' }).openAtLogin.claimOffer(), false);
});

test('the recorded login item (preview, unpackaged builds) keeps the request and what the OS would have run', async (t) => {
  const dir = tempDir(t);
  const store = openJsonFileStore(join(dir, 'store.json'));
  const port = createRecordedLoginItem(store, command, () => 1_700_000_000_000);
  assert.deepEqual(await port.read(), { enabled: false });
  await port.write(true);
  assert.deepEqual(await createRecordedLoginItem(openJsonFileStore(join(dir, 'store.json')), command, () => 0).read(), { enabled: true });
  assert.deepEqual(store.get(recordedLoginItemKey), { enabled: true, command, at: 1_700_000_000_000 });
});
