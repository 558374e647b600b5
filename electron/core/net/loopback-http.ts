/**
 * What every HTTP server the app runs on this computer shares (the sign-in callback listener and the
 * browser preview): bound to loopback on both address families, a cap on connections, short header
 * and request deadlines, and the request checks that stop a page on another origin (DNS rebinding)
 * or a confused proxy from talking to it.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

export interface LoopbackLimits {
  /** Open connections per address family; more are closed as they arrive. */
  maxConnections: number;
  /** Time to send the request line and headers (a connection that sends nothing counts too). */
  headersTimeoutMs: number;
  /** Time to send the whole request, body included. */
  requestTimeoutMs: number;
  maxHeaderBytes: number;
}

/** How often Node looks for connections past their deadline (its default is 30 s). */
const deadlineCheckEveryMs = 1_000;

export function createLoopbackServer(handler: RequestListener, limits: LoopbackLimits): Server {
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(deadlineCheckEveryMs, limits.headersTimeoutMs),
      keepAliveTimeout: 1_000,
      requireHostHeader: true,
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
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

const loopbackNames = ['localhost', '127.0.0.1', '[::1]'];

/** Whether a Host header names this computer on this port, as a browser that was sent here would. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host !== undefined && loopbackNames.some((name) => host.toLowerCase() === `${name}:${port}`);
}

/**
 * Why a request is malformed for a loopback server, or null: two Host headers (Node keeps the first;
 * a proxy in between may have used the other), or an absolute-form target (`GET http://host/path`)
 * naming anything but this server, which Node would otherwise route by its path alone.
 */
export function requestFramingProblem(request: IncomingMessage, port: number): 'duplicate-host' | 'foreign-target' | null {
  let hosts = 0;
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    if (request.rawHeaders[index]?.toLowerCase() === 'host') hosts += 1;
  }
  if (hosts > 1) return 'duplicate-host';
  const target = request.url ?? '';
  if (target.startsWith('/') && !target.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'foreign-target';
  }
  return url.protocol === 'http:' && isLoopbackHost(url.host, port) && url.username === '' && url.password === '' ? null : 'foreign-target';
}

type ListenResult = 'listening' | 'busy' | 'unavailable';

/**
 * 127.0.0.1 and ::1 on the same port (a browser may resolve `localhost` to either), or IPv4 alone
 * where the machine has no IPv6 loopback; null if the port is taken. Port 0 picks a free port for
 * IPv4 and asks for the same one on IPv6.
 */
export async function listenOnLoopback(port: number, makeServer: () => Server): Promise<Server[] | null> {
  const v4 = makeServer();
  if ((await listen(v4, port, '127.0.0.1')) !== 'listening') return null;
  const bound = (v4.address() as { port: number }).port;

  const v6 = makeServer();
  const v6Result = await listen(v6, bound, '::1');
  if (v6Result === 'listening') return [v4, v6];
  if (v6Result === 'unavailable') return [v4];
  await closeServers([v4], 0);
  return null;
}

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

/** Stops accepting connections; responses being written get graceMs to finish, then are cut. */
export async function closeServers(servers: Server[], graceMs: number): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) {
            resolve();
            return;
          }
          const force = setTimeout(() => server.closeAllConnections(), graceMs);
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
