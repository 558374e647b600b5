/**
 * A test aid (option `recordRequests`): the API requests the sandbox received — what a client
 * really sent — so a test can check them against HubSpot's description (declared query parameters,
 * required body fields). Secrets in form bodies are masked; bearer tokens are not kept.
 */
import type { IncomingMessage } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  /** the route's stats key (e.g. `GET /crm/owners`), null when no route matched */
  route: string | null;
  query: [string, string][];
  contentType: string | null;
  /** the Authorization scheme only (`Bearer`), never the token */
  authorization: string | null;
  /** parsed JSON or form fields (secrets masked); undefined when the body was never read */
  body?: unknown;
  status: number;
}

const SECRET_FIELDS = new Set(['client_secret', 'code', 'code_verifier', 'refresh_token', 'token', 'access_token']);
const MAX_RECORDED = 10_000;
/** the raw body of each request, once a handler has read it */
const bodies = new WeakMap<IncomingMessage, string>();

export function rememberBody(req: IncomingMessage, text: string): void {
  bodies.set(req, text);
}

function parsedBody(text: string, contentType: string | null): unknown {
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries([...new URLSearchParams(text)].map(([k, v]) => [k, SECRET_FIELDS.has(k) && v !== '' ? '[masked]' : v]));
  }
  return text;
}

export class RequestRecorder {
  private readonly entries: RecordedRequest[] = [];

  record(req: IncomingMessage, url: URL, route: string | null, status: number): void {
    const contentType = req.headers['content-type'] ?? null;
    const text = bodies.get(req);
    this.entries.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      route,
      query: [...url.searchParams],
      contentType,
      authorization: req.headers.authorization?.split(/\s+/)[0] ?? null,
      ...(text !== undefined ? { body: parsedBody(text, contentType) } : {}),
      status,
    });
    if (this.entries.length > MAX_RECORDED) this.entries.splice(0, this.entries.length - MAX_RECORDED);
  }

  list(): RecordedRequest[] {
    return structuredClone(this.entries);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
