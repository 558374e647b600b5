/**
 * The one HTTP client for HubSpot's API. Every call goes through `request`: it adds the access
 * token (one refresh and retry after a 401), paces under the account's limits (general requests and
 * search each have their own), waits out 429s, retries 5xx/timeouts/dropped connections with
 * bounded exponential backoff and full jitter, validates the answer's shape, and turns every
 * failure into an AppError with a plain sentence.
 */
import type { z } from 'zod';
import { AppError, isAppError } from '../errors.ts';
import { errorForNetworkFailure } from '../auth/token-errors.ts';
import type { Clock, Logger } from '../ports.ts';
import { systemClock } from '../ports.ts';
import { dailyLimitError, errorDetails, errorForStatus, parseErrorBody, sentences } from './api-errors.ts';
import type { ApiErrorBody } from './api-errors.ts';
import { sleep } from './clock-sleep.ts';
import { createPacer } from './pacer.ts';
import type { Pacer, PacerSnapshot } from './pacer.ts';
import type { TokenSource } from './token-source.ts';

/** Which limit a request counts against: search has its own (5/s, no headers). */
export type RateLimitPool = 'general' | 'search';

export interface HubSpotRequest<T> {
  method: 'GET' | 'POST';
  /** Path on the API host, e.g. `/crm/objects/2026-03/contacts`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  pool: RateLimitPool;
  /** The shape a 2xx body must have; anything else is a 'hubspot-error'. */
  schema: z.ZodType<T>;
  /**
   * A cheaper test that the parsed body already is what `schema` would return (nothing to convert or
   * fill in): such a body is used as it is. Parsing with `schema` builds a second copy of every
   * object, which for pages of contacts is most of what the main thread allocates during a sync.
   * Anything this does not accept goes through `schema`, which converts it or gives the error.
   */
  isParsed?: (json: unknown) => json is T;
  signal?: AbortSignal;
  /**
   * Asked when the request's turn under its limit comes (each attempt's): false, and it is not sent,
   * the turn goes to the next request, and the call rejects with RequestNoLongerWanted. For a page
   * that other work may have fetched while the request waited.
   */
  stillWanted?: () => boolean;
  /** Overrides for this call, e.g. a connection check that should report a problem, not wait it out. */
  retry?: Partial<RetryPolicy>;
}

