/** The one app window: locked-down web preferences, shown when ready, hidden (not closed) to the tray. */
import { app, BrowserWindow } from 'electron';
import type { Logger } from '../core/ports.ts';
import { createPageMessages } from './page-messages.ts';
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
  /** Whether the window appears once its page has painted; false starts it hidden (default true). */
  showWhenReady?: boolean;
}

export interface MainWindow {
  readonly window: BrowserWindow;
  load(): Promise<void>;
  /** Shows, restores and focuses the window; before its page has painted, as soon as it has. */
  show(): void;
  /** Sends to the page; what is sent before it has loaded (or while it reloads) waits for it. */
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
  // Shown only once the page has painted (Electron docs, BrowserWindow "Showing the window
  // gracefully"), so nothing flashes; a show asked for earlier waits for that moment.
  let painted = false;
  let wanted = options.showWhenReady ?? true;

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

  const reveal = () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    if (process.platform === 'darwin') app.focus({ steal: true });
  };
  window.once('ready-to-show', () => {
    painted = true;
    if (wanted) reveal();
  });

  const messages = createPageMessages({
    deliver: (channel, args) => {
      if (!window.isDestroyed()) window.webContents.send(channel, ...args);
    },
    isLoading: () => !window.isDestroyed() && window.webContents.isLoading(),
  });
  window.webContents.on('did-finish-load', () => messages.loaded());

  return {
    window,
    load: () => window.loadURL(appEntryUrl),
    show() {
      wanted = true;
      if (painted) reveal();
    },
    send: messages.send,
  };
}
