/**
 * The desktop app's main process: the start-up order, and the wiring of Electron's pieces to the
 * core's services. Each concern lives in its own module next to this one (windows, tray, protocol,
 * IPC, quitting); this file only says in which order they start.
 *
 * 1. Before ready: settings and data folder, the app:// scheme, the sandbox, the single-instance
 *    lock, and the handlers for a second launch — registered before anything is awaited.
 * 2. At ready, without awaiting anything: the core's services, the window (loading at once), IPC,
 *    tray and menu. Then the saved sign-in is restored while the page shows "Unlocking…": a locked
 *    OS keychain may ask the user first, and the window must not wait for it.
 */
import { app, session, shell } from 'electron';
import { createFileLogger, type FileLogger } from '../core/log/file-logger.ts';
import type { KeyValueStore } from '../core/ports.ts';
import { createServices, type ResolvedConfig } from '../core/services.ts';
import { createRouter } from '../core/ipc-router.ts';
import { startsInTray } from '../core/login-item/launch.ts';
import { appId } from './app-id.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { showAbout, showStartupError } from './dialogs.ts';
import { forwardEvents, registerIpcHandlers, sendEvent } from './ipc.ts';
import { installAppMenu } from './menu.ts';
import { bundledPaths } from './paths.ts';
import { createDesktopPorts } from './ports.ts';
import { watchPowerAndNetwork } from './power.ts';
import { createQuitting } from './quitting.ts';
import { createSafeStorageSecretBox } from './secret-box.ts';
import { readStartupConfig, type StartupConfig } from './startup-config.ts';
import { createKeyValueStore } from './store.ts';
import { nextExportLine } from '../core/schedules/next-export-line.ts';
import { createStatusTray } from './tray.ts';
import { trayCommandRunner } from './tray-commands.ts';
import { hardenAllWebContents, hardenSession } from './web-security.ts';
import { createWindowSlot } from './window-slot.ts';
import { createMainWindow, type MainWindow } from './windows.ts';

const closedToTrayNoticeKey = 'desktop.closedToTrayNoticeShown';

// Stack traces in the log point at the TypeScript sources, not the bundle.
process.setSourceMapsEnabled(true);

const startup = readStartupConfig();
registerAppScheme();
app.enableSandbox();
// Windows shows notifications only for an app with an id; the installer's shortcuts carry the same one.
if (process.platform === 'win32') app.setAppUserModelId(appId);

const mainWindow = createWindowSlot<MainWindow>();
if (!app.requestSingleInstanceLock()) {
  // Another Contact Desk is running: it shows its window (second-instance below) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => mainWindow.show());
  app.on('activate', () => mainWindow.show());
  void app.whenReady().then(() => start(startup));
}

function start(startup: StartupConfig): void {
  const log = createFileLogger({ dir: app.getPath('logs') });
  process.on('uncaughtException', (error) => log.error('main: uncaught exception', { error }));
  process.on('unhandledRejection', (reason) => log.error('main: unhandled rejection', { error: reason }));
  log.info('app: starting', { version: app.getVersion(), platform: process.platform, electron: process.versions.electron, packaged: app.isPackaged });

  if (!startup.ok) return failToStart(log, startup.message, startup.error);
  try {
    runApp(startup.config, log);
  } catch (error) {
    failToStart(log, 'Something went wrong while it was starting. Open it again; if this keeps happening, send the log file named below to your IT team.', error);
  }
}

function runApp(config: ResolvedConfig, log: FileLogger): void {
  const paths = bundledPaths();
  hardenAllWebContents(log);
  hardenSession(session.defaultSession, log);
  serveRenderer(session.defaultSession, paths.renderer, log);
  app.setAboutPanelOptions({ applicationName: 'Contact Desk', applicationVersion: app.getVersion() });

  const store = createKeyValueStore(config.dataDir, log);
  const secretBox = createSafeStorageSecretBox(log);
  const ports = createDesktopPorts({ dataDir: config.dataDir, secretBox, store, log, consentOrigin: config.hubspot.authBaseUrl, mainWindow: mainWindow.current });
  const services = createServices(config, ports, { version: app.getVersion(), shell: 'desktop' });

  const quitting = createQuitting();
  // Opened at sign-in: only the tray icon until the user opens the window from it.
  const inTray = startsInTray({ platform: process.platform, argv: process.argv, wasOpenedAtLogin: process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin });
  if (inTray) log.info('app: opened at sign-in, starting in the tray');
  const window = createMainWindow({
    preloadPath: paths.preload,
    iconPath: process.platform === 'linux' ? paths.windowIcon : undefined,
    log,
    isQuitting: quitting.isQuitting,
    keepRunningOnClose: () => process.platform === 'darwin' || services.settings().closeToTray,
    onHiddenOnClose: () => tellOnceAboutTray(store, ports.notify),
    showWhenReady: !inTray,
  });
  mainWindow.fill(window);

  const stopIpc = registerIpcHandlers({ dispatch: createRouter(services.handlers, log), mainWebContents: () => (window.window.isDestroyed() ? null : window.window.webContents), log });
  const stopEvents = forwardEvents((listener) => services.onEvent(listener), window.send);
  const tray = createStatusTray({
    iconDir: paths.trayIcons,
    status: services.status,
    onCommand: trayCommandRunner({ services, window, log }),
    onClick: () => window.show(),
    nextExport: { line: () => nextExportLine(services.schedules.nextRun(), Date.now()), onChange: (listener) => services.onEvent((event) => event === 'schedulesChanged' && listener()) },
  });
  installAppMenu({
    showAbout: () => void showAbout(window.window),
    openSettings: () => {
      window.show();
      sendEvent(window.send, 'menuCommand', { command: 'open-settings-dialog' });
    },
    openLogsFolder: () => void shell.openPath(log.dir),
    openSchedules: () => {
      window.show();
      sendEvent(window.send, 'menuCommand', { command: 'open-schedules-dialog' });
    },
  });
  const stopWatching = watchPowerAndNetwork({
    onWake: () => services.status.notifyWake(),
    onNetworkChange: (online) => services.status.notifyNetworkChange(online),
    log,
  });
  quitting.wire({
    window: window.window,
    stop: () => {
      stopWatching();
      stopEvents();
      stopIpc();
      tray.dispose();
    },
    dispose: () => services.dispose(),
    log,
  });

  window.load().catch((error: unknown) => log.error('window: the page did not load', { error }));
  services.start().then(
    () => log.info('app: ready', { mode: config.mode }),
    (error: unknown) => log.error('app: the services did not start', { error }),
  );
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
