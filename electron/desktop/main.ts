/**
 * The desktop app's main process: wires Electron's pieces to the core's services. Everything with
 * logic in it lives in the core or in the pure modules next to this file; this only connects.
 */
import { app, powerMonitor, session, shell } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../core/config.ts';
import { isAppError } from '../core/errors.ts';
import { createFileLogger, type FileLogger } from '../core/log/file-logger.ts';
import type { KeyValueStore } from '../core/ports.ts';
import { createServices, type ResolvedConfig } from '../core/services.ts';
import type { TrayMenuId } from '../core/status/tray-model.ts';
import { createRouter } from '../core/ipc-router.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { showAbout, showStartupError } from './dialogs.ts';
import { forwardEvents, registerIpcHandlers, sendEvent } from './ipc.ts';
import { installAppMenu } from './menu.ts';
import { bundledPaths } from './paths.ts';
import { createDesktopPorts } from './ports.ts';
import { watchPowerAndNetwork } from './power.ts';
import { createSafeStorageSecretBox } from './secret-box.ts';
import { createKeyValueStore } from './store.ts';
import { createStatusTray } from './tray.ts';
import { hardenAllWebContents, hardenSession } from './web-security.ts';
import { createMainWindow, type MainWindow } from './windows.ts';

const closedToTrayNoticeKey = 'desktop.closedToTrayNoticeShown';
/** Must match appId in electron-builder.yml. */
const appId = 'com.contactdesk.app';

// Stack traces in the log point at the TypeScript sources, not the bundle.
process.setSourceMapsEnabled(true);

// Read before anything else: CONTACT_DESK_DATA_DIR also moves Chromium's profile and the
// single-instance lock, so a test or a second configured copy never touches the user's own.
let config: AppConfig | null = null;
let configError: unknown = null;
try {
  config = loadConfig({
    env: process.env,
    defaultDataDir: app.getPath('userData'),
    resourceConfigFile: app.isPackaged ? join(process.resourcesPath, 'config.json') : undefined,
  });
  if (config.dataDir !== app.getPath('userData')) app.setPath('userData', config.dataDir);
} catch (error) {
  configError = error;
}

registerAppScheme();
app.enableSandbox();
// Windows shows notifications only for an app with an id; the installer's shortcuts carry the same one.
if (process.platform === 'win32') app.setAppUserModelId(appId);

if (!app.requestSingleInstanceLock()) {
  // Another Contact Desk is running: it shows its window (second-instance below) and this one leaves.
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const log = createFileLogger({ dir: app.getPath('logs') });
  process.on('uncaughtException', (error) => log.error('main: uncaught exception', { error }));
  process.on('unhandledRejection', (reason) => log.error('main: unhandled rejection', { error: reason }));
  log.info('app: starting', { version: app.getVersion(), platform: process.platform, electron: process.versions.electron, packaged: app.isPackaged });

  if (config === null) return failToStart(log, isAppError(configError) ? configError.message : 'Its settings could not be read.', configError);
  if (config.hubspot === null) {
    return failToStart(
      log,
      'This copy of Contact Desk has no HubSpot app set up. If your IT team gave it to you, ask them for a build that includes the HubSpot app settings. To try it with sample data, run "npm start" in the project folder.',
    );
  }
  const resolved = config as ResolvedConfig;

  try {
    mkdirSync(resolved.dataDir, { recursive: true });
    await runApp(resolved, log);
  } catch (error) {
    failToStart(log, 'Something went wrong while it was starting. Open it again; if this keeps happening, send the log file named below to your IT team.', error);
  }
}

