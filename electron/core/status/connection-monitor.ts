/**
 * Keeps the connection status current: checks HubSpot every few minutes, after the computer wakes,
 * when the network comes back, after a sync that went wrong, and when the user asks.
 *
 * One check runs at a time. A trigger that arrives while a check is running does not join it: that
 * check may have started before whatever prompted the trigger (the network coming back, the user
 * fixing something), so its answer could be stale. Instead every trigger that arrives during a check
 * shares exactly one follow-up check, run as soon as the current one ends — at most one extra
 * request however many triggers pile up.
 */
import type { AuthState, StatusView, SyncProgress } from '../../ipc/types.ts';
import { toErrorView } from '../errors.ts';
import type { Clock, Logger, Timer } from '../ports.ts';
import { nextCheckDelay } from './check-schedule.ts';
import { notificationFor, type Announced } from './notification-policy.ts';
import { statusView, type CheckOutcome } from './status-model.ts';

export interface ConnectionMonitorDeps {
  /**
   * Proves the token is good and the API answers; throws an AppError (offline, hubspot-down,
   * rate-limited, daily-limit, revoked, not-signed-in, missing-scope). The signal aborts when the
   * answer is no longer wanted (timed out, signed out, stopped).
   */
  check: (signal: AbortSignal) => Promise<void>;
  auth: { state(): AuthState; onChange(listener: (state: AuthState) => void): () => void };
  sync?: { progress(): SyncProgress; onProgress(listener: (progress: SyncProgress) => void): () => void };
  clock: Clock;
  /** The "check every N minutes" setting, read each time the next check is planned. */
  intervalMinutes: () => number;
  /** A desktop notification when the connection is lost and when it comes back. */
  notify?: (title: string, body: string) => void;
  log?: Logger;
  /** A check that has not answered after this long counts as HubSpot not responding. */
  checkTimeoutMs?: number;
  /** How long to let Wi-Fi and DNS settle after a wake or the network coming back. */
  settleMs?: number;
}

export interface ConnectionMonitor {
  status(): StatusView;
  onChange(listener: (status: StatusView) => void): () => void;
  /** Checks now (or right after the check under way) and answers with the resulting status. */
  checkNow(): Promise<StatusView>;
  notifyWake(): void;
  /** The OS's network state changed (desktop: Electron's net.isOnline); it also decides offline vs unreachable. */
  notifyNetworkChange(online: boolean): void;
  /** Call after the interval setting changed, so the next check is re-planned with it. */
  intervalChanged(): void;
  start(): void;
  stop(): void;
}

export const defaultCheckTimeoutMs = 60_000;
export const defaultSettleMs = 3_000;
const defaultIntervalMinutes = 5;

