/**
 * Electron's protocol (docs: api/protocol.md) and session (api/session.md, api/web-request.md):
 * privileged schemes, the handler that answers the page's app:// requests, and the permission,
 * request and download hooks the app installs. The host asks these for every request the page makes.
 */
import { EventEmitter } from 'node:events';
import { appImpl } from './app.ts';
import { newEvent } from './events.ts';
import { answer, record } from './host-link.ts';
import { strict } from './strict.ts';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type BeforeRequestListener = (details: Record<string, unknown>, callback: (response: { cancel?: boolean; redirectURL?: string }) => void) => void;
type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;

let privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[] | null = null;

/**
 * docs: protocol.registerSchemesAsPrivileged(customSchemes) — "This method can only be used before
 * the ready event of the app module gets emitted and can be called only once."
 */
function registerSchemesAsPrivileged(customSchemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
  if (appImpl.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
  if (privilegedSchemes !== null) throw new Error('protocol.registerSchemesAsPrivileged can be called only once');
  privilegedSchemes = customSchemes.map(({ scheme, privileges }) => ({ scheme, privileges: { ...privileges } }));
  record('protocol.registerSchemesAsPrivileged', { schemes: privilegedSchemes });
}

class StandInProtocol {
  readonly #handlers = new Map<string, ProtocolHandler>();

  /**
   * docs: protocol.handle(scheme, handler) — "Register a protocol handler for scheme. Requests made
   * to URLs with this scheme will delegate to this handler to determine what response should be
   * sent." The handler gets a Request and answers a Response.
   */
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.#handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.#handlers.set(scheme, handler);
    record('protocol.handle', { scheme, privileged: privilegedSchemes?.some((entry) => entry.scheme === scheme) ?? false });
  }

  unhandle(scheme: string): void {
    this.#handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.#handlers.has(scheme);
  }

  handlerFor(scheme: string): ProtocolHandler | undefined {
    return this.#handlers.get(scheme);
  }
}

class StandInWebRequest {
  #beforeRequest: { filter: { urls: string[] }; listener: BeforeRequestListener } | null = null;

  /** docs: webRequest.onBeforeRequest([filter, ]listener) — "The listener will be called with listener(details, callback) when a request is about to occur." */
  onBeforeRequest(filterOrListener: { urls: string[] } | BeforeRequestListener | null, maybeListener?: BeforeRequestListener | null): void {
    const listener = typeof filterOrListener === 'function' ? filterOrListener : maybeListener;
    const filter = typeof filterOrListener === 'function' || filterOrListener === null ? { urls: ['<all_urls>'] } : filterOrListener;
    this.#beforeRequest = listener ? { filter, listener } : null;
    record('session.webRequest.onBeforeRequest', { urls: filter.urls });
  }

  /** Asks the listener as Chromium would, before the request leaves the page; no listener lets it through. */
  beforeRequest(details: Record<string, unknown>): Promise<{ cancel: boolean }> {
    const registered = this.#beforeRequest;
    if (!registered) return Promise.resolve({ cancel: false });
    return new Promise((resolve) => registered.listener({ id: 1, method: 'GET', timestamp: Date.now(), ...details }, (response) => resolve({ cancel: response.cancel === true })));
  }
}

class StandInSession extends EventEmitter {
  readonly protocol = strict('session.protocol', new StandInProtocol());
  readonly webRequest = strict('session.webRequest', new StandInWebRequest());
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  displayMediaRequestHandler: ((...args: unknown[]) => void) | null = null;

  /** docs: ses.setPermissionRequestHandler(handler) — handler(webContents, permission, callback, details) */
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
    record('session.setPermissionRequestHandler', { set: handler !== null });
  }

  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = handler;
    record('session.setPermissionCheckHandler', { set: handler !== null });
  }

  setDevicePermissionHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.devicePermissionHandler = handler;
    record('session.setDevicePermissionHandler', { set: handler !== null });
  }

  setDisplayMediaRequestHandler(handler: ((...args: unknown[]) => void) | null): void {
    this.displayMediaRequestHandler = handler;
    record('session.setDisplayMediaRequestHandler', { set: handler !== null });
  }

  /** docs: Event 'will-download' — "Calling event.preventDefault() will cancel the download". */
  willDownload(url: string): boolean {
    const event = newEvent();
    this.emit('will-download', event, strict('DownloadItem', { getURL: () => url }), null);
    return event.defaultPrevented;
  }
}

export const defaultSession = strict('session', new StandInSession());
export const session = strict('session', {
  /** docs: session.defaultSession — "A Session object, the default session object of the app." */
  get defaultSession() {
    if (!appImpl.isReady()) throw new Error('session.defaultSession is only available after app is ready');
    return defaultSession;
  },
});
export const protocol = strict('protocol', {
  registerSchemesAsPrivileged,
  handle: (scheme: string, handler: ProtocolHandler) => defaultSession.protocol.handle(scheme, handler),
});

export function schemePrivileges() {
  return privilegedSchemes;
}

answer('protocol.request', async ({ url, method, headers }) => {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = defaultSession.protocol.handlerFor(scheme);
  if (!handler) return null;
  const response = await handler(new Request(url, { method, headers }));
  return { status: response.status, headers: Object.fromEntries(response.headers), body: new Uint8Array(await response.arrayBuffer()) };
});
answer('webRequest.beforeRequest', ({ url, resourceType, webContentsId }) => defaultSession.webRequest.beforeRequest({ url, resourceType, webContentsId }));
answer('os.permissionRequest', ({ permission }) => {
  const handler = defaultSession.permissionRequestHandler;
  if (!handler) return { granted: true };
  return new Promise<{ granted: boolean }>((resolve) =>
    handler(strict('webContents', { getURL: () => 'app://contact-desk/index.html', id: 0 }), permission, (granted) => resolve({ granted }), { requestingUrl: 'app://contact-desk/index.html', isMainFrame: true }),
  );
});
