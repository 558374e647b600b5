/** The one app window: locked-down web preferences, shown when ready, hidden (not closed) to the tray. */
import { app, BrowserWindow } from 'electron';
import type { Logger } from '../core/ports.ts';
import { appEntryUrl } from './security-policy.ts';

export interface MainWindowOptions {
  preloadPath: string;
  /** Linux only: Windows and macOS take the icon from the executable / app bundle. */
  iconPath?: string;
  log: Logger;
  /** True once the user chose Quit: closing then really closes. */
  isQuitting(): boolean;
  /** Whether closing the window keeps the app running (the closeToTray setting; always on macOS). */
  keepRunningOnClose(): boolean;
  /** Called each time closing hid the window instead. */
  onHiddenOnClose(): void;
}

export interface MainWindow {
  readonly window: BrowserWindow;
  load(): Promise<void>;
  /** Shows, restores and focuses the window. */
  show(): void;
  /** Sends to the page, after it has loaded if it is still loading. */
  send(channel: string, ...args: unknown[]): void;
}

const maxReloadsAfterCrash = 3;

export function createMainWindow(options: MainWindowOptions): MainWindow {
  const { log } = options;
  const window = new BrowserWindow({
    title: 'Contact Desk',
    width: 1120,
    height: 740,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: '#f4f6f9', // the page's --bg, so nothing flashes while it loads
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Spell-checking downloads dictionaries from Google's servers; a contact list does not need it.
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());

  window.on('close', (event) => {
    if (options.isQuitting() || !options.keepRunningOnClose()) return;
    event.preventDefault();
    window.hide();
    options.onHiddenOnClose();
  });

  let reloadsAfterCrash = 0;
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('window: the page stopped', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit' || options.isQuitting() || reloadsAfterCrash >= maxReloadsAfterCrash) return;
    reloadsAfterCrash += 1;
    window.webContents.reload();
  });
  window.on('unresponsive', () => log.warn('window: the page is not responding'));
  window.on('responsive', () => log.info('window: the page is responding again'));

  const show = () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    if (process.platform === 'darwin') app.focus({ steal: true });
  };

  // Events raised while the page loads (a first sync reports every page) wait for it in one queue,
  // not one listener each.
  const waiting: [string, unknown[]][] = [];
  window.webContents.on('did-finish-load', () => {
    for (const [channel, args] of waiting.splice(0)) window.webContents.send(channel, ...args);
  });

  return {
    window,
    load: () => window.loadURL(appEntryUrl),
    show,
    send(channel, ...args) {
      if (window.isDestroyed()) return;
      if (window.webContents.isLoading()) waiting.push([channel, args]);
      else window.webContents.send(channel, ...args);
    },
  };
}
