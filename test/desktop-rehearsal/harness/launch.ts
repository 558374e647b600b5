/**
 * Launches the real dist/desktop/main.cjs in its own process, on the project's Node 24, with
 * require('electron') answered by the stand-in (stand-in/register.ts), and hosts its windows in
 * Chromium. What the stand-in records arrives here in order; the test reads it, answers the
 * questions only a person could (Save dialog, keychain prompt), and acts as the user or the OS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { createLink, type AppMethods, type HostMethods, type Link, type StandInRecord } from '../link.ts';
import type { KeychainMode } from '../stand-in/safe-storage.ts';
import { createChromiumHost, type ChromiumHost } from './chromium-host.ts';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** Where the bundles sit in an app folder laid out as electron-builder packs it (see world.ts). */
export const desktopDir = (appRoot: string) => join(appRoot, 'dist', 'desktop');
/** The project's own Node 24 (the `node` dev dependency), the runtime Electron 45 embeds. */
export const projectNode = join(projectRoot, 'node_modules', '.bin', 'node');
const register = pathToFileURL(fileURLToPath(new URL('../stand-in/register.ts', import.meta.url))).href;

export interface Answers {
  saveDialog(options: Record<string, unknown>): { canceled: boolean; filePath?: string };
  messageBox(options: Record<string, unknown>): { response: number; checkboxChecked: boolean };
  /** The folder picker (scheduled exports). */
  openDialog(options: Record<string, unknown>): { canceled: boolean; filePaths?: string[] };
}

export interface LaunchOptions {
  browser: Browser;
  /** The packed app: package.json, dist/desktop, dist/renderer (world.ts makes one from the build). */
  appRoot: string;
  /** This computer's home folder: Electron's appData is its .config. */
  home: string;
  /** The packaged app's resources folder (config.json from the build). */
  resources: string;
  env?: Record<string, string>;
  keychain?: KeychainMode;
  answers?: Partial<Answers>;
  /** Another main script instead of the app's (the rehearsal's own tests of the stand-in). */
  main?: string;
  /** Command-line arguments after the app's (as the OS passes them, e.g. when it opens the app at sign-in). */
  args?: string[];
}

/** The app process closed its end (it is exiting): not a failure of the rehearsal. */
const channelGone = (error: Error) => ['EPIPE', 'ERR_IPC_CHANNEL_CLOSED', 'ECONNRESET'].includes((error as NodeJS.ErrnoException).code ?? '');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Starts the app: its Chromium context first (so no page can open unprepared), then its process. */
export async function launchApp(options: LaunchOptions): Promise<RehearsedApp> {
  const app = new RehearsedApp(options);
  const context = await options.browser.newContext({ viewport: { width: 1120, height: 740 } });
  app.host = await createChromiumHost({
    context,
    preloadSource: readFileSync(join(desktopDir(options.appRoot), 'preload.cjs'), 'utf8'),
    link: () => app.link,
    note: (api, detail) => app.note(api, detail),
    onPage: () => app.changed(),
    isRunning: () => app.isRunning(),
  });
  app.start(options);
  return app;
}

export class RehearsedApp {
  readonly records: StandInRecord[] = [];
  readonly answers: Partial<Answers>;
  readonly home: string;
  /** The folder of the bundles this app runs from. */
  readonly desktopDir: string;
  exited!: Promise<Exit>;
  output = '';
  host!: ChromiumHost;
  link!: Link<AppMethods>;
  #child!: ChildProcess;
  #changes = new EventEmitter();
  #keychainAnswer: (() => void) | null = null;
  #keychainAsked: Promise<void>;
  #moduleLog: string;
  #hostSeq = 0;

  constructor(options: LaunchOptions) {
    this.answers = { ...options.answers };
    this.home = options.home;
    this.desktopDir = desktopDir(options.appRoot);
    this.#moduleLog = join(options.home, `.rehearsal-modules-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.log`);
    this.#changes.setMaxListeners(100);
    this.#keychainAsked = new Promise<void>((resolve) => this.#changes.once('keychain-asked', resolve));
  }

