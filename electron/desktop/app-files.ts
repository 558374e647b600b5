/**
 * Maps an `app://contact-desk/...` request to a file of the built renderer. Pure (no 'electron'),
 * so path-traversal handling is tested under Node.
 *
 * Why a custom scheme rather than file://: a file:// page shares its origin with every file on the
 * disk, so a single injected script could read any of them; app:// pages can reach only what this
 * function agrees to serve.
 */
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { appHost, appScheme, contentSecurityPolicy } from './security-policy.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppFile {
  path: string;
  contentType: string;
}

/**
 * The file a request asks for, or null when it asks for anything outside `root` (other hosts, `..`,
 * encoded separators, NUL bytes, drive letters) or for a type the renderer never ships.
 */
export function resolveAppFile(root: string, requestUrl: string): AppFile | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost || url.username !== '' || url.password !== '') return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  // Decoding can reveal separators and parent references the URL parser did not normalise away.
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').some((segment) => segment === '..' || segment.includes(':'))) return null;

  const base = resolve(root);
  const path = resolve(join(base, pathname));
  const inside = relative(base, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;

  const contentType = contentTypes[extname(path).toLowerCase()];
  return contentType === undefined ? null : { path, contentType };
}

/** The headers every served file carries; the CSP travels as a header so no page can drop it. */
export function responseHeaders(file: AppFile): Record<string, string> {
  return {
    'content-type': file.contentType,
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}
