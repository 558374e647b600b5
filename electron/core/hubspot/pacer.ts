/**
 * Paces requests under a rolling-window limit ("at most `max` requests in any `intervalMs`"), so
 * HubSpot rarely has to answer 429. Waiters are served in arrival order; one timer at a time.
 */
import type { Clock, Timer } from '../ports.ts';

export interface PacerOptions {
  max: number;
  intervalMs: number;
  /** Slots held back below `max`: requests sent evenly can still arrive bunched at HubSpot. */
  reserve?: (max: number) => number;
  /** Added to the window for the same reason, in time instead of slots. */
  padMs?: number;
  /**
   * Spread requests evenly (one per window/budget) instead of sending a window's worth at once: for
   * a one-second window, a burst followed by a request a moment late at HubSpot would count six.
   */
  smooth?: boolean;
  /**
   * Let the padding follow what HubSpot says instead of staying at `padMs`. How much padding a
   * network needs is not known in advance: on a steady one a few milliseconds keep requests apart at
   * HubSpot, and every millisecond of padding costs throughput (for 5 a second, 100 ms is a tenth of
   * it); over a jittery one requests sent evenly arrive bunched and a sixth in a second draws a 429,
   * which costs far more (the pool pauses for Retry-After or a whole window). So `padMs` is where the
   * padding starts and the least it comes back to; each 429 (see `rateLimited`) doubles it, up to
   * `maxMs`; after `narrowAfter` requests in a row without a 429 it narrows by a quarter, so a network
   * that was jittery for a while is not paid for all day.
   */
  adaptivePad?: { maxMs: number; narrowAfter: number };
  /**
   * More padding for the first window after the pool was quiet (nothing sent within a window): such
   * requests go out on connections opened for them, and reach HubSpot later, by the handshakes, than
   * the ones that follow on warm connections, so a window's first request and the sixth can arrive
   * less than a window apart. They are counted as sent this much later; the spacing is unchanged,
   * so a quiet spell costs this once, not on every request. For smooth pacers (the times counted
   * must stay in order).
   */
  coldPadMs?: number;
}

export interface PacerSnapshot {
  max: number;
  intervalMs: number;
  budget: number;
  inWindow: number;
  pausedUntil: number;
  /** The padding now (it moves when adaptive). */
  padMs: number;
}

export interface Pacer {
  /**
   * Resolves when a request may be sent now, with the time it is counted as sent (see `leftAt`). With
   * `stillWanted`, asked when the turn comes: false resolves null without counting, and the turn
   * goes to the next waiter at once. Rejects with the signal's reason on abort.
   */
  acquire(signal?: AbortSignal, stillWanted?: () => boolean): Promise<number | null>;
  /**
   * The request counted as sent at `counted` left only `at` (its token took a while, or the process
   * was held up): it counts from then, so the next ones do not reach HubSpot bunched behind it.
   */
  leftAt(counted: number, at: number): void;
  /** What HubSpot's X-HubSpot-RateLimit-* headers said after a response. */
  learn(observed: { max?: number; intervalMs?: number; remaining?: number }): void;
  /** After a 429: nobody sends before `ms` from now. */
  pauseFor(ms: number): void;
  /**
   * HubSpot answered 429 to a request this pacer let go at `sentAt` (clock time): an adaptive padding
   * widens, once for all the requests sent before it widened (they went out under the narrower one).
   */
  rateLimited(sentAt: number): void;
  snapshot(): PacerSnapshot;
}

interface Waiter {
  resolve: (counted: number | null) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  stillWanted: (() => boolean) | undefined;
  onAbort: () => void;
}

/**
 * Whether a waiter whose turn has come takes it. One no longer wanted is settled with null; one
 * whose check throws fails with that error (its own request only: the others keep their turns).
 */
function takesItsTurn(waiter: Waiter): boolean {
  try {
    if (waiter.stillWanted?.() !== false) return true;
    waiter.resolve(null);
  } catch (error) {
    waiter.reject(error);
  }
  return false;
}

const sane = (n: number | undefined, min: number, max: number): n is number => n !== undefined && Number.isInteger(n) && n >= min && n <= max;

/** The padding added to the window: `padMs`, or moving with HubSpot's 429s (PacerOptions.adaptivePad). */
function createPadding(clock: Clock, options: PacerOptions) {
  const leastMs = options.padMs ?? 0;
  const adaptive = options.adaptivePad;
  let ms = leastMs;
  /** when the padding last widened: a 429 for a request sent before then is already answered by it */
  let widenedAt = Number.NEGATIVE_INFINITY;
  /** requests let go since the last 429 or narrowing */
  let clean = 0;
  return {
    ms: () => ms,
    /** A request was let go: after a long enough clean stretch the padding narrows. */
    sent(): void {
      if (!adaptive || ++clean < adaptive.narrowAfter) return;
      clean = 0;
      ms = Math.max(leastMs, Math.floor(ms * 0.75));
    },
    rateLimited(sentAt: number): void {
      if (!adaptive) return;
      clean = 0;
      if (sentAt < widenedAt) return;
      widenedAt = clock.now();
      // (a turn already timed under the narrower padding is timed again when it comes: see pump)
      ms = Math.min(adaptive.maxMs, Math.max(1, ms * 2));
    },
  };
}

