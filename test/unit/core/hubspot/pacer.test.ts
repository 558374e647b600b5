import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPacer } from '../../../../electron/core/hubspot/pacer.ts';
import { createManualClock } from '../status/manual-clock.ts';

/** Starts `count` acquisitions and records the order in which they are granted. */
function acquireMany(pacer: ReturnType<typeof createPacer>, count: number, granted: number[], signal?: AbortSignal): Promise<unknown>[] {
  return Array.from({ length: count }, (_, i) => pacer.acquire(signal).then(() => void granted.push(i)));
}

test('sends up to the limit at once, then waits until the oldest request leaves the window', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 10, intervalMs: 1000 });
  const granted: number[] = [];
  acquireMany(pacer, 12, granted);
  await clock.settle();
  assert.equal(granted.length, 10);
  await clock.advance(999);
  assert.equal(granted.length, 10, 'still inside the window of the first ten');
  await clock.advance(1);
  assert.deepEqual(granted, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'two slots freed at 1000 ms, in arrival order');
});

test('keeps the reserve free and widens the window by the padding', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 110, intervalMs: 10_000, reserve: (max) => Math.ceil(max * 0.05), padMs: 200 });
  const granted: number[] = [];
  acquireMany(pacer, 105, granted);
  await clock.settle();
  assert.equal(granted.length, 104);
  assert.equal(pacer.snapshot().budget, 104);
  await clock.advance(10_199);
  assert.equal(granted.length, 104);
  await clock.advance(1);
  assert.equal(granted.length, 105);
});

test('learns a different limit from the headers', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 10, intervalMs: 1000 });
  pacer.learn({ max: 4, intervalMs: 2000 });
  const granted: number[] = [];
  acquireMany(pacer, 5, granted);
  await clock.settle();
  assert.equal(granted.length, 4);
  await clock.advance(1999);
  assert.equal(granted.length, 4, 'the learned interval applies');
  await clock.advance(1);
  assert.equal(granted.length, 5);
  pacer.learn({ max: 0, intervalMs: -5 });
  assert.deepEqual([pacer.snapshot().max, pacer.snapshot().intervalMs], [4, 2000], 'nonsense values are ignored');
});

test('when HubSpot has counted more requests than we sent, the difference waits like our own', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 10, intervalMs: 1000 });
  await pacer.acquire();
  // another copy of the app on the same account has used 7 more
  pacer.learn({ max: 10, remaining: 2 });
  const granted: number[] = [];
  acquireMany(pacer, 3, granted);
  await clock.settle();
  assert.equal(granted.length, 2);
  await clock.advance(1000);
  assert.equal(granted.length, 3);
});

test('a pause after a 429 holds every request until it ends', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 100, intervalMs: 1000 });
  pacer.pauseFor(3000);
  const granted: number[] = [];
  acquireMany(pacer, 2, granted);
  await clock.advance(2999);
  assert.equal(granted.length, 0);
  await clock.advance(1);
  assert.equal(granted.length, 2);
});

test('an aborted wait leaves the queue at once and the others keep their places', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 1, intervalMs: 1000 });
  await pacer.acquire();
  const controller = new AbortController();
  const order: string[] = [];
  const cancelled = pacer.acquire(controller.signal).then(
    () => order.push('cancelled one was granted'),
    (reason: unknown) => order.push(`rejected: ${String(reason)}`),
  );
  const next = pacer.acquire().then(() => order.push('next'));
  controller.abort('stop');
  await cancelled;
  assert.deepEqual(order, ['rejected: stop']);
  await clock.advance(1000);
  await next;
  assert.deepEqual(order, ['rejected: stop', 'next']);
  await assert.rejects(pacer.acquire(AbortSignal.abort('already')), (reason) => reason === 'already');
});

test('a request no longer wanted when its turn comes is not counted, and its turn goes to the next at once', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 1, intervalMs: 1000 });
  await pacer.acquire();
  let wanted = true;
  const asked: number[] = [];
  const skipped = pacer.acquire(undefined, () => (asked.push(clock.now()), wanted));
  const next = pacer.acquire();
  const outcomes: string[] = [];
  void skipped.then((counted) => outcomes.push(`skipped: ${counted !== null}`));
  void next.then((counted) => outcomes.push(`next: ${counted !== null}`));
  // the page it was for arrives another way while it waits
  wanted = false;
  await clock.advance(999);
  assert.deepEqual(outcomes, [], 'asked only when the turn comes');
  await clock.advance(1);
  assert.deepEqual(outcomes, ['skipped: false', 'next: true'], 'the next took the turn');
  assert.equal(asked.length, 1);
  assert.equal(pacer.snapshot().inWindow, 1, 'only the request sent is counted');
});

test('a "still wanted" check that throws fails its own request only', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 1, intervalMs: 1000 });
  await pacer.acquire();
  // both wait: the check is made when the pacer's timer gives the turn
  const broken = pacer.acquire(undefined, () => {
    throw new Error('broken check');
  });
  const failed = assert.rejects(broken, /broken check/);
  const next = pacer.acquire();
  await clock.advance(1000);
  await failed;
  assert.notEqual(await next, null);
  assert.equal(pacer.snapshot().inWindow, 1);
});

test('a request that leaves after its turn (a slow token, a held-up process) counts from when it left', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 1, intervalMs: 1000 });
  const counted = await pacer.acquire();
  assert.equal(counted, clock.now());
  await clock.advance(300);
  pacer.leftAt(counted as number, clock.now());
  let granted = false;
  void pacer.acquire().then(() => (granted = true));
  await clock.advance(999);
  assert.equal(granted, false, 'a second after its turn would have been 300 ms after it really left');
  await clock.advance(1);
  assert.equal(granted, true, 'a second after it left');
});

