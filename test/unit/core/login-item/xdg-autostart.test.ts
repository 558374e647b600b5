import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { parseExec, readDesktopEntry } from '../../../../electron/core/login-item/desktop-entry.ts';
import { openedAtLoginArg } from '../../../../electron/core/login-item/launch.ts';
import type { LaunchCommand } from '../../../../electron/core/login-item/login-item-port.ts';
import { autostartDir, autostartFile, createXdgAutostart, type AutostartOptions } from '../../../../electron/core/login-item/xdg-autostart.ts';

const appId = 'com.contactdesk.app';
const installed: LaunchCommand = { executable: '/opt/Contact Desk/contact-desk', args: [openedAtLoginArg] };

function tempHome(t: TestContext): string {
  const home = mkdtempSync(join(tmpdir(), 'contact-desk-autostart-'));
  t.after(() => {
    chmodSync(home, 0o755);
    rmSync(home, { recursive: true, force: true });
  });
  return home;
}

const optionsFor = (dir: string, command = installed): AutostartOptions => ({
  dir,
  appId,
  name: 'Contact Desk',
  comment: 'Watches your HubSpot connection from the tray',
  icon: 'contact-desk',
  command,
});

test('the autostart folder honours an absolute XDG_CONFIG_HOME, else ~/.config', () => {
  assert.equal(autostartDir({}, '/home/ana'), '/home/ana/.config/autostart');
  assert.equal(autostartDir({ XDG_CONFIG_HOME: '/srv/ana-config' }, '/home/ana'), '/srv/ana-config/autostart');
  assert.equal(autostartDir({ XDG_CONFIG_HOME: '' }, '/home/ana'), '/home/ana/.config/autostart');
  // The spec: a relative path in XDG_CONFIG_HOME is invalid and ignored.
  assert.equal(autostartDir({ XDG_CONFIG_HOME: 'relative/config' }, '/home/ana'), '/home/ana/.config/autostart');
});

test('turning it on writes <app id>.desktop with Exec, Name, Icon and X-GNOME-Autostart-enabled, creating the folder', async (t) => {
  const home = tempHome(t);
  const dir = autostartDir({ XDG_CONFIG_HOME: join(home, 'cfg') }, home);
  const port = createXdgAutostart(optionsFor(dir));
  assert.deepEqual(await port.read(), { enabled: false });

  await port.write(true);
  assert.deepEqual(readdirSync(dir), [`${appId}.desktop`], 'one file, nothing else left in the folder');
  const text = readFileSync(join(home, 'cfg', 'autostart', `${appId}.desktop`), 'utf8');
  const keys = readDesktopEntry(text);
  assert.ok(text.startsWith('[Desktop Entry]\n'));
  assert.equal(keys.get('Type'), 'Application');
  assert.equal(keys.get('Name'), 'Contact Desk');
  assert.equal(keys.get('Icon'), 'contact-desk');
  assert.equal(keys.get('Terminal'), 'false');
  assert.equal(keys.get('X-GNOME-Autostart-enabled'), 'true');
  assert.equal(keys.get('Exec'), '"/opt/Contact Desk/contact-desk" "--opened-at-login"');
  assert.deepEqual(await port.read(), { enabled: true, stale: false });
});

test('an AppImage is started from its image file, whatever characters its path holds', async (t) => {
  const home = tempHome(t);
  const dir = join(home, '.config', 'autostart');
  const image = '/home/ana/My "Apps"/$HOME `x` 100%\\Contact Desk.AppImage';
  await createXdgAutostart(optionsFor(dir, { executable: image, args: [openedAtLoginArg] })).write(true);
  const exec = readDesktopEntry(readFileSync(autostartFile({ dir, appId }), 'utf8')).get('Exec')!;
  // Quoted, with " ` $ \ escaped, % doubled, and then the string escape doubling each backslash.
  const twoBackslashes = '\\\\';
  const expected = `"/home/ana/My ${twoBackslashes}"Apps${twoBackslashes}"/${twoBackslashes}$HOME ${twoBackslashes}\`x${twoBackslashes}\` 100%%${twoBackslashes}${twoBackslashes}Contact Desk.AppImage" "--opened-at-login"`;
  assert.equal(exec, expected);
  assert.deepEqual(parseExec(exec), [image, openedAtLoginArg]);
});