/**
 * Moves a send time still in the window (`sent` from `head`, oldest first) from `counted` to the
 * later `at`, keeping the order; false when there is nothing to move.
 */
function moveSendTime(sent: number[], head: number, counted: number, at: number): boolean {
  const index = sent.lastIndexOf(counted);
  if (at <= counted || index < head) return false;
  sent.splice(index, 1);
  let place = sent.length;
  while (place > head && (sent[place - 1] as number) > at) place--;
  sent.splice(place, 0, at);
  return true;
}

export function createPacer(clock: Clock, options: PacerOptions): Pacer {
  let max = options.max;
  let intervalMs = options.intervalMs;
  const reserve = options.reserve ?? (() => 0);
  const padding = createPadding(clock, options);
  const coldPadMs = options.coldPadMs ?? 0;
  /** until when a request counts as going out on a fresh connection */
  let coldUntil = Number.NEGATIVE_INFINITY;
  /** when the last request went (the spacing is from there; `sent` may hold a later time for it) */
  let lastAt: number | undefined;
  /** send times (plus stand-ins for requests HubSpot counted that we did not send), oldest first */
  let sent: number[] = [];
  let head = 0;
  let pausedUntil = 0;
  const waiters: Waiter[] = [];
  let timer: Timer | null = null;

  const budget = () => Math.max(1, max - reserve(max));
  const windowMs = () => intervalMs + padding.ms();
  const inWindow = () => sent.length - head;
  const spacingMs = () => (options.smooth ? windowMs() / budget() : 0);

  function prune(now: number): void {
    const cutoff = now - windowMs();
    while (head < sent.length && (sent[head] as number) <= cutoff) head++;
    if (head > 512 && head * 2 > sent.length) {
      sent = sent.slice(head);
      head = 0;
    }
  }

  function waitMs(now: number): number {
    if (now < pausedUntil) return pausedUntil - now;
    prune(now);
    const spaced = lastAt === undefined || inWindow() === 0 ? 0 : Math.max(0, lastAt + spacingMs() - now);
    if (inWindow() < budget()) return spaced;
    return Math.max(spaced, (sent[head + inWindow() - budget()] as number) + windowMs() - now);
  }

  function pump(): void {
    if (timer !== null) {
      clock.clearTimeout(timer);
      timer = null;
    }
    while (waiters.length > 0) {
      const now = clock.now();
      const wait = waitMs(now);
      if (wait > 0) {
        timer = clock.setTimeout(() => {
          timer = null;
          pump();
        }, wait);
        return;
      }
      const waiter = waiters.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      if (!takesItsTurn(waiter)) continue;
      if (inWindow() === 0) coldUntil = now + windowMs();
      const counted = Math.max(now < coldUntil ? now + coldPadMs : now, sent[sent.length - 1] ?? now);
      sent.push(counted);
      lastAt = now;
      padding.sent();
      waiter.resolve(counted);
    }
  }

  return {
    acquire(signal, stillWanted) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<number | null>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          stillWanted,
          onAbort: () => {
            const index = waiters.indexOf(waiter);
            if (index >= 0) waiters.splice(index, 1);
            reject(signal?.reason);
            pump();
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        waiters.push(waiter);
        pump();
      });
    },

    leftAt(counted, at) {
      if (moveSendTime(sent, head, counted, at)) lastAt = Math.max(lastAt ?? at, at);
    },

    learn(observed) {
      if (sane(observed.max, 1, 1_000_000)) max = observed.max;
      if (sane(observed.intervalMs, 100, 86_400_000)) intervalMs = observed.intervalMs;
      if (sane(observed.remaining, 0, max)) {
        // HubSpot counts every request on the account, including other copies of the app: when it
        // has seen more than we sent, hold the difference as if we had sent it just now.
        const now = clock.now();
        prune(now);
        // (no more than it takes to fill the budget: that already holds everyone back)
        const unseen = Math.min(max - observed.remaining, budget()) - inWindow();
        for (let i = 0; i < unseen; i++) sent.push(now);
      }
      pump();
    },

    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
      pump();
    },

    rateLimited(sentAt) {
      padding.rateLimited(sentAt);
    },

    snapshot() {
      prune(clock.now());
      return { max, intervalMs, budget: budget(), inWindow: inWindow(), pausedUntil, padMs: padding.ms() };
    },
  };
}
