/** "Open Contact Desk when I sign in": the login item of this platform (see core/login-item/). */
import { app } from 'electron';
import { homedir } from 'node:os';
import { loginCommand } from '../core/login-item/launch.ts';
import type { LoginItemPort } from '../core/login-item/login-item-port.ts';
import { createOsLoginItem } from '../core/login-item/os-login-item.ts';
import { createRecordedLoginItem } from '../core/login-item/recorded-login-item.ts';
import { autostartDir, createXdgAutostart } from '../core/login-item/xdg-autostart.ts';
import type { KeyValueStore } from '../core/ports.ts';
import { appId } from './app-id.ts';

export function createDesktopLoginItem(store: KeyValueStore): LoginItemPort {
  const command = loginCommand({ platform: process.platform, execPath: process.execPath, env: process.env, appPath: app.isPackaged ? undefined : app.getAppPath() });
  // Unpackaged (npm start), the OS would start a bare Electron against a sandbox long gone: record only.
  if (!app.isPackaged) return createRecordedLoginItem(store, command, Date.now);
  if (process.platform === 'win32' || process.platform === 'darwin') return createOsLoginItem({ platform: process.platform, api: app, command, name: appId });
  return createXdgAutostart({
    dir: autostartDir(process.env, homedir()),
    appId,
    name: 'Contact Desk',
    comment: 'Watches your HubSpot connection from the tray',
    icon: 'contact-desk', // the deb's icon (electron-builder.yml: linux.executableName)
    command,
  });
}
