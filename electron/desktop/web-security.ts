/**
 * Locks down every web page the app creates: no permissions, no network, no navigation, no new
 * windows, no webviews, no downloads. Installed once, before the first window exists, so it also
 * covers any webContents created later (devtools, a window something slipped through).
 */
import { app, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/ports.ts';
import { isAllowedNavigation, isAllowedSessionRequest } from './security-policy.ts';

export function hardenSession(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((webContents, permission, callback) => {
    log.warn('security: refused a permission request', { permission, origin: originOf(webContents.getURL()) });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));

  // Main-process HTTP goes through Node (the core's fetch), not this session, so refusing here
  // touches only what a page tries to load.
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isAllowedSessionRequest(details.url);
    if (!allowed) log.warn('security: blocked a request from a page', { origin: originOf(details.url), resourceType: details.resourceType });
    callback({ cancel: !allowed });
  });
  session.on('will-download', (event) => event.preventDefault());
}

export function hardenAllWebContents(log: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
}

function hardenWebContents(contents: WebContents, log: Logger): void {
  const refuseNavigation = (event: { preventDefault(): void; url: string }) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    log.warn('security: blocked navigation', { origin: originOf(event.url) });
  };
  contents.on('will-navigate', refuseNavigation);
  // Subframes: the page has none (CSP frame-src 'none'), but a frame must not navigate either.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuseNavigation(event);
  });
  contents.on('will-redirect', refuseNavigation);
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('security: blocked a new window', { origin: originOf(url) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('security: blocked a webview');
  });
}

/** Logs name where a request went, never its path or query (they may carry secrets). */
function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'unparseable';
  }
}
