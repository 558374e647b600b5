/**
 * The preview shell's HTTP face: serves the built renderer and bridges the IPC contract over
 * loopback, to the one browser that opened the launch link (see preview-sessions.ts). Without its
 * session cookie nothing is served — not the page, the API, the event stream or a download — and
 * with it, only requests from our own origin: a page on another port of this computer shares the
 * cookie's "site" (SameSite ignores ports) but not our origin, so its Origin and Sec-Fetch-Site
 * headers give it away. Host headers must name this server (no DNS rebinding), both as
 * `127.0.0.1`/`[::1]` and as `localhost`.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Dispatch } from '../core/ipc-router.ts';
import type { Logger } from '../core/ports.ts';
import type { EventName } from '../ipc/contract.ts';
import { closeServers, createLoopbackServer, isLoopbackHost, listenOnLoopback, requestFramingProblem, type LoopbackLimits } from '../core/net/loopback-http.ts';
import { createPreviewSessions } from './preview-sessions.ts';
import { createDownloads, createEventStreams } from './bridge-streams.ts';
import { noSessionPage, send, sendPage, usedLaunchLinkPage } from './bridge-pages.ts';
import { serveRendererFile } from './static-files.ts';

const maxBodyBytes = 1_000_000;
/** When the port asked for is taken, this many after it are tried before any free port. */
const nextPortsToTry = 20;

export interface BridgeLimits extends LoopbackLimits {
  /** Open event streams (one per tab) per browser session; a browser allows six connections per host, so five leave one for calls. */
  eventStreamsPerSession: number;
}

export const defaultBridgeLimits: BridgeLimits = {
  maxConnections: 32,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxHeaderBytes: 16 * 1024,
  eventStreamsPerSession: 5,
};

export interface HttpBridgeOptions {
  rendererDir: string;
  dispatch: Dispatch;
  /** The port wanted; when it is taken the next ones are tried, then any free port. 0 (default): any free port. */
  port?: number;
  log?: Logger;
  limits?: Partial<BridgeLimits>;
}

export interface HttpBridge {
  /** The one-time launch link (`/?launch=…`): the browser that opens it first gets the session. Print it; never log it. */
  url: string;
  /** Where the server answers (http://127.0.0.1:port), which alone gives no access. */
  origin: string;
  port: number;
  /** A new one-time launch link, for another browser; an earlier unused one stops working. */
  newLaunchUrl(): string;
  /** Pushes an event to every open page. */
  publish(event: EventName, payload: unknown): void;
  /** Offers a finished file to the page as a one-time download; returns its URL. */
  offerDownload(path: string, fileName: string): string;
  close(): Promise<void>;
}

const quietLog: Logger = { info() {}, warn() {}, error() {} };