export interface RetryPolicy {
  /** Attempts for 5xx, timeouts and dropped connections (the first try included). */
  maxAttempts: number;
  /** Attempts when HubSpot cannot be reached at all: fail fast so the app can say "offline" or "can't be reached". */
  maxOfflineAttempts: number;
  /** 429s (without the DAILY policy) one request may wait out before giving up. */
  maxRateLimitedWaits: number;
  /** The longest Retry-After waited out; a longer one ends the request as 'rate-limited'. */
  maxRateLimitPauseMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface HubSpotClientOptions {
  /** API origin, e.g. https://api.hubapi.com or the sandbox's URL. */
  baseUrl: string;
  tokens: TokenSource;
  clock?: Clock;
  /** In [0, 1); for the backoff jitter. */
  random?: () => number;
  log?: Logger;
  /** Per attempt. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Starting limits; the general one is then learned from HubSpot's headers. */
  limits?: { max?: number; intervalMs?: number; searchPerSecond?: number };
}

export interface HubSpotClient {
  request<T>(request: HubSpotRequest<T>): Promise<T>;
  /** The pacers' current view (limits learned, requests in the window): for diagnostics and benchmarks. */
  limits(): Record<RateLimitPool, PacerSnapshot>;
  /**
   * HubSpot's clock now, as the Date header of its latest answer set it (null before any answer
   * with one). Never ahead of HubSpot's: the header is in whole seconds, cut down, and was stamped
   * before the answer travelled here.
   */
  serverTime(): number | null;
}

const defaultRetry: RetryPolicy = { maxAttempts: 6, maxOfflineAttempts: 3, maxRateLimitedWaits: 8, maxRateLimitPauseMs: 60_000, baseDelayMs: 500, maxDelayMs: 20_000 };
const silentLog: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Full jitter (AWS architecture blog): uniformly random up to the capped exponential. */
export function backoffDelay(retry: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, failures: number, random: () => number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
}

/** Retry-After as milliseconds: either seconds or an HTTP date. */
function retryAfterMs(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** A request whose `stillWanted` said no when its turn came: it was not sent. */
export class RequestNoLongerWanted extends Error {
  constructor() {
    super('The request was no longer wanted when its turn came, and was not sent.');
    this.name = 'RequestNoLongerWanted';
  }
}

function cancelledError(cause: unknown): AppError {
  return new AppError('cancelled', sentences.cancelled, { cause });
}

/**
 * A pacer per rate-limit pool: the general limit (5% held back, since evenly sent requests can arrive
 * bunched) and search's own. Search is where the sync's speed is, and its window is one second: a
 * fixed 100 ms of padding there held searches to 4.5 a second. Its padding starts at 25 ms and
 * widens with every 429 search draws (PacerOptions.adaptivePad); the first window after a quiet
 * spell, whose requests open connections, keeps the old 100 ms (PacerOptions.coldPadMs).
 */
function createPacers(clock: Clock, limits: HubSpotClientOptions['limits']): Record<RateLimitPool, Pacer> {
  return {
    general: createPacer(clock, {
      max: limits?.max ?? 110,
      intervalMs: limits?.intervalMs ?? 10_000,
      reserve: (max) => Math.max(1, Math.ceil(max * 0.05)),
      padMs: 200,
    }),
    search: createPacer(clock, { max: limits?.searchPerSecond ?? 5, intervalMs: 1000, padMs: 25, adaptivePad: { maxMs: 400, narrowAfter: 600 }, coldPadMs: 100, smooth: true }),
  };
}

function requestUrl(baseUrl: string, call: HubSpotRequest<unknown>): string {
  const url = new URL(baseUrl + call.path);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

const transientTokenFailures = new Set(['hubspot-down', 'offline', 'hubspot-unreachable']);

/**
 * The token to send, or null when getting it met a failure worth another attempt (HubSpot's token
 * endpoint down or unreachable for a moment): that counts against the request's attempts like the
 * same failure of the request itself, and is waited out the same way. Anything else (revoked, not
 * signed in) ends the request.
 */
async function tokenFor(client: ClientContext, run: RequestRun<unknown>, get: () => Promise<string>): Promise<string | null> {
  try {
    return await get();
  } catch (error) {
    if (!isAppError(error)) throw new AppError('internal', 'Contact Desk could not read its sign-in. Sign in again.', { cause: error });
    if (!transientTokenFailures.has(error.kind) || run.call.signal?.aborted) throw error;
    await afterNetworkFailure(client, run, error);
    return null;
  }
}

function parseBody<T>(log: Logger, text: string, call: Pick<HubSpotRequest<T>, 'schema' | 'isParsed'>, where: Record<string, string>, httpStatus: number): T {
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    log.warn('HubSpot answered with something that is not JSON', { ...where, httpStatus, length: text.length });
    throw new AppError('hubspot-error', sentences.unreadable, { cause: error, details: { httpStatus } });
  }
  if (call.isParsed?.(json)) return json;
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    log.warn('HubSpot answered in an unexpected shape', { ...where, httpStatus, at: issue?.path.join('.'), problem: issue?.code });
    throw new AppError('hubspot-error', sentences.unreadable, { cause: parsed.error, details: { httpStatus } });
  }
  return parsed.data;
}

/** What every request of one client shares. */
interface ClientContext {
  tokens: TokenSource;
  clock: Clock;
  random: () => number;
  log: Logger;
  /** Per attempt. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Without a trailing slash. */
  baseUrl: string;
  pacers: Record<RateLimitPool, Pacer>;
  /** HubSpot's clock less ours, from the latest answer's Date header. */
  serverClockOffsetMs: number | null;
}

/** One request on its way: the call, and what its attempts have met so far. */
interface RequestRun<T> {
  call: HubSpotRequest<T>;
  policy: RetryPolicy;
  pacer: Pacer;
  url: string;
  where: { method: string; path: string };
  token: string;
  /** When the latest attempt left (clock time), its token in hand. */
  sentAt: number;
  /**
   * A rejected token is refreshed, and the request tried again. A refreshed token rejected at once
   * means the access is gone; one that got another answer first (a 429, a 5xx) may simply have
   * expired while the request waited through its retries, and is refreshed again.
   */
  justRefreshed: boolean;
  /** 5xx answers and failures before an answer, counted against the policy's attempts. */
  failures: number;
  rateLimitedWaits: number;
}

/** What one attempt came to: HubSpot's answer with its whole body, or the failure that kept it from arriving. */
type Attempt = { answered: true; response: Response; text: string } | { answered: false; failure: AppError };

export function createHubSpotClient(options: HubSpotClientOptions): HubSpotClient {
  const clock = options.clock ?? systemClock;
  const client: ClientContext = {
    tokens: options.tokens,
    clock,
    random: options.random ?? Math.random,
    log: options.log ?? silentLog,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: { ...defaultRetry, ...options.retry },
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    pacers: createPacers(clock, options.limits),
    serverClockOffsetMs: null,
  };
  return {
    request: (call) => sendRequest(client, call),
    limits: () => ({ general: client.pacers.general.snapshot(), search: client.pacers.search.snapshot() }),
    serverTime: () => (client.serverClockOffsetMs === null ? null : client.clock.now() + client.serverClockOffsetMs),
  };
}

async function sendRequest<T>(client: ClientContext, call: HubSpotRequest<T>): Promise<T> {
  const run: RequestRun<T> = {
    call,
    policy: call.retry ? { ...client.retry, ...call.retry } : client.retry,
    pacer: client.pacers[call.pool],
    url: requestUrl(client.baseUrl, call),
    where: { method: call.method, path: call.path },
    token: '',
    sentAt: 0,
    justRefreshed: false,
    failures: 0,
    rateLimitedWaits: 0,
  };
  for (;;) {
    const counted = await waitForTurn(run);
    if (counted === null) throw new RequestNoLongerWanted();
    // Taken after the wait for the pacer, which can be long: a token taken before it may have been
    // replaced meanwhile, and one two replacements old would be "refreshed" into another dead one.
    if (!run.justRefreshed) {
      const token = await tokenFor(client, run, () => client.tokens.accessToken());
      if (token === null) continue;
      run.token = token;
    }
    run.sentAt = client.clock.now();
    run.pacer.leftAt(counted, run.sentAt);
    const attempt = await sendAttempt(client, run);
    if (!attempt.answered) {
      await afterNetworkFailure(client, run, attempt.failure);
      continue;
    }
    learnLimits(run, attempt.response);
    if (attempt.response.ok) {
      // (only from answers that are HubSpot's: an error page may be a proxy's, with its own clock)
      learnServerClock(client, attempt.response);
      return parseBody(client.log, attempt.text, call, run.where, attempt.response.status);
    }
    await afterRefusal(client, run, attempt.response, attempt.text);
  }
}

/** The time the pacer counts the request as sent; null when its `stillWanted` said no at its turn. */
async function waitForTurn(run: RequestRun<unknown>): Promise<number | null> {
  const { signal } = run.call;
  if (signal?.aborted) throw cancelledError(signal.reason);
  try {
    return await run.pacer.acquire(signal, run.call.stillWanted);
  } catch (error) {
    // (otherwise the request's own `stillWanted` threw)
    throw signal?.aborted ? cancelledError(error) : error;
  }
}

/** Sends the request once; throws only when it was cancelled. */
async function sendAttempt(client: ClientContext, run: RequestRun<unknown>): Promise<Attempt> {
  const { call } = run;
  const { signal } = call;
  try {
    const timeout = AbortSignal.timeout(client.timeoutMs);
    const response = await fetch(run.url, {
      method: call.method,
      headers: {
        authorization: `Bearer ${run.token}`,
        accept: 'application/json',
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    // Read the whole body here: a connection dropped mid-body is retried like any other drop.
    const text = await response.text();
    return { answered: true, response, text };
  } catch (error) {
    if (signal?.aborted) throw cancelledError(error);
    const failure = errorForNetworkFailure(error) ?? new AppError('hubspot-down', sentences.noAnswer, { cause: error });
    return { answered: false, failure };
  }
}

/** Returns once it is time to try again; throws when the request has used its attempts. */
async function afterNetworkFailure(client: ClientContext, run: RequestRun<unknown>, failure: AppError): Promise<void> {
  const { policy } = run;
  run.failures++;
  const limit = failure.kind === 'offline' || failure.kind === 'hubspot-unreachable' ? policy.maxOfflineAttempts : policy.maxAttempts;
  client.log.warn('A HubSpot request failed before an answer arrived', { ...run.where, kind: failure.kind, ...failure.details, attempt: run.failures });
  if (run.failures >= limit) throw failure;
  await wait(client.clock, backoffDelay(policy, run.failures, client.random), run.call.signal);
}

/** The general limit is learned from HubSpot's headers; search sends none. */
function learnLimits(run: RequestRun<unknown>, response: Response): void {
  if (run.call.pool !== 'general') return;
  run.pacer.learn({
    max: headerNumber(response.headers, 'x-hubspot-ratelimit-max'),
    intervalMs: headerNumber(response.headers, 'x-hubspot-ratelimit-interval-milliseconds'),
    // after a 429 the wait comes from Retry-After (or the interval), not from "0 remaining"
    remaining: response.status === 429 ? undefined : headerNumber(response.headers, 'x-hubspot-ratelimit-remaining'),
  });
}

function learnServerClock(client: ClientContext, response: Response): void {
  const stamped = Date.parse(response.headers.get('date') ?? '');
  if (Number.isFinite(stamped)) client.serverClockOffsetMs = stamped - client.clock.now();
}

/** After an answer other than 2xx: returns when the request is to be tried again, throws when it ends here. */
async function afterRefusal(client: ClientContext, run: RequestRun<unknown>, response: Response, text: string): Promise<void> {
  const body = parseErrorBody(text);
  if (response.status === 401 && !run.justRefreshed) {
    client.log.info('HubSpot did not accept the access token; refreshing it', { ...run.where, category: body.category });
    const token = await tokenFor(client, run, () => client.tokens.refreshAfterUnauthorized(run.token));
    if (token === null) return;
    run.token = token;
    run.justRefreshed = true;
    return;
  }
  run.justRefreshed = false;

  if (response.status === 429) {
    afterRateLimited(client, run, response, body);
    return;
  }
  if (response.status >= 500) {
    await afterServerError(client, run, response, body);
    return;
  }
  const error = errorForStatus(response.status, body);
  client.log.warn('HubSpot refused a request', { ...run.where, ...error.details });
  throw error;
}

/** A 429: the pool pauses for HubSpot's Retry-After, unless the wait is too long or the daily limit is reached. */
function afterRateLimited(client: ClientContext, run: RequestRun<unknown>, response: Response, body: ApiErrorBody): void {
  const { clock, log } = client;
  if (body.policyName === 'DAILY') {
    const error = dailyLimitError(clock.now(), errorDetails(429, body));
    log.warn('HubSpot daily request limit reached', { ...run.where, resumeAt: error.details?.resumeAt });
    throw error;
  }
  run.rateLimitedWaits++;
  // the pool's requests were not spread widely enough to arrive apart at HubSpot
  run.pacer.rateLimited(run.sentAt);
  const pause = retryAfterMs(response.headers, clock.now()) ?? run.pacer.snapshot().intervalMs;
  log.warn('HubSpot asked Contact Desk to slow down', { ...run.where, pool: run.call.pool, pauseMs: pause, policy: body.policyName, padMs: run.pacer.snapshot().padMs });
  // a long wait is better left to the user (Sync now) than spent silently
  if (run.rateLimitedWaits > run.policy.maxRateLimitedWaits || pause > run.policy.maxRateLimitPauseMs) {
    const error = errorForStatus(429, body);
    // the status monitor waits at least this long before it looks again
    throw new AppError(error.kind, error.message, { details: { ...error.details, retryAfterSeconds: Math.ceil(pause / 1000) } });
  }
  run.pacer.pauseFor(pause);
}

/** A 5xx: backoff (at least HubSpot's Retry-After, within the policy's longest delay) and another attempt, while attempts remain. */
async function afterServerError(client: ClientContext, run: RequestRun<unknown>, response: Response, body: ApiErrorBody): Promise<void> {
  const { policy } = run;
  run.failures++;
  client.log.warn('HubSpot answered with a server error', { ...run.where, httpStatus: response.status, attempt: run.failures });
  if (run.failures >= policy.maxAttempts) throw errorForStatus(response.status, body);
  const delay = Math.max(backoffDelay(policy, run.failures, client.random), Math.min(retryAfterMs(response.headers, client.clock.now()) ?? 0, policy.maxDelayMs));
  await wait(client.clock, delay, run.call.signal);
}

async function wait(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(clock, ms, signal);
  } catch (error) {
    throw cancelledError(error);
  }
}