export function createConnectionMonitor(deps: ConnectionMonitorDeps): ConnectionMonitor {
  const { clock, auth, sync, log } = deps;
  const checkTimeoutMs = deps.checkTimeoutMs ?? defaultCheckTimeoutMs;
  const settleMs = deps.settleMs ?? defaultSettleMs;
  const listeners = new Set<(status: StatusView) => void>();
  let unsubscribes: (() => void)[] = [];
  let started = false;

  // Results of checks for the current sign-in. `generation` changes whenever they stop applying
  // (sign-out, another account, stop), so a check that was running then is ignored when it ends.
  let generation = 0;
  let lastOutcome: CheckOutcome | null = null;
  let checkedAt: number | null = null;
  let lastSuccessAt: number | null = null;
  let failuresInARow = 0;
  let networkOnline = true;

  let running: { visible: boolean; abort: AbortController } | null = null;
  let followUp: { visible: boolean; waiters: ((status: StatusView) => void)[] } | null = null;
  let nextCheck: Timer | null = null;
  let settling: Timer | null = null;

  let previousAuth: AuthState = auth.state();
  let syncWasRunning = false;
  let announced: Announced = 'unknown';
  let current = compute();

  function compute(): StatusView {
    return statusView({
      auth: auth.state(),
      sync: sync?.progress() ?? null,
      lastOutcome,
      checkedAt,
      lastSuccessAt,
      showChecking: running?.visible ?? false,
      networkOnline,
    });
  }

  function refresh(): void {
    const next = compute();
    const changed = JSON.stringify(next) !== JSON.stringify(current);
    const stateChanged = next.state !== current.state;
    current = next;

    const decision = notificationFor(announced, next, failuresInARow);
    announced = decision.announced;
    const { notice } = decision;
    const notify = deps.notify;
    if (notice && notify) guard('notification', () => notify(notice.title, notice.body));

    if (stateChanged) log?.info('connection status changed', { state: next.state });
    if (changed) for (const listener of listeners) guard('status listener', () => listener(next));
  }

  function guard(what: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      log?.warn(`${what} failed`, { error: error instanceof Error ? error.name : typeof error });
    }
  }

  const signedIn = () => started && auth.state().status === 'signed-in';

  function requestCheck(visible: boolean): Promise<StatusView> {
    if (!signedIn()) return Promise.resolve(current);
    if (running) {
      followUp ??= { visible: false, waiters: [] };
      followUp.visible ||= visible;
      const pending = followUp;
      return new Promise((resolve) => pending.waiters.push(resolve));
    }
    return runCheck(visible);
  }

  async function runCheck(visible: boolean): Promise<StatusView> {
    cancel('next');
    const startedIn = generation;
    const abort = new AbortController();
    running = { visible: visible || lastOutcome === null, abort };
    refresh();
    const outcome = await checkWithTimeout(abort);
    running = null;
    if (startedIn === generation) record(outcome);
    refresh();

    const pending = followUp;
    followUp = null;
    if (pending) {
      void requestCheck(pending.visible).then((status) => pending.waiters.forEach((resolve) => resolve(status)));
    } else {
      planNextCheck();
    }
    return current;
  }

  function checkWithTimeout(abort: AbortController): Promise<CheckOutcome> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: CheckOutcome) => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(timer);
        resolve(outcome);
      };
      const timer = clock.setTimeout(() => {
        finish({ ok: false, error: { kind: 'hubspot-down', message: 'HubSpot took too long to answer.' } });
        abort.abort(new Error('The connection check took too long.'));
      }, checkTimeoutMs);
      Promise.resolve()
        .then(() => deps.check(abort.signal))
        .then(
          () => finish({ ok: true }),
          (error: unknown) => {
            const view = toErrorView(error);
            if (view.kind === 'internal') log?.warn('connection check failed unexpectedly', { error: error instanceof Error ? error.name : typeof error });
            finish({ ok: false, error: view });
          },
        );
    });
  }

  function record(outcome: CheckOutcome): void {
    checkedAt = clock.now();
    lastOutcome = outcome;
    if (outcome.ok) {
      lastSuccessAt = checkedAt;
      failuresInARow = 0;
    } else {
      failuresInARow += 1;
    }
  }

  /** The answers so far stop applying; a check under way is abandoned. */
  function invalidate(): void {
    generation += 1;
    running?.abort.abort(new Error('The connection check is no longer needed.'));
  }

  function forgetResults(): void {
    invalidate();
    lastOutcome = null;
    checkedAt = null;
    lastSuccessAt = null;
    failuresInARow = 0;
    cancel('next');
  }

  function planNextCheck(): void {
    cancel('next');
    if (!signedIn() || running) return;
    const now = clock.now();
    const lastError = lastOutcome && !lastOutcome.ok ? lastOutcome.error : null;
    const delay = nextCheckDelay({ intervalMs: intervalMs(), failuresInARow, lastError, now });
    const due = (checkedAt ?? now) + delay;
    nextCheck = clock.setTimeout(() => {
      nextCheck = null;
      void requestCheck(false);
    }, Math.max(0, due - now));
  }

  function intervalMs(): number {
    const minutes = deps.intervalMinutes();
    return (Number.isFinite(minutes) && minutes >= 1 ? minutes : defaultIntervalMinutes) * 60_000;
  }

  function checkOnceSettled(): void {
    if (!signedIn() || settling) return;
    settling = clock.setTimeout(() => {
      settling = null;
      void requestCheck(false);
    }, settleMs);
  }

  function cancel(which: 'next' | 'settling'): void {
    const timer = which === 'next' ? nextCheck : settling;
    if (timer) clock.clearTimeout(timer);
    if (which === 'next') nextCheck = null;
    else settling = null;
  }

  function onAuthChange(): void {
    const state = auth.state();
    const before = previousAuth;
    previousAuth = state;
    if (state.status === 'signed-in') {
      const newSignIn = before.status !== 'signed-in' || before.account.hubId !== state.account.hubId;
      if (newSignIn) {
        // New tokens (or another portal): earlier answers no longer say anything.
        forgetResults();
        refresh();
        void requestCheck(false);
        return;
      }
      refresh();
      return;
    }
    // Signed out, signing in, or HubSpot refused the sign-in: nothing to check until signed in again.
    // "Needs sign-in" keeps the last results so the tray can still say when it last worked.
    if (state.status === 'needs-sign-in') {
      invalidate();
      cancel('next');
    } else {
      forgetResults();
    }
    cancel('settling');
    refresh();
  }

  function onSyncProgress(): void {
    const progress = sync?.progress();
    if (!progress) return;
    const ended = syncWasRunning && !progress.running;
    syncWasRunning = progress.running;
    refresh();
    // A sync that ended is fresh evidence: re-check when it failed, or when it worked while the
    // status still shows trouble.
    const troubleShown = lastOutcome !== null && !lastOutcome.ok;
    if (ended && progress.error?.kind !== 'cancelled' && (progress.error !== null || troubleShown)) void requestCheck(false);
  }

  return {
    status() {
      refresh();
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    checkNow: () => requestCheck(true),
    notifyWake: checkOnceSettled,
    notifyNetworkChange(online) {
      networkOnline = online;
      // Losing the network shows at once (the check fails fast); getting it back needs a moment.
      if (online) checkOnceSettled();
      else void requestCheck(false);
    },
    intervalChanged() {
      if (signedIn() && !running) planNextCheck();
    },
    start() {
      if (started) return;
      started = true;
      previousAuth = auth.state();
      syncWasRunning = sync?.progress().running ?? false;
      unsubscribes = [auth.onChange(onAuthChange)];
      if (sync) unsubscribes.push(sync.onProgress(onSyncProgress));
      refresh();
      void requestCheck(false);
    },
    stop() {
      if (!started) return;
      started = false;
      invalidate();
      cancel('next');
      cancel('settling');
      for (const unsubscribe of unsubscribes) unsubscribe();
      unsubscribes = [];
    },
  };
}
