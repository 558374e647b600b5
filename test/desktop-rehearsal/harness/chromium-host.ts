/**
 * The Chromium side of the rehearsal: each BrowserWindow the app creates is a Playwright page.
 * Chromium cannot host a custom scheme, so the page lives at https://contact-desk.app.invalid/ and
 * every URL is translated at the boundary: the app's protocol handler answers each request as
 * app://contact-desk/…, and the frames the app sees (senderFrame, will-navigate) carry app:// URLs.
 * Every request the page makes is first put to the session's webRequest hook, as Chromium does in
 * Electron; navigations the page starts are put to will-navigate, new windows to the open handler.
 */
import type { BrowserContext, Frame, Page, Request, Route } from '@playwright/test';
import type { AppMethods, Link, PageEventName, StandInRecord } from '../link.ts';
import { deliverFunction, ipcBinding, preloadInitScript } from './page-preload.ts';

const pageDomain = 'app.invalid';

/** app://contact-desk/x → https://contact-desk.app.invalid/x (the page's address in Chromium). */
export function toPageUrl(appUrl: string): string {
  const url = new URL(appUrl);
  if (url.protocol !== 'app:') throw new Error(`rehearsal: the window may only load app:// pages, not ${appUrl}`);
  return `https://${url.host}.${pageDomain}${url.pathname}${url.search}${url.hash}`;
}

/** The reverse; any other URL is left as it is. */
export function toAppUrl(pageUrl: string): string {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return pageUrl;
  }
  if (url.protocol !== 'https:' || !url.hostname.endsWith(`.${pageDomain}`)) return pageUrl;
  return `app://${url.hostname.slice(0, -pageDomain.length - 1)}${url.pathname}${url.search}${url.hash}`;
}

const isAppPage = (url: string) => toAppUrl(url) !== url;

interface HostedWindow {
  windowId: number;
  webContentsId: number;
  page: Page;
  /** The page URL loadURL asked for, until Chromium starts that navigation (it is not "will-navigate"). */
  expectedLoad: string | null;
  crashed: boolean;
}

export interface ChromiumHost {
  create(windowId: number, webContentsId: number): void;
  run(windowId: number, operation: (window: HostedWindow) => Promise<void>): void;
  reload(windowId: number): void;
  load(windowId: number, appUrl: string): void;
  send(windowId: number, channel: string, args: unknown[]): void;
  page(windowId: number): Promise<Page>;
  close(): Promise<void>;
}

