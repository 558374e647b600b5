import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors.ts';
import type { Logger } from '../ports.ts';
import { callbackPageHeaders, pages, renderCallbackPage } from './callback-page.ts';
import type { CallbackPage } from './callback-page.ts';

/**
 * The loopback listener of one sign-in attempt (RFC 8252 §7.3): bound to 127.0.0.1 and ::1 on the
 * first free registered port, answering only GET on the callback path. Anything else gets a refusal
 * page and does not reach the attempt.
 */
export interface LoopbackListener {
  readonly port: number;
  /** Stops accepting connections; a response being written is allowed to finish. */
  close(): Promise<void>;
}

export interface LoopbackListenerOptions {
  ports: readonly number[];
  callbackPath: string;
  /** Called for each well-formed GET of the callback path; answers the browser with a page. */
  onCallback(query: URLSearchParams): Promise<CallbackPage>;
  log: Logger;
}

const maxHeaderBytes = 8 * 1024;
const maxUrlLength = 4 * 1024;
const requestTimeoutMs = 10_000;
const closeGraceMs = 2_000;

export async function openLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  for (const port of options.ports) {
    const servers = await bindBothFamilies(port, (request, response) => void answer(request, response, port, options));
    if (servers) return { port, close: () => closeAll(servers) };
  }
  throw new AppError(
    'ports-busy',
    `Contact Desk couldn't start signing in because other programs are using all the ports it signs in with (${options.ports.join(', ')}). ` +
      'Close any other copy of Contact Desk (or restart the computer), then try again.',
    { details: { ports: options.ports.join(', ') } },
  );
}

async function answer(request: IncomingMessage, response: ServerResponse, port: number, options: LoopbackListenerOptions): Promise<void> {
  let page: CallbackPage;
  try {
    page = await route(request, port, options);
  } catch (error) {
    options.log.error('The sign-in callback failed unexpectedly', { error: String(error) });
    page = pages.refused(500, 'Something went wrong inside Contact Desk. Go back to Contact Desk and try signing in again.');
  }
  const headers: Record<string, string> = { ...callbackPageHeaders };
  if (page.status === 405) headers.Allow = 'GET';
  response.writeHead(page.status, headers);
  response.end(request.method === 'HEAD' ? undefined : renderCallbackPage(page));
}

function route(request: IncomingMessage, port: number, options: LoopbackListenerOptions): Promise<CallbackPage> | CallbackPage {
  const refuse = (status: number, reason: string, sentence: string) => {
    options.log.warn('Refused a request to the sign-in listener', { status, reason });
    return pages.refused(status, sentence);
  };
  const notOurs = 'This page belongs to Contact Desk’s sign-in and cannot be used this way.';

  if (request.method !== 'GET') return refuse(405, 'method', notOurs);
  const target = request.url ?? '';
  if (target.length > maxUrlLength) return refuse(414, 'url-too-long', notOurs);
  if (hasBody(request)) return refuse(400, 'body', notOurs);
  // Browsers send the redirect's own host; anything else is a page that resolved to loopback by trickery.
  if (!isLoopbackHost(request.headers.host, port)) return refuse(421, 'host', notOurs);

  let url: URL;
  try {
    url = new URL(target, `http://localhost:${port}`);
  } catch {
    return refuse(400, 'bad-url', notOurs);
  }
  if (url.pathname !== options.callbackPath) return refuse(404, 'path', notOurs);
  return options.onCallback(url.searchParams);
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `localhost:${port}` || host === `127.0.0.1:${port}` || host === `[::1]:${port}`;
}

/** Both families, or IPv4 alone where the machine has no IPv6 loopback; null if the port is taken. */
async function bindBothFamilies(port: number, handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<Server[] | null> {
  const v4 = createCallbackServer(handler);
  const v4Result = await listen(v4, port, '127.0.0.1');
  if (v4Result !== 'listening') return null;

  const v6 = createCallbackServer(handler);
  const v6Result = await listen(v6, port, '::1');
  if (v6Result === 'listening') return [v4, v6];
  if (v6Result === 'unavailable') return [v4];
  await closeAll([v4]);
  return null;
}

type ListenResult = 'listening' | 'busy' | 'unavailable';

function listen(server: Server, port: number, host: string): Promise<ListenResult> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      // No such address here (IPv6 disabled): the family is unavailable, not the port busy.
      resolve(error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT' ? 'unavailable' : 'busy');
    };
    const onListening = () => {
      server.off('error', onError);
      resolve('listening');
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, exclusive: true });
  });
}

function createCallbackServer(handler: (request: IncomingMessage, response: ServerResponse) => void): Server {
  const server = createServer(
    { maxHeaderSize: maxHeaderBytes, requestTimeout: requestTimeoutMs, headersTimeout: requestTimeoutMs, keepAliveTimeout: 1_000, requireHostHeader: true },
    handler,
  );
  server.on('clientError', refuseMalformed);
  return server;
}

/** Oversized, malformed or too-slow requests never reach the handler; answer them and hang up. */
function refuseMalformed(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) {
            resolve();
            return;
          }
          const force = setTimeout(() => server.closeAllConnections(), closeGraceMs);
          force.unref();
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          server.closeIdleConnections();
        }),
    ),
  );
}