test('turning it off removes the file; off when it is already gone is fine', async (t) => {
  const home = tempHome(t);
  const dir = join(home, '.config', 'autostart');
  writeFileSync(join(home, 'other-app.desktop'), 'x');
  const port = createXdgAutostart(optionsFor(dir));
  await port.write(true);
  await port.write(false);
  assert.deepEqual(readdirSync(dir), []);
  assert.deepEqual(await port.read(), { enabled: false });
  await port.write(false);
});

test('removed or switched off outside Contact Desk (desktop settings), the setting reads off', async (t) => {
  const home = tempHome(t);
  const dir = join(home, '.config', 'autostart');
  const port = createXdgAutostart(optionsFor(dir));
  await port.write(true);
  const file = autostartFile({ dir, appId });
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'));
  assert.deepEqual(await port.read(), { enabled: false });
  writeFileSync(file, `${text}Hidden=true\n`);
  assert.deepEqual(await port.read(), { enabled: false });
  rmSync(file);
  assert.deepEqual(await port.read(), { enabled: false });
});

test('an entry from an older install path reads as stale, and turning it on replaces it: one file, the new path', async (t) => {
  const home = tempHome(t);
  const dir = join(home, '.config', 'autostart');
  await createXdgAutostart(optionsFor(dir, { executable: '/home/ana/Downloads/Contact Desk-0.1.0.AppImage', args: [openedAtLoginArg] })).write(true);
  const current = createXdgAutostart(optionsFor(dir, { executable: '/home/ana/Apps/Contact Desk-0.2.0.AppImage', args: [openedAtLoginArg] }));
  assert.deepEqual(await current.read(), { enabled: true, stale: true });

  await current.write(true);
  assert.deepEqual(readdirSync(dir), [`${appId}.desktop`]);
  assert.deepEqual(parseExec(readDesktopEntry(readFileSync(autostartFile({ dir, appId }), 'utf8')).get('Exec')!), ['/home/ana/Apps/Contact Desk-0.2.0.AppImage', openedAtLoginArg]);
  assert.deepEqual(await current.read(), { enabled: true, stale: false });
});

test('an autostart "folder" that is a file: the setting stays off with one sentence, and nothing is written', async (t) => {
  const home = tempHome(t);
  mkdirSync(join(home, '.config'));
  writeFileSync(join(home, '.config', 'autostart'), 'not a folder');
  const port = createXdgAutostart(optionsFor(join(home, '.config', 'autostart')));
  await assert.rejects(port.write(true), { kind: 'folder-missing', message: "Contact Desk can't add itself to the apps that open when you sign in, because your autostart folder is a file, not a folder." });
  assert.deepEqual(readdirSync(join(home, '.config')), ['autostart']);
  assert.deepEqual(await port.read(), { enabled: false });
});

interface WriterOutcome {
  ok: boolean;
  uid: number;
  kind?: string;
  message?: string;
  left?: string[];
}

/**
 * Runs fixtures/autostart-child.ts in a child process: as an unprivileged user (tests run as root
 * here, and root ignores permissions), or after `prefix` (a read-only mount, in which even root can't write).
 */