export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const limits = { ...defaultBridgeLimits, ...options.limits };
  const log = options.log ?? quietLog;
  let handle: (request: IncomingMessage, response: ServerResponse) => Promise<void> = async (_request, response) => send(response, 503, 'Starting.');
  const { servers, port } = await listenFrom(options.port ?? 0, () =>
    createLoopbackServer((request, response) => void handle(request, response), limits),
  );
  const origin = `http://127.0.0.1:${port}`;
  const sessions = createPreviewSessions(port);
  const streams = createEventStreams(limits.eventStreamsPerSession);
  const downloads = createDownloads();
  const launchUrl = () => `${origin}/?launch=${sessions.newLaunchToken()}`;

  const refuse = (response: ServerResponse, status: number, reason: string, sentence: string) => {
    log.warn('preview: refused a request', { status, reason });
    send(response, status, sentence);
  };

  function launch(request: IncomingMessage, response: ServerResponse, token: string) {
    if (request.method !== 'GET') return refuse(response, 405, 'method', 'Method not allowed.');
    const session = sessions.redeem(token);
    if (session !== null) {
      // Shown where the preview runs, so the person there sees which browser took the link.
      log.info('preview: a browser opened the launch link', { browser: String(request.headers['user-agent'] ?? 'unknown').slice(0, 200) });
      response.writeHead(303, { location: '/', 'set-cookie': sessions.cookieFor(session), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      return response.end();
    }
    if (sessions.sessionOf(request) !== null) {
      response.writeHead(303, { location: '/', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      return response.end();
    }
    log.warn('preview: refused a launch link that was used already or is not this run’s');
    sendPage(response, 403, usedLaunchLinkPage);
  }

  async function handleIpc(request: IncomingMessage, response: ServerResponse, channel: string) {
    if (request.method !== 'POST') return refuse(response, 405, 'method', 'Method not allowed.');
    // Every browser sends Origin with a POST; a request without it is not our page's.
    if (request.headers.origin === undefined) return refuse(response, 403, 'no-origin', 'Forbidden.');
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

  async function route(request: IncomingMessage, response: ServerResponse) {
    const framing = requestFramingProblem(request, port);
    if (framing !== null) return refuse(response, 400, framing, 'Bad request.');
    if (!isLoopbackHost(request.headers.host, port)) return refuse(response, 421, 'host', 'Misdirected request.');
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    if (url.pathname === '/' && url.searchParams.has('launch')) return launch(request, response, url.searchParams.get('launch') ?? '');

    const session = sessions.sessionOf(request);
    if (session === null) {
      log.warn('preview: refused a request without the session cookie', { path: url.pathname.slice(0, 100) });
      return sendPage(response, 403, noSessionPage(request.headers.host ?? ''));
    }
    const foreign = foreignOrigin(request);
    if (foreign !== null) return refuse(response, 403, foreign, 'Forbidden.');

    if (url.pathname.startsWith('/ipc/')) return handleIpc(request, response, url.pathname.slice('/ipc/'.length));
    if (url.pathname === '/events') {
      if (streams.open(request, response, session)) return;
      return refuse(response, 429, 'event-streams', `Contact Desk is open in too many tabs of this browser (at most ${limits.eventStreamsPerSession}). Close one, then reload this one.`);
    }
    if (url.pathname.startsWith('/downloads/')) return downloads.serve(response, url.pathname.slice('/downloads/'.length));
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'method', 'Method not allowed.');
    return serveRendererFile(response, options.rendererDir, url.pathname);
  }

  handle = async (request, response) => {
    try {
      await route(request, response);
    } catch (error) {
      log.error('preview: a request failed', { error });
      if (!response.headersSent) send(response, 500, 'Something went wrong in the preview server.');
      else response.destroy();
    }
  };

  return {
    url: launchUrl(),
    origin,
    port,
    newLaunchUrl: launchUrl,
    publish: (event, payload) => streams.publish(`data: ${JSON.stringify({ event, payload })}\n\n`),
    offerDownload: (path, fileName) => downloads.offer(path, fileName),
    async close() {
      streams.closeAll();
      for (const server of servers) server.closeAllConnections();
      await closeServers(servers, 0);
    },
  };
}

/**
 * Why a request with a valid cookie still is not our page's: a browser says where a request comes
 * from (Sec-Fetch-Site, Origin), and a page on another port of this computer counts as same-site.
 */
function foreignOrigin(request: IncomingMessage): string | null {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `fetch-site-${String(site).slice(0, 20)}`;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${request.headers.host}`) return 'origin';
  return null;
}

/**
 * The body, or null when it is over the limit. Only our own page gets this far (the cookie is
 * checked first), so an oversized body is drained rather than cut off: the page gets an answer.
 */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    request.on('end', () => resolveBody(size > maxBodyBytes ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolveBody(null));
  });
}

/** The wanted port, else the next free one after it, else any: a busy 5199 is not a stack trace. */
async function listenFrom(wanted: number, makeServer: () => Server): Promise<{ servers: Server[]; port: number }> {
  const candidates = wanted === 0 ? [] : Array.from({ length: nextPortsToTry + 1 }, (_, index) => wanted + index).filter((port) => port <= 65535);
  for (const port of [...candidates, 0, 0, 0]) {
    const servers = await listenOnLoopback(port, makeServer);
    if (servers) return { servers, port: (servers[0]!.address() as { port: number }).port };
  }
  throw new Error('The preview could not find a free port on this computer.');
}

export const previewDownloadsDir = (dataDir: string) => join(dataDir, 'preview-downloads');
