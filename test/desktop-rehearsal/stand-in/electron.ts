/** The `electron` module as the rehearsal offers it to the app's main process. */
import { app } from './app.ts';
import { ipcMain } from './ipc-main.ts';
import { Menu, MenuItem, nativeImage, Tray } from './menus.ts';
import { safeStorage } from './safe-storage.ts';
import { protocol, session } from './session.ts';
import { strict } from './strict.ts';
import { dialog, nativeTheme, net, Notification, powerMonitor, shell } from './system.ts';
import { BrowserWindow } from './windows.ts';

export const electron = strict('electron', { app, BrowserWindow, dialog, ipcMain, Menu, MenuItem, nativeImage, nativeTheme, net, Notification, powerMonitor, protocol, safeStorage, session, shell, Tray });
