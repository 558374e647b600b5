/**
 * Electron's `app` (docs: api/app.md), as much of it as Contact Desk uses, on Linux. Each member
 * follows its documented behaviour; the sentences quoted are Electron's.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { exitProcess, record } from './host-link.ts';
import { newEvent } from './events.ts';
import { strict } from './strict.ts';

export interface WindowLike {
  /** Closes as if the user clicked the close button; true when the window did close. */
  closeForQuit(): boolean;
  destroy(): void;
  isDestroyed(): boolean;
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`The rehearsal host did not set ${name}.`);
  return value;
};

const appRoot = env('REHEARSAL_APP_ROOT');
const home = env('REHEARSAL_HOME');
const packageJson = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { name: string; productName?: string; version: string };

class StandInApp extends EventEmitter {
  readonly windows = new Set<WindowLike>();
  #ready = false;
  #readyPromise: Promise<void>;
  #markReady!: () => void;
  #paths = new Map<string, string>();
  #sandboxEnabled = false;
  #lock: { file: string; watcher: FSWatcher } | null = null;
  #exiting = false;
  /** app.quit() is closing the windows: "in this case the window-all-closed event would not be emitted". */
  #closingForQuit = false;

  constructor() {
    super();
    this.#readyPromise = new Promise((resolve) => (this.#markReady = resolve));
    // "Emitted once, when Electron has finished initializing": after the main script has run.
    setImmediate(() => {
      this.emit('will-finish-launching');
      this.#ready = true;
      record('app#ready');
      this.emit('ready', newEvent(), {});
      this.#markReady();
    });
  }

  /** docs: app.isPackaged — "true if the app is packaged, false otherwise". The rehearsal runs as packaged. */
  get isPackaged(): boolean {
    return process.env.REHEARSAL_PACKAGED === '1';
  }

  isReady(): boolean {
    return this.#ready;
  }

  /** docs: app.whenReady() — "fulfilled when Electron is initialized". */
  whenReady(): Promise<void> {
    return this.#readyPromise;
  }

  /** docs: app.getName() — the productName or name field of the application's package.json. */
  getName(): string {
    return packageJson.productName ?? packageJson.name;
  }

  /** docs: app.getVersion() — "the version of the loaded application", from its package.json. */
  getVersion(): string {
    return packageJson.version;
  }

  getAppPath(): string {
    return appRoot;
  }

  /**
   * docs: app.getPath(name) — Linux locations; "userData: by default the appData directory appended
   * with your app's name"; "If app.getPath('logs') is called without called app.setAppLogsPath()
   * being called first, a default log directory will be created" (inside userData on Linux);
   * "On failure, an Error is thrown."
   */
  getPath(name: string): string {
    const set = this.#paths.get(name);
    if (set) return set;
    const appData = join(home, '.config');
    const userData = () => this.getPath('userData');
    const defaults: Record<string, () => string> = {
      home: () => home,
      appData: () => appData,
      userData: () => join(appData, this.getName()),
      sessionData: userData,
      temp: () => join(home, 'tmp'),
      exe: () => process.execPath,
      module: () => process.execPath,
      desktop: () => join(home, 'Desktop'),
      documents: () => join(home, 'Documents'),
      downloads: () => join(home, 'Downloads'),
      music: () => join(home, 'Music'),
      pictures: () => join(home, 'Pictures'),
      videos: () => join(home, 'Videos'),
      crashDumps: () => join(userData(), 'Crashpad'),
      logs: () => {
        const logs = join(userData(), 'logs');
        mkdirSync(logs, { recursive: true });
        this.#paths.set('logs', logs);
        return logs;
      },
    };
    const path = defaults[name];
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path();
  }

  /**
   * docs: app.setPath(name, path) — "If the path specifies a directory that does not exist, an
   * Error is thrown. In that case, the directory should be created with fs.mkdirSync or similar.
   * You can only override paths of a name defined in app.getPath."
   */
  setPath(name: string, path: string): void {
    record('app.setPath', { name, path });
    this.getPath(name);
    if (!existsSync(path) || !statSync(path).isDirectory()) throw new Error(`Failed to set path: ${path} does not exist`);
    this.#paths.set(name, path);
  }