function runWriter(dir: string, how: { unprivileged: true } | { prefix: string[] }, listAfterwards?: string): WriterOutcome {
  const child = join(import.meta.dirname, 'fixtures', 'autostart-child.ts');
  const before = 'prefix' in how ? how.prefix : process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  const [command, ...args] = [...before, process.execPath, child, dir, 'on', ...(listAfterwards ? [listAfterwards] : [])];
  const result = spawnSync(command!, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as WriterOutcome;
}

const oneSentence = (message: string) => /^[^.]+\.$/.test(message.replace(/\(.*?\)/g, '').replace(/\.(?=.)/g, ''));

test('a read-only autostart folder, as a user who may not write it: stays off, says why in one sentence, leaves nothing', (t) => {
  const home = tempHome(t);
  chmodSync(home, 0o755);
  const dir = join(home, '.config', 'autostart');
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o555);
  const outcome = runWriter(dir, { unprivileged: true });
  assert.notEqual(outcome.uid, 0, 'the writer ran without root');
  assert.equal(outcome.ok, false);
  assert.equal(outcome.kind, 'permission-denied');
  assert.equal(outcome.message, "Contact Desk can't add itself to the apps that open when you sign in, because this computer doesn't let it use your autostart folder (ask your IT team).");
  assert.ok(oneSentence(outcome.message!));
  assert.ok(!outcome.message!.includes(home), 'no path in what the window shows');
  assert.deepEqual(readdirSync(dir), [], 'no temporary or partial file left');
});

test('a config folder the user may not write, with no autostart folder yet: nothing is created', (t) => {
  const home = tempHome(t);
  chmodSync(home, 0o755);
  mkdirSync(join(home, '.config'));
  chmodSync(join(home, '.config'), 0o555);
  const outcome = runWriter(join(home, '.config', 'autostart'), { unprivileged: true });
  assert.equal(outcome.kind, 'permission-denied');
  assert.deepEqual(readdirSync(join(home, '.config')), []);
});

test('a read-only home (a read-only tmpfs in a private mount namespace): stays off, says so', (t) => {
  const home = tempHome(t);
  chmodSync(home, 0o755);
  const probe = spawnSync('unshare', ['-rm', 'true']);
  if (probe.status !== 0) return t.skip('this machine allows no private mount namespace (unshare -rm)');
  // Inside the namespace: mount an empty read-only tmpfs over the home, then run the writer there.
  const outcome = runWriter(join(home, '.config', 'autostart'), { prefix: ['unshare', '-rm', 'sh', '-c', `mount -t tmpfs -o ro,size=64k tmpfs '${home}' && exec "$@"`, 'sh'] });
  assert.equal(outcome.ok, false);
  assert.equal(outcome.message, "Contact Desk can't add itself to the apps that open when you sign in, because your home folder is read-only.");
  assert.ok(!existsSync(join(home, '.config')), 'nothing reached the real folder under the mount');
});

test('a failure after the temporary file was written (the entry\'s name taken by a folder) leaves no temporary file', async (t) => {
  const home = tempHome(t);
  const dir = join(home, '.config', 'autostart');
  mkdirSync(join(autostartFile({ dir, appId }), 'something'), { recursive: true });
  await assert.rejects(createXdgAutostart(optionsFor(dir)).write(true), { kind: 'internal' });
  assert.deepEqual(readdirSync(dir), [`${appId}.desktop`], 'only the folder that was there');
});

test('a disk that fills up after the folders were made (a tmpfs of three inodes): says so, and takes the new folders away again', (t) => {
  const home = tempHome(t);
  chmodSync(home, 0o755);
  if (spawnSync('unshare', ['-rm', 'true']).status !== 0) return t.skip('this machine allows no private mount namespace (unshare -rm)');
  // Room for the tmpfs root, .config and autostart, but not for the file.
  const outcome = runWriter(join(home, '.config', 'autostart'), { prefix: ['unshare', '-rm', 'sh', '-c', `mount -t tmpfs -o nr_inodes=3,size=64k tmpfs '${home}' && exec "$@"`, 'sh'] }, home);
  assert.equal(outcome.ok, false);
  assert.equal(outcome.message, "Contact Desk can't add itself to the apps that open when you sign in, because the disk is full.");
  assert.deepEqual(outcome.left, [], 'the folders it made are gone again');
});