export async function createChromiumHost(options: {
  context: BrowserContext;
  preloadSource: string;
  link: () => Link<AppMethods>;
  note(api: string, detail: Record<string, unknown>): void;
  onPage(windowId: number, page: Page): void;
  /** False once the app process has ended. */
  isRunning(): boolean;
}): Promise<ChromiumHost> {
  const { context, note } = options;
  const windows = new Map<number, HostedWindow>();
  const pageWaiters = new Map<number, ((page: Page) => void)[]>();
  /** Page operations run in the order the app asked for them, each window on its own queue. */
  const queues = new Map<number, Promise<HostedWindow>>();
  const windowOf = (page: Page) => [...windows.values()].find((window) => window.page === page) ?? null;
  const event = (windowId: number, name: PageEventName, details?: Record<string, unknown>) => options.link().post('page.event', { windowId, name, ...(details ? { details } : {}) });

  await context.addInitScript({ content: preloadInitScript(options.preloadSource) });
  await context.exposeBinding(ipcBinding, async (source: { page: Page; frame: Frame }, message: Record<string, unknown>) => {
    const window = windowOf(source.page);
    if (!window) throw new Error('rehearsal: a page that is not an app window called the IPC binding');
    if (message.op === 'painted') {
      // Only the app's own page counts: a new page first shows about:blank.
      if (source.frame === source.page.mainFrame() && isAppPage(source.frame.url())) event(window.windowId, 'ready-to-show');
      return null;
    }
    if (message.op === 'unimplemented') {
      note('unimplemented', { name: message.name });
      return null;
    }
    const frame = { url: toAppUrl(source.frame.url()), isTop: source.frame.parentFrame() === null };
    const result = await options.link().call('ipc.invoke', { windowId: window.windowId, frame, channel: String(message.channel), args: message.args as unknown[] });
    if (!result.ok) throw new Error(result.message);
    return result.value;
  });
  // While the app quits, its page may still be loading: what it asks then is cancelled, as in Electron.
  await context.route('**/*', (route, request) =>
    answer(route, request).catch(async (error: unknown) => {
      if (!options.isRunning()) return route.abort('aborted').catch(() => {});
      note('page#operation-failed', { url: request.url(), error: String(error) });
      await route.abort('failed').catch(() => {});
    }),
  );

  async function answer(route: Route, request: Request): Promise<void> {
    const frame = frameOf(request);
    if (!frame) {
      // A new window's first navigation, before its page exists: the window open handler decides.
      await route.abort('aborted');
      return decidePopup(request.url());
    }
    const page = frame.page();
    const window = windowOf(page);
    if (!window) return route.continue();
    const url = request.url();
    const appUrl = toAppUrl(url);
    const link = options.link();
    // A navigation the page starts meets will-navigate first (it can be stopped before any request
    // exists), then the request meets the session's webRequest hook, as in Electron.
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      if (window.expectedLoad === url) window.expectedLoad = null;
      else {
        const { prevented } = await link.call('webContents.willNavigate', { windowId: window.windowId, url: appUrl });
        if (prevented) return route.abort('aborted');
        event(window.windowId, 'did-start-loading');
      }
    }
    const { cancel } = await link.call('webRequest.beforeRequest', { url: appUrl, resourceType: resourceTypeOf(request), webContentsId: window.webContentsId });
    if (cancel) {
      note('page#request-blocked', { url: appUrl });
      return route.abort('blockedbyclient');
    }
    if (!isAppPage(url)) return route.continue();
    const response = await link.call('protocol.request', { url: appUrl, method: request.method(), headers: await request.allHeaders() });
    note('protocol#answered', { url: appUrl, status: response?.status ?? null, csp: response?.headers['content-security-policy'] ?? null });
    if (response === null) return route.abort('failed');
    return route.fulfill({ status: response.status, headers: response.headers, body: Buffer.from(response.body) });
  }

  /**
   * docs (web-contents): setWindowOpenHandler — "Called before creating a window a new window is
   * requested by the renderer". The app's page sends COOP same-origin, so Chromium cuts the new
   * window off from its opener: it is the one page of this context that is not an app window.
   */
  async function decidePopup(url: string): Promise<void> {
    const [window] = windows.values();
    if (!window || windows.size !== 1) return note('page#popup-unattributed', { url });
    const isPopup = (page: Page) => !windowOf(page) && !page.isClosed();
    const popup = context.pages().find(isPopup) ?? (await context.waitForEvent('page', { predicate: isPopup, timeout: 5_000 }).catch(() => null));
    const { action } = await options.link().call('webContents.windowOpen', { windowId: window.windowId, url: toAppUrl(url) });
    if (action === 'deny') return void (await popup?.close());
    note('page#popup-allowed', { url });
    await popup?.goto(url);
  }

  /** A window's page and its events; a crashed page is replaced by a new one (a new renderer process). */
  async function openPage(window: Omit<HostedWindow, 'page'> & { page?: Page }): Promise<HostedWindow> {
    const page = await context.newPage();
    const hosted = Object.assign(window, { page, crashed: false }) as HostedWindow;
    const { windowId } = hosted;
    windows.set(windowId, hosted);
    page.on('domcontentloaded', () => event(windowId, 'dom-ready'));
    page.on('load', () => event(windowId, 'did-finish-load'));
    page.on('crash', () => {
      hosted.crashed = true;
      event(windowId, 'render-process-gone', { reason: 'crashed', exitCode: 1 });
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') note('page#console', { type: message.type(), text: message.text() });
    });
    page.on('pageerror', (error) => note('page#error', { message: error.message }));
    options.onPage(windowId, page);
    for (const waiter of pageWaiters.get(windowId) ?? []) waiter(page);
    pageWaiters.delete(windowId);
    return hosted;
  }

  const host: ChromiumHost = {
    create(windowId, webContentsId) {
      queues.set(windowId, openPage({ windowId, webContentsId, expectedLoad: null, crashed: false }));
    },
    reload(windowId) {
      const queue = queues.get(windowId);
      if (!queue) throw new Error(`rehearsal: no window ${windowId}`);
      queues.set(
        windowId,
        queue.then(async (window) => {
          if (!window.crashed) {
            await window.page.reload({ waitUntil: 'commit' }).catch((error: unknown) => note('page#operation-failed', { windowId, error: String(error) }));
            return window;
          }
          const url = window.page.url();
          const replaced = await openPage(window);
          replaced.expectedLoad = url;
          void replaced.page.goto(url, { waitUntil: 'commit' }).catch((error: unknown) => note('page#operation-failed', { windowId, error: String(error) }));
          return replaced;
        }),
      );
    },
    run(windowId, operation) {
      const queue = queues.get(windowId);
      if (!queue) throw new Error(`rehearsal: no window ${windowId}`);
      queues.set(
        windowId,
        queue.then(async (window) => {
          await operation(window).catch((error: unknown) => note('page#operation-failed', { windowId, error: String(error) }));
          return window;
        }),
      );
    },
    load(windowId, appUrl) {
      host.run(windowId, async (window) => {
        const pageUrl = toPageUrl(appUrl);
        window.expectedLoad = pageUrl;
        void window.page.goto(pageUrl, { waitUntil: 'commit' }).catch((error: unknown) => {
          if (window.page.isClosed()) return;
          event(windowId, 'did-fail-load', { errorCode: -2, errorDescription: String(error).split('\n')[0], url: appUrl });
        });
      });
    },
    send(windowId, channel, args) {
      host.run(windowId, async ({ page }) => {
        if (page.isClosed()) return;
        // Electron drops a message sent before the page can receive it; the rehearsal notes it.
        const delivered = await page.evaluate(([name, channelName, values]) => {
          const deliver = (globalThis as unknown as Record<string, unknown>)[name] as ((channel: string, args: unknown[]) => void) | undefined;
          if (!deliver) return false;
          deliver(channelName, values);
          return true;
        }, [deliverFunction, channel, args] as const).catch(() => false);
        if (!delivered) note('webContents.send#dropped', { windowId, channel, args });
      });
    },
    page(windowId) {
      const existing = windows.get(windowId);
      if (existing) return Promise.resolve(existing.page);
      return new Promise((resolve) => pageWaiters.set(windowId, [...(pageWaiters.get(windowId) ?? []), resolve]));
    },
    async close() {
      await context.close().catch(() => {});
    },
  };
  return host;
}

/** The frame that made a request; null for a new window's first navigation (its frame does not exist yet). */
function frameOf(request: Request): Frame | null {
  try {
    return request.frame();
  } catch {
    return null;
  }
}

/** Electron's webRequest resourceType names for Playwright's. */
function resourceTypeOf(request: Request): string {
  const type = request.resourceType();
  if (request.isNavigationRequest()) return frameOf(request)?.parentFrame() ? 'subFrame' : 'mainFrame';
  const names: Record<string, string> = { stylesheet: 'stylesheet', script: 'script', image: 'image', font: 'font', fetch: 'xhr', xhr: 'xhr', websocket: 'webSocket', media: 'media' };
  return names[type] ?? 'other';
}

export type { StandInRecord };