test('smooth pacing spreads a window\'s requests evenly instead of sending them at once', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 5, intervalMs: 1000, padMs: 100, smooth: true });
  const granted: number[] = [];
  const at: number[] = [];
  const start = clock.now();
  for (let i = 0; i < 6; i++) void pacer.acquire().then(() => void (granted.push(i), at.push(clock.now() - start)));
  await clock.advance(2000);
  assert.deepEqual(at, [0, 220, 440, 660, 880, 1100]);
});

/** Search's pacer as the client makes it, with a short clean stretch so narrowing can be seen. */
function adaptivePacer(clock: ReturnType<typeof createManualClock>, narrowAfter = 1000) {
  return createPacer(clock, { max: 5, intervalMs: 1000, padMs: 25, adaptivePad: { maxMs: 400, narrowAfter }, smooth: true });
}

/** Asks for `count` turns at once and returns when each was granted, from the clock's start. */
async function grantTimes(clock: ReturnType<typeof createManualClock>, pacer: ReturnType<typeof createPacer>, count: number, start: number): Promise<number[]> {
  const at: number[] = [];
  for (let i = 0; i < count; i++) void pacer.acquire().then(() => void at.push(clock.now() - start));
  await clock.advance(count * 1000);
  return at;
}

test('an adaptive padding starts small, doubles after a 429, and the spacing follows at once', async () => {
  const clock = createManualClock();
  const pacer = adaptivePacer(clock);
  const start = clock.now();
  const at: number[] = [];
  for (let i = 0; i < 3; i++) void pacer.acquire().then(() => void at.push(clock.now() - start));
  await clock.advance(410);
  assert.deepEqual(at, [0, 205, 410], '(1000 + 25) / 5 apart');
  assert.equal(pacer.snapshot().padMs, 25);
  pacer.rateLimited(start + 205);
  assert.equal(pacer.snapshot().padMs, 50);
  for (let i = 0; i < 3; i++) void pacer.acquire().then(() => void at.push(clock.now() - start));
  await clock.advance(1000);
  assert.deepEqual(at, [0, 205, 410, 620, 830, 1050], '(1000 + 50) / 5 apart from the 429 on, and no sixth within 1,050 ms of the first');
});

test('429s for requests sent before the padding widened widen it once; a later one widens it again, up to its most', async () => {
  const clock = createManualClock();
  const pacer = adaptivePacer(clock);
  const start = clock.now();
  await grantTimes(clock, pacer, 3, start);
  pacer.rateLimited(start);
  pacer.rateLimited(start + 205);
  pacer.rateLimited(start + 410);
  assert.equal(pacer.snapshot().padMs, 50, 'three requests in flight under 25 ms: one widening');
  await clock.advance(1);
  pacer.rateLimited(clock.now());
  assert.equal(pacer.snapshot().padMs, 100, 'a request sent under 50 ms drew one too');
  for (let i = 0; i < 5; i++) {
    await clock.advance(1);
    pacer.rateLimited(clock.now());
  }
  assert.equal(pacer.snapshot().padMs, 400, 'no wider than its most');
});

test('after a clean stretch the padding narrows by a quarter, never below where it started', async () => {
  const clock = createManualClock();
  const pacer = adaptivePacer(clock, 4);
  const start = clock.now();
  pacer.rateLimited(start);
  await clock.advance(1);
  pacer.rateLimited(clock.now());
  assert.equal(pacer.snapshot().padMs, 100);
  await grantTimes(clock, pacer, 3, clock.now());
  assert.equal(pacer.snapshot().padMs, 100, 'three clean requests are not yet a stretch');
  await grantTimes(clock, pacer, 1, clock.now());
  assert.equal(pacer.snapshot().padMs, 75);
  // a 429 restarts the count: four more after it before the next narrowing
  await grantTimes(clock, pacer, 3, clock.now());
  pacer.rateLimited(0);
  assert.equal(pacer.snapshot().padMs, 75, 'sent before the last widening: no wider, but not clean either');
  await grantTimes(clock, pacer, 3, clock.now());
  assert.equal(pacer.snapshot().padMs, 75);
  const pads: number[] = [];
  for (let i = 0; i < 6; i++) {
    await grantTimes(clock, pacer, 4, clock.now());
    pads.push(pacer.snapshot().padMs);
  }
  assert.deepEqual(pads, [56, 42, 31, 25, 25, 25]);
});

test('a pacer without an adaptive padding keeps its padding after a 429', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 5, intervalMs: 1000, padMs: 100, smooth: true });
  pacer.rateLimited(clock.now());
  assert.equal(pacer.snapshot().padMs, 100);
  assert.deepEqual(await grantTimes(clock, pacer, 3, clock.now()), [0, 220, 440]);
});

test('the first window after a quiet spell counts its requests as sent later, once: spacing unchanged, the sixth later by that much', async () => {
  const clock = createManualClock();
  const pacer = createPacer(clock, { max: 5, intervalMs: 1000, padMs: 25, coldPadMs: 100, smooth: true });
  assert.deepEqual(await grantTimes(clock, pacer, 8, clock.now()), [0, 205, 410, 615, 820, 1125, 1330, 1535]);
  // quiet for a window: the next requests open connections again
  await clock.advance(2000);
  const start = clock.now();
  assert.deepEqual(await grantTimes(clock, pacer, 7, start), [0, 205, 410, 615, 820, 1125, 1330]);
});