  start(options: LaunchOptions): void {
    this.#child = spawn(projectNode, ['--import', register, options.main ?? join(desktopDir(options.appRoot), 'main.cjs'), ...(options.args ?? [])], {
      cwd: options.home,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: options.home,
        TMPDIR: process.env.TMPDIR ?? '/tmp',
        REHEARSAL_APP_ROOT: options.appRoot,
        REHEARSAL_HOME: options.home,
        REHEARSAL_RESOURCES: options.resources,
        REHEARSAL_PACKAGED: '1',
        REHEARSAL_KEYCHAIN: options.keychain ?? 'ready',
        REHEARSAL_MODULE_LOG: this.#moduleLog,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const child = this.#child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    // 'exit' can come before the last messages are read: the run is over once the channel has closed too.
    const exit = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const disconnected = new Promise<void>((resolve) => child.once('disconnect', resolve));
    this.exited = Promise.all([exit, disconnected]).then(([result]) => {
      this.link.close('the app process has exited');
      this.note('process#exit', { ...result });
      return result;
    });

    const hostHandlers: { [K in keyof HostMethods]: (input: HostMethods[K]['input']) => HostMethods[K]['result'] | Promise<HostMethods[K]['result']> } = {
      record: (record) => this.#add(record),
      'page.create': ({ windowId, webContentsId }) => this.host.create(windowId, webContentsId),
      'page.load': ({ windowId, url }) => this.host.load(windowId, url),
      'page.send': ({ windowId, channel, args }) => this.host.send(windowId, channel, args),
      'page.reload': ({ windowId }) => this.host.reload(windowId),
      'page.close': ({ windowId }) => this.host.run(windowId, async ({ page }) => page.close()),
      'page.focus': ({ windowId }) => this.host.run(windowId, async ({ page }) => page.bringToFront()),
      'ask.saveDialog': ({ options: dialogOptions }) => this.#ask('saveDialog', dialogOptions),
      'ask.messageBox': ({ options: dialogOptions }) => this.#ask('messageBox', dialogOptions),
      'ask.openDialog': ({ options: dialogOptions }) => this.#ask('openDialog', dialogOptions),
      'ask.keychainReady': () =>
        new Promise<void>((resolve) => {
          this.#keychainAnswer = resolve;
          this.#changes.emit('keychain-asked');
        }),
    };
    this.link = createLink<HostMethods, AppMethods>(
      {
        // A message that cannot reach an app process on its way out is moot (Electron too drops what
        // a closing app would have received); anything else that fails is noted.
        send: (message) => void (child.connected && child.send(message as object, (error) => error && !channelGone(error) && this.note('link#error', { error: String(error) }))),
        onMessage: (listener) => child.on('message', listener),
      },
      hostHandlers,
      (error) => this.isRunning() && this.note('link#error', { error: String(error) }),
    );
  }

  isRunning(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null && this.#child.connected;
  }

  changed(): void {
    this.#changes.emit('change');
  }

  #ask<K extends keyof Answers>(question: K, options: Record<string, unknown>): ReturnType<Answers[K]> {
    const answer = this.answers[question];
    if (!answer) throw new Error(`rehearsal: the app asked ${question} and the test had no answer for it`);
    return answer(options) as ReturnType<Answers[K]>;
  }

  #add(record: StandInRecord): void {
    this.records.push(record);
    this.#changes.emit('change');
  }

  /** Something the host itself saw (the page, the process): recorded beside the stand-in's records. */
  note(api: string, detail: Record<string, unknown>): void {
    this.#add({ seq: 1_000_000 + ++this.#hostSeq, api, detail });
  }

  /** Every record of this API (in order), optionally filtered. */
  find(api: string, predicate: (detail: Record<string, unknown>) => boolean = () => true): Record<string, unknown>[] {
    return this.records.filter((record) => record.api === api && predicate(record.detail)).map((record) => record.detail);
  }

  /** Resolves with the first record of this API (already there or coming) that matches. */
  waitFor(api: string, predicate: (detail: Record<string, unknown>) => boolean = () => true, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.records.find((record) => record.api === api && predicate(record.detail));
        if (!found) return false;
        cleanup();
        resolve(found.detail);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`rehearsal: no ${api} record within ${timeoutMs} ms. Recorded so far:\n${this.summary()}\nApp output:\n${this.output}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#changes.off('change', check);
      };
      if (!check()) this.#changes.on('change', check);
    });
  }

  /** The page of the app's first window, once Chromium has opened it; fails if the app ends first. */
  mainPage(): Promise<Page> {
    const ended = this.exited.then((exit) => {
      throw new Error(`rehearsal: the app exited (${JSON.stringify(exit)}) before opening its window. Recorded:\n${this.summary()}\nApp output:\n${this.output}`);
    });
    return Promise.race([this.host.page(1), ended]);
  }

  call<K extends keyof AppMethods & string>(method: K, input: AppMethods[K]['input']): Promise<AppMethods[K]['result']> {
    return this.link.call(method, input);
  }

  /** The keychain (REHEARSAL_KEYCHAIN=late) has been asked; answer it with releaseKeychain(). */
  keychainAsked(): Promise<void> {
    return this.#keychainAsked;
  }

  releaseKeychain(): void {
    if (!this.#keychainAnswer) throw new Error('rehearsal: the keychain has not been asked yet');
    this.#keychainAnswer();
  }

  /** Every file the app process and its worker threads loaded: [thread id, path]. */
  loadedFiles(): { threadId: number; path: string }[] {
    if (!existsSync(this.#moduleLog)) return [];
    return readFileSync(this.#moduleLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [threadId = '', url = ''] = line.split('\t');
        return { threadId: Number(threadId), path: fileURLToPath(url) };
      });
  }

  summary(): string {
    return this.records.map((record) => `${record.api} ${JSON.stringify(record.detail).slice(0, 300)}`).join('\n');
  }

  /** The stand-in and preload calls the app made that the rehearsal does not implement. */
  unimplementedCalls(): string[] {
    return this.find('unimplemented').map((detail) => String(detail.name));
  }

  /** Ends the app process if it is still running (a test that failed half-way) and closes its pages. */
  async dispose(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
    await this.exited;
    await this.host.close();
  }
}
