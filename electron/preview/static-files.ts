/** The built renderer's files, for the preview server: nothing outside the folder, a strict CSP on the page. */
import type { ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { send } from './bridge-pages.ts';

const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export async function serveRendererFile(response: ServerResponse, rendererDir: string, pathname: string): Promise<void> {
  const root = resolve(rendererDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return send(response, 404, 'Not found.');
  }
  const path = resolve(root, `.${decoded}`);
  if (path !== root && !path.startsWith(root + sep)) return send(response, 404, 'Not found.');
  try {
    if (!(await stat(path)).isFile()) return send(response, 404, 'Not found.');
  } catch {
    return send(response, 404, 'Not found.');
  }
  const headers: Record<string, string> = { 'content-type': mimeTypes[extname(path)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' };
  if (extname(path) === '.html') {
    Object.assign(headers, { 'content-security-policy': contentSecurityPolicy, 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
  }
  response.writeHead(200, headers);
  createReadStream(path).pipe(response);
}
