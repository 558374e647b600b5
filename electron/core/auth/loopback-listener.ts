import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors.ts';
import { closeServers, createLoopbackServer, isLoopbackHost, listenOnLoopback, requestFramingProblem, type LoopbackLimits } from '../net/loopback-http.ts';
import type { Logger } from '../ports.ts';
import { callbackPageHeaders, pages, renderCallbackPage } from './callback-page.ts';
import type { CallbackPage } from './callback-page.ts';

/**
 * The loopback listener of one sign-in attempt (RFC 8252 §7.3): bound to 127.0.0.1 and ::1 on the
 * first free registered port, answering only GET on the callback path. Anything else gets a refusal
 * page and does not reach the attempt. A browser needs a connection or two, within seconds: a few
 * connections and short deadlines are plenty, and keep a local program from tying it up.
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
  /** Deadlines and caps; the defaults suit a browser. Tests shorten the header deadline. */
  limits?: Partial<LoopbackLimits>;
}

export const defaultCallbackLimits: LoopbackLimits = { maxConnections: 16, headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxHeaderBytes: 8 * 1024 };
const maxUrlLength = 4 * 1024;
const closeGraceMs = 2_000;

export async function openLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  const limits = { ...defaultCallbackLimits, ...options.limits };
  for (const port of options.ports) {
    const servers = await listenOnLoopback(port, () => createLoopbackServer((request, response) => void answer(request, response, port, options), limits));
    if (servers) return { port, close: () => closeServers(servers, closeGraceMs) };
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

  const framing = requestFramingProblem(request, port);
  if (framing !== null) return refuse(400, framing, notOurs);
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