  /** docs: app.enableSandbox() — "This method can only be called before app is ready." */
  enableSandbox(): void {
    if (this.#ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.#sandboxEnabled = true;
    record('app.enableSandbox');
  }

  get sandboxEnabled(): boolean {
    return this.#sandboxEnabled;
  }

  /**
   * docs: app.requestSingleInstanceLock([additionalData]) — true for the primary instance; false
   * when "another instance of your application is already running with the lock", to which this
   * one "has sent its parameters". Like Chromium's, the lock lives in the userData folder.
   */
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    const dir = this.getPath('userData');
    const file = join(dir, 'SingletonLock');
    const inbox = join(dir, 'SingletonInbox');
    mkdirSync(inbox, { recursive: true });
    const holder = existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
    if (holder && holder !== process.pid && isAlive(holder)) {
      writeFileSync(join(inbox, `${process.pid}.json`), JSON.stringify({ argv: process.argv, workingDirectory: process.cwd(), additionalData: additionalData ?? {} }));
      record('app.requestSingleInstanceLock', { granted: false });
      return false;
    }
    writeFileSync(file, String(process.pid));
    const watcher = watch(inbox, () => this.#readInbox(inbox));
    this.#lock = { file, watcher };
    process.on('exit', () => this.releaseSingleInstanceLock());
    record('app.requestSingleInstanceLock', { granted: true });
    return true;
  }

  hasSingleInstanceLock(): boolean {
    return this.#lock !== null;
  }

  releaseSingleInstanceLock(): void {
    if (!this.#lock) return;
    this.#lock.watcher.close();
    rmSync(this.#lock.file, { force: true });
    this.#lock = null;
  }

  #readInbox(inbox: string): void {
    for (const name of readdirSync(inbox)) {
      const file = join(inbox, name);
      let message: { argv: string[]; workingDirectory: string; additionalData: unknown };
      try {
        message = JSON.parse(readFileSync(file, 'utf8')) as typeof message;
        unlinkSync(file);
      } catch {
        continue; // still being written: the next change event reads it
      }
      record('app#second-instance', { listeners: this.listenerCount('second-instance') });
      // docs: Event 'second-instance' — (event, argv, workingDirectory, additionalData)
      this.emit('second-instance', newEvent(), message.argv, message.workingDirectory, message.additionalData);
    }
  }

  /**
   * docs: app.quit() — "Try to close all windows. The before-quit event will be emitted first. If
   * all windows are successfully closed, the will-quit event will be emitted and by default the
   * application will terminate." A window that refuses to close cancels the quit; so does
   * preventDefault() on before-quit or will-quit. "window-all-closed" is not emitted on this path.
   */
  quit(): void {
    record('app.quit');
    setImmediate(() => {
      if (this.#exiting) return;
      const beforeQuit = newEvent();
      this.emit('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return record('app#before-quit', { prevented: true });
      this.#closingForQuit = true;
      try {
        for (const window of [...this.windows]) {
          if (!window.closeForQuit()) return record('app.quit', { cancelledByWindow: true });
        }
      } finally {
        this.#closingForQuit = false;
      }
      const willQuit = newEvent();
      this.emit('will-quit', willQuit);
      record('app#will-quit', { prevented: willQuit.defaultPrevented });
      if (willQuit.defaultPrevented) return;
      this.emit('quit', newEvent(), 0);
      this.#exit(0);
    });
  }

  /**
   * docs: app.exit([exitCode]) — "Exits immediately with exitCode. All windows will be closed
   * immediately without asking the user, and the before-quit and will-quit events will not be
   * emitted."
   */
  exit(exitCode = 0): void {
    record('app.exit', { exitCode });
    this.#exit(exitCode);
  }

  #exit(code: number): void {
    if (this.#exiting) return;
    this.#exiting = true;
    for (const window of [...this.windows]) window.destroy();
    this.releaseSingleInstanceLock();
    exitProcess(code);
  }

  /** Called by a window once it is gone: the default of 'window-all-closed' is to quit. */
  windowClosed(window: WindowLike): void {
    this.windows.delete(window);
    if (this.windows.size > 0 || this.#exiting || this.#closingForQuit) return;
    // docs: Event 'window-all-closed' — "If you do not subscribe to this event and all windows are
    // closed, the default behavior is to quit the app".
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }

  /** docs: app.focus([options]) — on Linux, "focuses on the first visible window". */
  focus(options?: { steal?: boolean }): void {
    record('app.focus', { steal: options?.steal ?? false });
  }

  setAboutPanelOptions(options: Record<string, unknown>): void {
    record('app.setAboutPanelOptions', options);
  }

  /** docs: app.setAppUserModelId(id) _Windows_ */
  setAppUserModelId(id: string): void {
    if (process.platform !== 'win32') throw new Error('app.setAppUserModelId is only available on Windows');
    record('app.setAppUserModelId', { id });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const appImpl = new StandInApp();
export const app = strict('app', appImpl);
