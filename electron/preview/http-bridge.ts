/**
 * The preview shell's HTTP face: serves the built renderer and bridges the IPC contract over
 * loopback. Every call must carry the per-launch secret (only our own page has it, inside the HTML
 * it was served) and name our exact host, so no other local page or rebound DNS name can call it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { extname, join, resolve, sep, basename } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Dispatch } from '../core/ipc-router.ts';
import type { EventName } from '../ipc/contract.ts';

const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const maxBodyBytes = 1_000_000;
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export interface HttpBridge {
  url: string;
  /** Pushes an event to every open page. */
  publish(event: EventName, payload: unknown): void;
  /** Offers a finished file to the page as a one-time download; returns its URL. */
  offerDownload(path: string, fileName: string): string;
  close(): Promise<void>;
}

export async function startHttpBridge(options: { rendererDir: string; dispatch: Dispatch; host?: string; port?: number }): Promise<HttpBridge> {
  const host = options.host ?? '127.0.0.1';
  const rendererDir = resolve(options.rendererDir);
  const secret = randomBytes(32).toString('base64url');
  const eventStreams = new Set<ServerResponse>();
  const downloads = new Map<string, { path: string; fileName: string }>();
  let origin = '';

  const secretMatches = (candidate: string | null | undefined) => {
    const given = Buffer.from(candidate ?? '');
    const expected = Buffer.from(secret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const send = (response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    response.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    response.end(body);
  };

  /**
   * The body, or null when it is over the limit. Only our own page gets this far (the secret is
   * checked first), so an oversized body is drained rather than cut off: the page gets an answer.
   */
  const readBody = (request: IncomingMessage) =>
    new Promise<string | null>((resolveBody) => {
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBodyBytes) chunks.push(chunk);
      });
      request.on('end', () => resolveBody(size > maxBodyBytes ? null : Buffer.concat(chunks).toString('utf8')));
      request.on('error', () => resolveBody(null));
    });

  async function handleIpc(request: IncomingMessage, response: ServerResponse, channel: string) {
    if (request.method !== 'POST') return send(response, 405, 'Method not allowed');
    if (!secretMatches(request.headers['x-contact-desk-secret'] as string | undefined)) return send(response, 403, 'Forbidden');
    if (request.headers.origin !== undefined && request.headers.origin !== origin) return send(response, 403, 'Forbidden');
    const body = await readBody(request);
    let input: unknown;
    try {
      input = body === null ? Symbol('too large') : (JSON.parse(body) as { input?: unknown }).input;
    } catch {
      input = Symbol('not json');
    }
    const result =
      typeof input === 'symbol'
        ? { ok: false, error: { kind: 'bad-input', message: 'Contact Desk received a request it could not read.' } }
        : await options.dispatch(channel, input);
    send(response, 200, JSON.stringify(result), 'application/json');
  }

  async function serveStatic(response: ServerResponse, pathname: string) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return send(response, 404, 'Not found');
    }
    const path = resolve(rendererDir, `.${decoded}`);
    if (path !== rendererDir && !path.startsWith(rendererDir + sep)) return send(response, 404, 'Not found');
    try {
      if (!(await stat(path)).isFile()) return send(response, 404, 'Not found');
    } catch {
      return send(response, 404, 'Not found');
    }
    const headers = { 'content-type': mimeTypes[extname(path)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' };
    if (extname(path) === '.html') {
      const html = (await readFile(path, 'utf8')).replace('<head>', `<head>\n    <meta name="contact-desk-secret" content="${secret}" />`);
      response.writeHead(200, { ...headers, 'content-security-policy': contentSecurityPolicy, 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
      return response.end(html);
    }
    response.writeHead(200, headers);
    createReadStream(path).pipe(response);
  }

  const server: Server = createServer(async (request, response) => {
    try {
      if (request.headers.host !== new URL(origin).host) return send(response, 421, 'Misdirected request');
      const url = new URL(request.url ?? '/', origin);
      if (url.pathname.startsWith('/ipc/')) return await handleIpc(request, response, url.pathname.slice('/ipc/'.length));
      if (url.pathname === '/events') {
        if (!secretMatches(url.searchParams.get('secret'))) return send(response, 403, 'Forbidden');
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        response.write(': connected\n\n');
        eventStreams.add(response);
        request.on('close', () => eventStreams.delete(response));
        return;
      }
      if (url.pathname.startsWith('/downloads/')) {
        const download = downloads.get(url.pathname.slice('/downloads/'.length));
        if (!download) return send(response, 404, 'Not found');
        downloads.delete(url.pathname.slice('/downloads/'.length));
        response.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
          'cache-control': 'no-store',
        });
        return createReadStream(download.path).pipe(response);
      }
      if (request.method !== 'GET') return send(response, 405, 'Method not allowed');
      return await serveStatic(response, url.pathname);
    } catch {
      if (!response.headersSent) send(response, 500, 'Something went wrong in the preview server.');
      else response.destroy();
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('preview server has no port');
  origin = `http://${host}:${address.port}`;

  return {
    url: `${origin}/`,
    publish(event, payload) {
      const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
      for (const stream of eventStreams) stream.write(frame);
    },
    offerDownload(path, fileName) {
      const id = randomBytes(16).toString('base64url');
      downloads.set(id, { path, fileName: basename(fileName) });
      return `/downloads/${id}`;
    },
    async close() {
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

export const previewDownloadsDir = (dataDir: string) => join(dataDir, 'preview-downloads');
