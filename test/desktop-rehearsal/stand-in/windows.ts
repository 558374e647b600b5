/**
 * Electron's BrowserWindow (docs: api/browser-window.md), webContents (api/web-contents.md) and
 * WebFrameMain (api/web-frame-main.md). The page itself runs in Chromium on the host's side: this
 * end keeps the window's state, forwards what the app asks of the page, and raises the events the
 * page's life produces, in the order Electron documents.
 */
import { EventEmitter } from 'node:events';
import type { FrameInfo, PageEventName } from '../link.ts';
import { appImpl, type WindowLike } from './app.ts';
import { newEvent } from './events.ts';
import { answer, host, record } from './host-link.ts';
import { defaultSession } from './session.ts';
import { strict } from './strict.ts';

let nextWindowId = 1;
let nextWebContentsId = 1;
const windows = new Map<number, StandInBrowserWindow>();

/** What the host reports of a frame, as Electron's WebFrameMain: url, parent (null for the top frame), top. */
export function webFrameMain(contents: StandInWebContents, frame: FrameInfo): object {
  const top = strict('WebFrameMain', { url: contents.getURL(), parent: null, top: null as unknown, origin: originOf(contents.getURL()), name: '', frameTreeNodeId: 1, processId: 1, routingId: 1 });
  (top as { top: unknown }).top = top;
  if (frame.isTop) return strict('WebFrameMain', { url: frame.url, parent: null, top, origin: originOf(frame.url), name: '', frameTreeNodeId: 1, processId: 1, routingId: 1 });
  return strict('WebFrameMain', { url: frame.url, parent: top, top, origin: originOf(frame.url), name: '', frameTreeNodeId: 2, processId: 1, routingId: 2 });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

export class StandInWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session = defaultSession;
  readonly window: StandInBrowserWindow;
  #url = '';
  #loading = false;
  #destroyed = false;
  #pendingLoad: { resolve(): void; reject(error: Error): void } | null = null;
  #windowOpenHandler: ((details: Record<string, unknown>) => { action: 'allow' | 'deny' }) | null = null;

  constructor(window: StandInBrowserWindow) {
    super();
    this.window = window;
  }

  /**
   * docs: contents.loadURL(url[, options]) — "the promise will resolve when the page has finished
   * loading (see did-finish-load), and rejects if the page fails to load (see did-fail-load)."
   */
  loadURL(url: string): Promise<void> {
    record('webContents.loadURL', { windowId: this.window.id, url });
    this.#url = url;
    this.#pendingLoad?.reject(new Error('ERR_ABORTED (-3) loading a new page'));
    const loaded = new Promise<void>((resolve, reject) => (this.#pendingLoad = { resolve, reject }));
    this.#startLoading();
    host.post('page.load', { windowId: this.window.id, url });
    return loaded;
  }

  /** docs: contents.reload() */
  reload(): void {
    record('webContents.reload', { windowId: this.window.id });
    this.#startLoading();
    host.post('page.reload', { windowId: this.window.id });
  }

  #startLoading(): void {
    this.#loading = true;
    this.emit('did-start-loading', newEvent());
  }

  /** docs: contents.isLoading() — "Whether web page is still loading resources." */
  isLoading(): boolean {
    return this.#loading;
  }

  getURL(): string {
    return this.#url;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  /**
   * docs: contents.send(channel, ...args) — "Arguments will be serialized with the Structured
   * Clone Algorithm … Sending Functions, Promises, Symbols, WeakMaps, or WeakSets will throw an
   * exception."
   */
  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(args);
    host.post('page.send', { windowId: this.window.id, channel, args: cloned });
  }

  /** docs: contents.setWindowOpenHandler(handler) — "Called before creating a window a new window is requested by the renderer". */
  setWindowOpenHandler(handler: (details: Record<string, unknown>) => { action: 'allow' | 'deny' }): void {
    record('webContents.setWindowOpenHandler', { windowId: this.window.id });
    this.#windowOpenHandler = handler;
  }

  windowOpen(url: string): { action: 'allow' | 'deny' } {
    const decision = this.#windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: this.#url, policy: 'strict-origin-when-cross-origin' } }) ?? { action: 'allow' };
    record('webContents#window-open', { url, action: decision.action });
    return { action: decision.action };
  }

  /** docs: Event 'will-navigate' — for navigations the page starts (not loadURL); preventDefault() stops it. */
  willNavigate(url: string): boolean {
    const details = newEvent({ url, isMainFrame: true, isSameDocument: false, frame: null, initiator: null });
    this.emit('will-navigate', details, url, false, true, 1, 1);
    const frameDetails = newEvent({ url, isMainFrame: true, isSameDocument: false, frame: null, initiator: null });
    this.emit('will-frame-navigate', frameDetails);
    const prevented = details.defaultPrevented || frameDetails.defaultPrevented;
    record('webContents#will-navigate', { url, prevented });
    return prevented;
  }

  pageEvent(name: PageEventName, details: Record<string, unknown>): void {
    switch (name) {
      case 'did-start-loading':
        return this.#startLoading();
      case 'dom-ready':
        return void this.emit('dom-ready', newEvent());
      case 'did-finish-load': {
        this.#loading = false;
        record('webContents#did-finish-load', { windowId: this.window.id });
        this.emit('did-finish-load', newEvent());
        const pending = this.#pendingLoad;
        this.#pendingLoad = null;
        return pending?.resolve();
      }
      case 'did-fail-load': {
        this.#loading = false;
        const code = Number(details.errorCode ?? -2);
        const description = String(details.errorDescription ?? 'ERR_FAILED');
        this.emit('did-fail-load', newEvent(), code, description, String(details.url ?? this.#url), true, 1, 1);
        const pending = this.#pendingLoad;
        this.#pendingLoad = null;
        return pending?.reject(new Error(`${description} (${code}) loading '${this.#url}'`));
      }
      case 'ready-to-show':
        return this.window.readyToShow();
      case 'render-process-gone':
        record('webContents#render-process-gone', details);
        return void this.emit('render-process-gone', newEvent(), { reason: String(details.reason ?? 'crashed'), exitCode: Number(details.exitCode ?? 1) });
    }
  }

  destroyed(): void {
    this.#destroyed = true;
    this.#pendingLoad?.reject(new Error('ERR_ABORTED (-3): the window was closed'));
    this.#pendingLoad = null;
    this.emit('destroyed', newEvent());
  }
}

export class StandInBrowserWindow extends EventEmitter implements WindowLike {
  readonly id = nextWindowId++;
  readonly webContents: StandInWebContents;
  readonly options: Record<string, unknown>;
  #visible: boolean;
  #minimized = false;
  #destroyed = false;
  #painted = false;

  /**
   * docs: new BrowserWindow([options]) — "show boolean (optional) - Whether window should be shown
   * when created. Default is true." The options are recorded so the rehearsal can check the web
   * preferences the app asked for.
   */
  constructor(options: Record<string, unknown> = {}) {
    super();
    if (!appImpl.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    this.options = structuredClone(options);
    this.webContents = strict('webContents', new StandInWebContents(this));
    this.#visible = options.show !== false;
    windows.set(this.id, this);
    appImpl.windows.add(this);
    record('BrowserWindow.new', { windowId: this.id, options: this.options });
    host.post('page.create', { windowId: this.id, webContentsId: this.webContents.id });
    // docs: app Event 'web-contents-created'
    appImpl.emit('web-contents-created', newEvent(), this.webContents);
    if (this.#visible) record('BrowserWindow.show', { windowId: this.id, painted: false, atCreation: true });
    // A strict proxy, and the object the app's listeners see as `this`.
    return strict('BrowserWindow', this);
  }

  static getAllWindows(): StandInBrowserWindow[] {
    return [...windows.values()].filter((window) => !window.isDestroyed()).map((window) => strict('BrowserWindow', window));
  }

  static fromWebContents(contents: StandInWebContents): StandInBrowserWindow | null {
    return [...windows.values()].find((window) => window.webContents.id === contents.id) ?? null;
  }

  static byId(id: number): StandInBrowserWindow {
    const window = windows.get(id);
    if (!window || window.isDestroyed()) throw new Error(`rehearsal: no open window ${id}`);
    return window;
  }

  /** "Emitted when the web page has been rendered (while not being shown)": a page shown already does not raise it again. */
  readyToShow(): void {
    if (this.#visible && this.#painted) return;
    this.#painted = true;
    record('BrowserWindow#ready-to-show', { windowId: this.id });
    // docs: Event 'ready-to-show' — "Emitted when the web page has been rendered (while not being
    // shown) and window can be displayed without a visual flash."
    this.emit('ready-to-show', newEvent());
  }

  /** docs: win.loadURL(url[, options]) — "Same as webContents.loadURL(url[, options])." */
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  /** docs: win.show() — "Shows and gives focus to the window." */
  show(): void {
    this.#visible = true;
    this.#minimized = false;
    record('BrowserWindow.show', { windowId: this.id, painted: this.#painted });
    this.emit('show', newEvent());
  }

  hide(): void {
    this.#visible = false;
    record('BrowserWindow.hide', { windowId: this.id });
    this.emit('hide', newEvent());
  }

  focus(): void {
    record('BrowserWindow.focus', { windowId: this.id });
    host.post('page.focus', { windowId: this.id });
    this.emit('focus', newEvent());
  }

  isVisible(): boolean {
    return this.#visible && !this.#destroyed;
  }

  minimize(): void {
    this.#minimized = true;
    this.emit('minimize', newEvent());
  }

  isMinimized(): boolean {
    return this.#minimized;
  }

  restore(): void {
    this.#minimized = false;
    record('BrowserWindow.restore', { windowId: this.id });
    this.emit('restore', newEvent());
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  /**
   * docs: win.close() — "Try to close the window. This has the same effect as a user manually
   * clicking the close button of the window. The web page may cancel the close though."
   * Event 'close': "Calling event.preventDefault() will cancel the close."
   */
  close(): void {
    this.#tryClose('user');
  }

  closeForQuit(): boolean {
    return this.#tryClose('quit');
  }

  #tryClose(why: 'user' | 'quit'): boolean {
    if (this.#destroyed) return true;
    const event = newEvent();
    this.emit('close', event);
    record('BrowserWindow#close', { windowId: this.id, why, prevented: event.defaultPrevented });
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  /** docs: win.destroy() — "Force closing the window, the unload and beforeunload event won't be emitted". */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#visible = false;
    this.webContents.destroyed();
    host.post('page.close', { windowId: this.id });
    record('BrowserWindow#closed', { windowId: this.id });
    this.emit('closed');
    appImpl.windowClosed(this);
  }
}

answer('page.event', ({ windowId, name, details }) => {
  const window = windows.get(windowId);
  if (!window || window.isDestroyed()) return;
  window.webContents.pageEvent(name, details ?? {});
});
answer('webContents.willNavigate', ({ windowId, url }) => ({ prevented: StandInBrowserWindow.byId(windowId).webContents.willNavigate(url) }));
answer('webContents.windowOpen', ({ windowId, url }) => StandInBrowserWindow.byId(windowId).webContents.windowOpen(url));
answer('user.closeWindow', ({ windowId }) => StandInBrowserWindow.byId(windowId).close());

/** The window events the OS raises (session end, focus…), as Electron emits them on the window. */
export function emitOnWindows(event: string, args: unknown[]): void {
  for (const window of windows.values()) {
    if (window.isDestroyed()) continue;
    record(`BrowserWindow#${event}`, { windowId: window.id });
    window.emit(event, newEvent({ reasons: ['logoff'] }), ...args);
  }
}

export const BrowserWindow = strict('BrowserWindow', StandInBrowserWindow);