async function runApp(config: ResolvedConfig, log: FileLogger): Promise<void> {
  const paths = bundledPaths();
  const defaultSession = session.defaultSession;
  hardenAllWebContents(log);
  hardenSession(defaultSession, log);
  serveRenderer(defaultSession, paths.renderer, log);
  app.setAboutPanelOptions({ applicationName: 'Contact Desk', applicationVersion: app.getVersion() });

  const store = createKeyValueStore(config.dataDir, log);
  const secretBox = await createSafeStorageSecretBox(log);
  let mainWindow: MainWindow | null = null;
  const ports = createDesktopPorts({ dataDir: config.dataDir, secretBox, store, log, consentOrigin: config.hubspot.authBaseUrl, mainWindow: () => mainWindow });
  const services = createServices(config, ports, { version: app.getVersion(), shell: 'desktop' });

  let quitting = false;
  mainWindow = createMainWindow({
    preloadPath: paths.preload,
    iconPath: process.platform === 'linux' ? paths.windowIcon : undefined,
    log,
    isQuitting: () => quitting,
    keepRunningOnClose: () => process.platform === 'darwin' || services.settings().closeToTray,
    onHiddenOnClose: () => tellOnceAboutTray(store, ports.notify),
  });
  const window = mainWindow;

  const stopIpc = registerIpcHandlers({ dispatch: createRouter(services.handlers, log), mainWebContents: () => (window.window.isDestroyed() ? null : window.window.webContents), log });
  const stopEvents = forwardEvents((listener) => services.onEvent(listener), window.send);

  const runTrayCommand = (command: TrayMenuId) => {
    const report = (what: string) => (error: unknown) => log.warn(`tray: ${what} failed`, { error });
    switch (command) {
      case 'check-now':
        return void services.status.checkNow().catch(report('check now'));
      case 'sync-now':
        return void services.syncNow().catch(report('sync now'));
      case 'export':
        window.show();
        return sendEvent(window.send, 'menuCommand', { command: 'open-export-dialog' });
      case 'sign-out':
        window.show();
        return sendEvent(window.send, 'menuCommand', { command: 'open-sign-out-dialog' });
      case 'open':
      case 'sign-in':
      case 'status':
        return window.show();
      case 'quit':
        return app.quit();
    }
  };
  const tray = createStatusTray({ iconDir: paths.trayIcons, status: services.status, onCommand: runTrayCommand, onClick: () => window.show() });

  installAppMenu({
    showAbout: () => void showAbout(window.window),
    openSettings: () => {
      window.show();
      sendEvent(window.send, 'menuCommand', { command: 'open-settings-dialog' });
    },
    openLogsFolder: () => void shell.openPath(log.dir),
  });

  const stopWatching = watchPowerAndNetwork({
    onWake: () => services.status.notifyWake(),
    onNetworkChange: (online) => services.status.notifyNetworkChange(online),
    log,
  });

  app.on('second-instance', () => window.show());
  app.on('activate', () => window.show());
  app.on('before-quit', () => {
    quitting = true;
  });
  // Logging off or shutting down must close the window for real, or the app would block it.
  window.window.on('query-session-end', () => {
    quitting = true;
  });
  powerMonitor.on('shutdown', () => {
    quitting = true;
    app.quit();
  });
  app.on('window-all-closed', () => app.quit());

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    // Let the core finish writing (cache, sync state) before the process goes; never hang on it.
    event.preventDefault();
    disposed = true;
    stopWatching();
    stopEvents();
    stopIpc();
    tray.dispose();
    void withTimeout(services.dispose(), 5_000)
      .catch((error: unknown) => log.error('app: shutdown did not finish cleanly', { error }))
      .finally(() => {
        log.info('app: stopped');
        app.quit();
      });
  });

  await services.start();
  await window.load();
  log.info('app: ready', { mode: config.mode });
}

function tellOnceAboutTray(store: KeyValueStore, notify: (title: string, body: string) => void): void {
  if (store.get(closedToTrayNoticeKey) === true) return;
  store.set(closedToTrayNoticeKey, true);
  const where = process.platform === 'darwin' ? 'the menu bar' : 'the notification area (system tray)';
  notify('Contact Desk is still running', `It keeps checking your HubSpot connection. Open it again from its icon in ${where}, or choose Quit there to close it completely.`);
}

function failToStart(log: FileLogger, message: string, error?: unknown): void {
  log.error('app: could not start', { message, error });
  showStartupError(`${message}\n\nDetails are in the log: ${log.file}`);
  app.exit(1);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
