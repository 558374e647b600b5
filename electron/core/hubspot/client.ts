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

function cancelledError(cause: unknown): AppError {
  return new AppError('cancelled', sentences.cancelled, { cause });
}

/** A pacer per rate-limit pool: the general limit (5% held back, since evenly sent requests can arrive bunched) and search's own. */
function createPacers(clock: Clock, limits: HubSpotClientOptions['limits']): Record<RateLimitPool, Pacer> {
  return {
    general: createPacer(clock, {
      max: limits?.max ?? 110,
      intervalMs: limits?.intervalMs ?? 10_000,
      reserve: (max) => Math.max(1, Math.ceil(max * 0.05)),
      padMs: 200,
    }),
    search: createPacer(clock, { max: limits?.searchPerSecond ?? 5, intervalMs: 1000, padMs: 100, smooth: true }),
  };
}

function requestUrl(baseUrl: string, call: HubSpotRequest<unknown>): string {
  const url = new URL(baseUrl + call.path);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

async function tokenFrom(get: () => Promise<string>): Promise<string> {
  try {
    return await get();
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('internal', 'Contact Desk could not read its sign-in. Sign in again.', { cause: error });
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

export function createHubSpotClient(options: HubSpotClientOptions): HubSpotClient {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const log = options.log ?? silentLog;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retry: RetryPolicy = { ...defaultRetry, ...options.retry };
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  const pacers = createPacers(clock, options.limits);

  async function request<T>(call: HubSpotRequest<T>): Promise<T> {
    const { signal } = call;
    const policy: RetryPolicy = call.retry ? { ...retry, ...call.retry } : retry;
    const pacer = pacers[call.pool];
    const url = requestUrl(baseUrl, call);
    const where = { method: call.method, path: call.path };
    // A rejected token is refreshed, and the request tried again. A refreshed token rejected at once
    // means the access is gone; one that got another answer first (a 429, a 5xx) may simply have
    // expired while the request waited through its retries, and is refreshed again.
    let token = '';
    let justRefreshed = false;
    let failures = 0;
    let rateLimitedWaits = 0;

    for (;;) {
      if (signal?.aborted) throw cancelledError(signal.reason);
      try {
        await pacer.acquire(signal);
      } catch (error) {
        throw cancelledError(error);
      }
      // Taken after the wait for the pacer, which can be long: a token taken before it may have been
      // replaced meanwhile, and one two replacements old would be "refreshed" into another dead one.
      if (!justRefreshed) token = await tokenFrom(() => options.tokens.accessToken());

      let response: Response;
      let text: string;
      try {
        const timeout = AbortSignal.timeout(timeoutMs);
        response = await fetch(url, {
          method: call.method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        // Read the whole body here: a connection dropped mid-body is retried like any other drop.
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw cancelledError(error);
        const failure = errorForNetworkFailure(error) ?? new AppError('hubspot-down', sentences.noAnswer, { cause: error });
        failures++;
        const limit = failure.kind === 'offline' || failure.kind === 'hubspot-unreachable' ? policy.maxOfflineAttempts : policy.maxAttempts;
        log.warn('A HubSpot request failed before an answer arrived', { ...where, kind: failure.kind, ...failure.details, attempt: failures });
        if (failures >= limit) throw failure;
        await wait(backoffDelay(policy, failures, random), signal);
        continue;
      }

      if (call.pool === 'general') {
        pacer.learn({
          max: headerNumber(response.headers, 'x-hubspot-ratelimit-max'),
          intervalMs: headerNumber(response.headers, 'x-hubspot-ratelimit-interval-milliseconds'),
          // after a 429 the wait comes from Retry-After (or the interval), not from "0 remaining"
          remaining: response.status === 429 ? undefined : headerNumber(response.headers, 'x-hubspot-ratelimit-remaining'),
        });
      }

      if (response.ok) return parseBody(log, text, call, where, response.status);

      const body = parseErrorBody(text);
      if (response.status === 401 && !justRefreshed) {
        justRefreshed = true;
        log.info('HubSpot did not accept the access token; refreshing it', { ...where, category: body.category });
        token = await tokenFrom(() => options.tokens.refreshAfterUnauthorized(token));
        continue;
      }
      justRefreshed = false;

      if (response.status === 429) {
        if (body.policyName === 'DAILY') {
          const error = dailyLimitError(clock.now(), errorDetails(429, body));
          log.warn('HubSpot daily request limit reached', { ...where, resumeAt: error.details?.resumeAt });
          throw error;
        }
        rateLimitedWaits++;
        const pause = retryAfterMs(response.headers, clock.now()) ?? pacer.snapshot().intervalMs;
        log.warn('HubSpot asked Contact Desk to slow down', { ...where, pool: call.pool, pauseMs: pause, policy: body.policyName });
        // a long wait is better left to the user (Sync now) than spent silently
        if (rateLimitedWaits > policy.maxRateLimitedWaits || pause > policy.maxRateLimitPauseMs) {
          const error = errorForStatus(429, body);
          // the status monitor waits at least this long before it looks again
          throw new AppError(error.kind, error.message, { details: { ...error.details, retryAfterSeconds: Math.ceil(pause / 1000) } });
        }
        pacer.pauseFor(pause);
        continue;
      }

      if (response.status >= 500) {
        failures++;
        log.warn('HubSpot answered with a server error', { ...where, httpStatus: response.status, attempt: failures });
        if (failures >= policy.maxAttempts) throw errorForStatus(response.status, body);
        const delay = Math.max(backoffDelay(policy, failures, random), Math.min(retryAfterMs(response.headers, clock.now()) ?? 0, policy.maxDelayMs));
        await wait(delay, signal);
        continue;
      }

      const error = errorForStatus(response.status, body);
      log.warn('HubSpot refused a request', { ...where, ...error.details });
      throw error;
    }
  }


  async function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await sleep(clock, ms, signal);
    } catch (error) {
      throw cancelledError(error);
    }
  }


  return {
    request,
    limits: () => ({ general: pacers.general.snapshot(), search: pacers.search.snapshot() }),
  };
}
