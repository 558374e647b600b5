import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConnectionMonitor } from '../../../../electron/core/status/connection-monitor.ts';
import { AppError } from '../../../../electron/core/errors.ts';
import type { AuthState, ErrorKind, StatusView, SyncProgress } from '../../../../electron/ipc/types.ts';
import { acme, globex, idleSync, observable, signedInAs } from './fixtures.ts';
import { createManualClock } from './manual-clock.ts';

const second = 1000;
const minute = 60 * second;

interface Held {
  succeed(): void;
  fail(kind: ErrorKind, details?: Record<string, number>): void;
}

/**
 * A monitor wired to a check whose answers the test decides: `answer` runs on each call, and
 * `hold()` makes calls wait until the test settles them.
 */
function setUp(options: { auth?: AuthState; intervalMinutes?: number; sync?: boolean } = {}) {
  const clock = createManualClock();
  const auth = observable<AuthState>(options.auth ?? signedInAs());
  const sync = observable<SyncProgress>(idleSync);
  const notices: string[] = [];
  const changes: StatusView[] = [];
  const held: Held[] = [];
  let interval = options.intervalMinutes ?? 5;
  const h = {
    clock,
    auth,
    sync,
    notices,
    changes,
    held,
    calls: [] as number[],
    signals: [] as AbortSignal[],
    answer: (): Promise<void> => Promise.resolve(),
    setInterval(minutes: number) {
      interval = minutes;
    },
    failWith(kind: ErrorKind, details?: Record<string, number>) {
      h.answer = () => Promise.reject(new AppError(kind, `failed: ${kind}`, details ? { details } : undefined));
    },
    succeed() {
      h.answer = () => Promise.resolve();
    },
    hold() {
      h.answer = () =>
        new Promise<void>((resolve, reject) => {
          held.push({ succeed: resolve, fail: (kind, details) => reject(new AppError(kind, `failed: ${kind}`, details ? { details } : undefined)) });
        });
    },
  };
  const monitor = createConnectionMonitor({
    check: (signal) => {
      h.calls.push(clock.now());
      h.signals.push(signal);
      return h.answer();
    },
    auth: { state: auth.get, onChange: auth.subscribe },
    ...(options.sync ? { sync: { progress: sync.get, onProgress: sync.subscribe } } : {}),
    clock,
    intervalMinutes: () => interval,
    notify: (title, body) => notices.push(`${title}: ${body}`),
  });
  monitor.onChange((status) => changes.push(status));
  return Object.assign(h, { monitor, start: clock.now() });
}

test('start checks at once, then every interval after a success', async () => {
  const h = setUp();
  h.monitor.start();
  await h.clock.settle();
  assert.deepEqual(h.calls, [h.start]);
  assert.equal(h.monitor.status().state, 'connected');
  assert.equal(h.monitor.status().lastSuccessAt, h.start);

  await h.clock.advance(5 * minute - 1);
  assert.equal(h.calls.length, 1, 'nothing before the interval is up');
  await h.clock.advance(1);
  assert.deepEqual(h.calls, [h.start, h.start + 5 * minute]);
  await h.clock.advance(15 * minute);
  assert.deepEqual(h.calls.slice(2), [h.start + 10 * minute, h.start + 15 * minute, h.start + 20 * minute]);
});

test('the first check shows "Checking…"; background checks keep showing the last answer', async () => {
  const h = setUp();
  h.hold();
  assert.equal(h.monitor.status().state, 'checking', 'before the first answer');
  h.monitor.start();
  await h.clock.settle();
  assert.equal(h.monitor.status().state, 'checking');
  h.held[0]!.succeed();
  await h.clock.settle();
  assert.equal(h.monitor.status().state, 'connected');

  await h.clock.advance(5 * minute);
  assert.equal(h.calls.length, 2);
  assert.equal(h.monitor.status().state, 'connected', 'a scheduled re-check does not flicker to checking');
  h.held[1]!.succeed();
  await h.clock.settle();
  assert.deepEqual(
    h.changes.map((status) => status.state),
    ['connected', 'connected'],
    'the last change is the new check time',
  );
});

