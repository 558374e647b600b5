import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loginCommand, openedAtLoginArg, startsInTray } from '../../../../electron/core/login-item/launch.ts';

const plainStart = ['/opt/Contact Desk/contact-desk'];
const atLogin = [...plainStart, openedAtLoginArg];

test('Windows: started at sign-in exactly when the Run key passed the flag', () => {
  assert.equal(startsInTray({ platform: 'win32', argv: atLogin, wasOpenedAtLogin: false }), true);
  assert.equal(startsInTray({ platform: 'win32', argv: plainStart, wasOpenedAtLogin: false }), false);
  // wasOpenedAtLogin is a macOS signal; Windows never sets it, and a stray true must not hide the window.
  assert.equal(startsInTray({ platform: 'win32', argv: plainStart, wasOpenedAtLogin: true }), false);
});

test('macOS: login items get no arguments, so wasOpenedAtLogin decides', () => {
  assert.equal(startsInTray({ platform: 'darwin', argv: ['/Applications/Contact Desk.app/Contents/MacOS/Contact Desk'], wasOpenedAtLogin: true }), true);
  assert.equal(startsInTray({ platform: 'darwin', argv: ['/Applications/Contact Desk.app/Contents/MacOS/Contact Desk'], wasOpenedAtLogin: false }), false);
  assert.equal(startsInTray({ platform: 'darwin', argv: ['/Applications/Contact Desk.app/Contents/MacOS/Contact Desk', openedAtLoginArg], wasOpenedAtLogin: false }), true);
});

test('Linux: started at sign-in exactly when the autostart entry passed the flag', () => {
  assert.equal(startsInTray({ platform: 'linux', argv: atLogin, wasOpenedAtLogin: false }), true);
  assert.equal(startsInTray({ platform: 'linux', argv: plainStart, wasOpenedAtLogin: false }), false);
  assert.equal(startsInTray({ platform: 'linux', argv: [...plainStart, '--opened-at-login-not'], wasOpenedAtLogin: false }), false);
});

test('the command at sign-in is the running executable with the flag; an AppImage is the image file, not its temporary mount', () => {
  assert.deepEqual(loginCommand({ platform: 'linux', execPath: '/opt/Contact Desk/contact-desk', env: {} }), { executable: '/opt/Contact Desk/contact-desk', args: [openedAtLoginArg] });
  assert.deepEqual(loginCommand({ platform: 'linux', execPath: '/tmp/.mount_ContacXYZ/contact-desk', env: { APPIMAGE: '/home/ana/Apps/Contact Desk-0.2.0.AppImage' } }), {
    executable: '/home/ana/Apps/Contact Desk-0.2.0.AppImage',
    args: [openedAtLoginArg],
  });
  // APPIMAGE means nothing elsewhere.
  assert.equal(loginCommand({ platform: 'win32', execPath: 'C:\\Program Files\\Contact Desk\\Contact Desk.exe', env: { APPIMAGE: '/x' } }).executable, 'C:\\Program Files\\Contact Desk\\Contact Desk.exe');
  assert.deepEqual(loginCommand({ platform: 'linux', execPath: '/dev/electron', env: {}, appPath: '/src/contact-desk' }).args, ['/src/contact-desk', openedAtLoginArg]);
});
