/**
 * The desktop's security decisions as pure functions, so they are tested under plain Node. The
 * Electron glue (ipc.ts, web-security.ts, ports.ts) asks these and only carries out the answer.
 * Nothing here may import 'electron'.
 */

/** The renderer is served from this privileged custom scheme, never from file:// (see app-files.ts). */
export const appScheme = 'app';
export const appHost = 'contact-desk';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * The scheme's privileges (protocol.registerSchemesAsPrivileged). standard: a real origin
 * (app://contact-desk), so 'self' in the CSP means something and the page's module scripts (Vite's
 * output) are same-origin requests, which need no CORS; secure: treated like https. Never
 * corsEnabled: it lets pages of other origins read app:// files.
 */
export const appSchemePrivileges = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

/**
 * Sent as a header with every page the app serves. `connect-src 'none'`: the renderer talks to the
 * main process over IPC only, never over the network.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a URL belongs to the app itself. Compared part by part: the URL standard gives
 * non-special schemes the opaque origin "null", so `.origin` cannot be used here.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${appScheme}:` && parsed.host === appHost && parsed.username === '' && parsed.password === '';
}

export interface IpcSender {
  /** The URL of the frame that sent the message (event.senderFrame.url); null when the frame is gone. */
  frameUrl: string | null;
  /** Whether that frame is its page's top frame (not an iframe). */
  isTopFrame: boolean;
  /** Whether the message came from the app's main window's webContents. */
  isMainWindow: boolean;
}

/** Only the top frame of our own window, showing our own page, may call the app (GitHub Desktop style). */
export function isTrustedSender(sender: IpcSender): boolean {
  return sender.isMainWindow && sender.isTopFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl);
}

/** Navigation inside the window: only to the app's own pages (a reload). Everything else is refused. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

const isLoopbackHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/**
 * Whether a URL may be handed to the system browser: only pages on one of the given origins (the
 * configured HubSpot consent page), over https — or http on this computer, for the local sandbox.
 * `shell.openExternal` would otherwise launch whatever handles a scheme (file:, smb:, custom app
 * protocols), which is how a crafted link turns into running a program.
 */
export function isAllowedExternalUrl(url: string, allowedOrigins: readonly string[]): boolean {
  const parsed = parse(url);
  if (parsed === null || parsed.username !== '' || parsed.password !== '') return false;
  const secure = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
  return secure && allowedOrigins.some((origin) => parse(origin)?.origin === parsed.origin);
}

/**
 * Requests the window's session may make: the app's own files, inline images and developer tools.
 * Everything else (http, https, ws, file, ftp...) is cancelled before it leaves the computer — the
 * CSP says the same, this is the second lock on the door.
 */
export function isAllowedSessionRequest(url: string): boolean {
  const parsed = parse(url);
  if (parsed === null) return false;
  return isAppUrl(url) || parsed.protocol === 'data:' || parsed.protocol === 'devtools:';
}