test('checkNow shows "Checking…" and answers with the fresh status', async () => {
  const h = setUp();
  h.monitor.start();
  await h.clock.settle();
  await h.clock.advance(2 * minute);

  h.hold();
  const answer = h.monitor.checkNow();
  await h.clock.settle();
  assert.equal(h.monitor.status().state, 'checking');
  h.held[0]!.fail('offline');
  const status = await answer;
  assert.equal(status.state, 'offline');
  assert.equal(status.checkedAt, h.start + 2 * minute);
  assert.equal(status.lastSuccessAt, h.start);
  assert.deepEqual(h.changes.at(-1), status);
});

test('failures back off 30 s, 1 min, 2 min, 4 min, then the interval; a success resets it', async () => {
  const h = setUp();
  h.failWith('offline');
  h.monitor.start();
  await h.clock.settle();
  await h.clock.advance(30 * minute);
  const gaps = h.calls.slice(1).map((at, i) => at - h.calls[i]!);
  assert.deepEqual(gaps.slice(0, 7), [30 * second, 1 * minute, 2 * minute, 4 * minute, 5 * minute, 5 * minute, 5 * minute]);

  h.succeed();
  const before = h.calls.length;
  await h.clock.advance(5 * minute);
  assert.equal(h.calls.length, before + 1);
  assert.equal(h.monitor.status().state, 'connected');
  const last = h.calls.at(-1)!;
  await h.clock.advance(5 * minute);
  assert.equal(h.calls.at(-1)! - last, 5 * minute, 'back to the normal interval');
});

test('HubSpot not answering: the timeout counts as unavailable and backs off like any failure', async () => {
  const h = setUp();
  h.answer = () => new Promise(() => {});
  h.monitor.start();
  await h.clock.advance(60 * second - 1);
  assert.equal(h.monitor.status().state, 'checking');
  assert.equal(h.signals[0]!.aborted, false);
  await h.clock.advance(1);
  assert.equal(h.monitor.status().state, 'hubspot-unavailable');
  assert.equal(h.signals[0]!.aborted, true, 'the abandoned check is told to stop');
  await h.clock.advance(30 * second);
  assert.equal(h.calls.length, 2);
});

test('rate limits wait as long as HubSpot asks; sign-in problems are not retried faster than the interval', async () => {
  const h = setUp();
  h.failWith('rate-limited', { retryAfterSeconds: 90 });
  h.monitor.start();
  await h.clock.advance(10 * minute);
  assert.equal(h.calls[1]! - h.calls[0]!, 90 * second);
  assert.equal(h.monitor.status().state, 'rate-limited');

  const resumeAt = h.clock.now() + 3 * 60 * minute;
  h.failWith('daily-limit', { resumeAt });
  await h.monitor.checkNow();
  const afterDaily = h.calls.length;
  await h.clock.advance(3 * 60 * minute - 1);
  assert.equal(h.calls.length, afterDaily, 'nothing until the daily limit resets');
  h.succeed();
  await h.clock.advance(1);
  assert.equal(h.calls.at(-1), resumeAt);

  h.failWith('missing-scope');
  await h.monitor.checkNow();
  assert.equal(h.monitor.status().state, 'missing-scopes');
  const at = h.clock.now();
  await h.clock.advance(5 * minute);
  assert.equal(h.calls.at(-1)! - at, 5 * minute);
});

test('triggers during a check share exactly one follow-up, and checkNow answers with its result', async () => {
  const h = setUp();
  h.monitor.start();
  await h.clock.settle();
  await h.clock.advance(5 * minute - 10 * second);

  h.hold();
  h.monitor.notifyNetworkChange(false); // starts a check at once
  await h.clock.settle();
  assert.equal(h.calls.length, 2);

  const first = h.monitor.checkNow();
  const second_ = h.monitor.checkNow();
  h.monitor.notifyWake();
  h.monitor.notifyNetworkChange(true);
  await h.clock.advance(20 * second); // the settle delay and the due scheduled check both fall inside the running check
  assert.equal(h.calls.length, 2, 'nothing runs beside the check under way');
  assert.equal(h.monitor.status().state, 'connected');

  h.held[0]!.fail('offline');
  await h.clock.settle();
  assert.equal(h.calls.length, 3, 'one follow-up');
  assert.equal(h.monitor.status().state, 'checking', 'the follow-up was asked for by the user, so it shows');

  h.held[1]!.succeed();
  const [a, b] = await Promise.all([first, second_]);
  assert.equal(a.state, 'connected');
  assert.deepEqual(a, b);
  await h.clock.advance(4 * minute);
  assert.equal(h.calls.length, 3, 'after the follow-up, the normal interval again');
  await h.clock.advance(1 * minute);
  assert.equal(h.calls.length, 4);
});

test('after a wake or the network coming back, one check once things settle', async () => {
  const h = setUp();
  h.monitor.start();
  await h.clock.settle();

  h.monitor.notifyWake();
  h.monitor.notifyNetworkChange(true);
  h.monitor.notifyWake();
  await h.clock.advance(3 * second - 1);
  assert.equal(h.calls.length, 1);
  await h.clock.advance(1);
  assert.equal(h.calls.length, 2);
  await h.clock.advance(10 * second);
  assert.equal(h.calls.length, 2);

  h.failWith('offline');
  h.monitor.notifyNetworkChange(false);
  await h.clock.settle();
  assert.equal(h.calls.length, 3, 'losing the network is checked at once');
  assert.equal(h.monitor.status().state, 'offline');

  h.succeed();
  h.monitor.notifyNetworkChange(true);
  await h.clock.advance(3 * second);
  assert.equal(h.monitor.status().state, 'connected');
  assert.equal(h.calls.length, 4);
});

test("what the OS says about the network decides between offline and HubSpot can't be reached", async () => {
  const h = setUp();
  h.failWith('hubspot-unreachable');
  h.monitor.start();
  await h.clock.settle();
  assert.equal(h.monitor.status().state, 'hubspot-unreachable', 'the OS has not said the network is gone');

  h.monitor.notifyNetworkChange(false);
  await h.clock.settle();
  assert.equal(h.monitor.status().state, 'offline', 'with no network at all, a refused connection is no news about HubSpot');

  h.monitor.notifyNetworkChange(true);
  await h.clock.advance(3 * second);
  assert.equal(h.monitor.status().state, 'hubspot-unreachable');
});

test('a new interval setting re-plans the next check from the last one', async () => {
  const h = setUp();
  h.monitor.start();
  await h.clock.advance(2 * minute);
  h.setInterval(30);
  h.monitor.intervalChanged();
  await h.clock.advance(27 * minute);
  assert.equal(h.calls.length, 1);
  await h.clock.advance(1 * minute);
  assert.deepEqual(h.calls, [h.start, h.start + 30 * minute]);

  h.setInterval(1);
  h.monitor.intervalChanged();
  await h.clock.settle();
  assert.deepEqual(h.clock.pendingDelays(), [1 * minute]);
});

test('signing out drops a running check, stops checking, and forgets the old answers', async () => {
  const h = setUp();
  h.monitor.start();
  await h.clock.settle();
  h.hold();
  await h.clock.advance(5 * minute);
  h.auth.set({ status: 'signed-out' });
  assert.equal(h.signals[1]!.aborted, true, 'the running check is told to stop');
  h.held[0]!.fail('offline');
  await h.clock.settle();
  assert.equal(h.monitor.status().state, 'signed-out');
  assert.equal(h.monitor.status().lastSuccessAt, null);
  assert.deepEqual(h.clock.pendingDelays(), []);

  const calls = h.calls.length;
  assert.equal((await h.monitor.checkNow()).state, 'signed-out');
  h.monitor.notifyWake();
  await h.clock.advance(60 * minute);
  assert.equal(h.calls.length, calls, 'no checks while signed out');

  h.succeed();
  h.auth.set(signedInAs(globex));
  await h.clock.settle();
  assert.equal(h.calls.length, calls + 1, 'signing in checks at once');
  assert.equal(h.monitor.status().portal, 'globex.hubspot.com');
  assert.equal(h.monitor.status().state, 'connected');
});

test('switching portals while a check runs: the old answer is ignored and the new portal is checked next', async () => {
  const h = setUp();
  h.hold();
  h.monitor.start();
  await h.clock.settle();
  h.auth.set(signedInAs(globex));
  h.held[0]!.fail('missing-scope');
  await h.clock.settle();
  assert.equal(h.calls.length, 2);
  assert.equal(h.monitor.status().state, 'checking');
  h.held[1]!.succeed();
  await h.clock.settle();
  assert.equal(h.monitor.status().state, 'connected');
  assert.equal(h.monitor.status().portal, 'globex.hubspot.com');
});

test('when HubSpot refuses the sign-in, the status keeps the last good time and checks stop', async () => {
  const h = setUp();
  h.monitor.start();
  await h.clock.settle();
  await h.clock.advance(1 * minute);
  h.auth.set({ status: 'needs-sign-in', reason: { kind: 'revoked', message: 'Sign in again.' }, account: acme });
  const status = h.monitor.status();
  assert.equal(status.state, 'needs-sign-in');
  assert.equal(status.lastSuccessAt, h.start);
  assert.equal(status.portal, 'acme.hubspot.com');
  assert.deepEqual(h.clock.pendingDelays(), []);
  assert.deepEqual(h.notices, [`HubSpot connection lost: ${status.sentence}`], 'needing the user is announced at once');
});

test('notifications: once when lost (after a retry confirms it), once when back', async () => {
  const h = setUp();
  h.monitor.start();
  await h.clock.settle();

  h.failWith('hubspot-down');
  await h.monitor.checkNow();
  assert.deepEqual(h.notices, [], 'a single failure may be a blip');
  await h.clock.advance(30 * second);
  assert.equal(h.notices.length, 1);
  assert.match(h.notices[0]!, /^HubSpot connection lost: HubSpot isn't answering/);
  await h.clock.advance(10 * minute);
  assert.equal(h.notices.length, 1, 'not on every failed check');

  h.failWith('rate-limited');
  await h.monitor.checkNow();
  h.succeed();
  await h.monitor.checkNow();
  assert.deepEqual(h.notices.slice(1), ['Connected again: Contact Desk is connected to acme.hubspot.com again.']);
  await h.clock.advance(20 * minute);
  assert.equal(h.notices.length, 2);
});

test('sync: shows syncing, and re-checks when a sync fails or works while trouble is shown', async () => {
  const h = setUp({ sync: true });
  h.monitor.start();
  await h.clock.settle();
  const running: SyncProgress = { ...idleSync, running: true, kind: 'full', startedAt: h.clock.now() };
  h.sync.set(running);
  assert.equal(h.monitor.status().state, 'syncing');

  h.sync.set({ ...idleSync, lastSyncedAt: h.clock.now() });
  await h.clock.settle();
  assert.equal(h.calls.length, 1, 'a sync that worked while connected proves nothing new');
  assert.equal(h.monitor.status().state, 'connected');

  h.failWith('offline');
  h.sync.set(running);
  h.sync.set({ ...idleSync, error: { kind: 'offline', message: 'No connection.' } });
  await h.clock.settle();
  assert.equal(h.calls.length, 2);
  assert.equal(h.monitor.status().state, 'offline');

  h.succeed();
  h.sync.set(running);
  h.sync.set({ ...idleSync, error: { kind: 'cancelled', message: 'Cancelled.' } });
  await h.clock.settle();
  assert.equal(h.calls.length, 2, 'a cancelled sync says nothing about the connection');
  h.sync.set(running);
  assert.equal(h.monitor.status().state, 'offline', 'trouble outranks a running sync');
  h.sync.set({ ...idleSync, lastSyncedAt: h.clock.now() });
  await h.clock.settle();
  assert.equal(h.calls.length, 3);
  assert.equal(h.monitor.status().state, 'connected');
});

test('stop ends all checking and listening; a throwing listener does not break the monitor', async () => {
  const h = setUp();
  h.monitor.onChange(() => {
    throw new Error('listener bug');
  });
  h.monitor.start();
  await h.clock.settle();
  assert.equal(h.monitor.status().state, 'connected');
  assert.equal(h.auth.listenerCount(), 1);

  h.monitor.stop();
  assert.equal(h.auth.listenerCount(), 0);
  assert.deepEqual(h.clock.pendingDelays(), []);
  h.monitor.notifyWake();
  await h.monitor.checkNow();
  await h.clock.advance(60 * minute);
  assert.equal(h.calls.length, 1);
});

test('a check that throws something unexpected reads as HubSpot unavailable, not a crash', async () => {
  const h = setUp();
  h.answer = () => {
    throw new TypeError('bug');
  };
  h.monitor.start();
  await h.clock.settle();
  assert.equal(h.monitor.status().state, 'hubspot-unavailable');
});
