import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notificationFor, type Announced } from '../../../../electron/core/status/notification-policy.ts';
import { statusView, type CheckOutcome } from '../../../../electron/core/status/status-model.ts';
import type { AuthState, ErrorKind, StatusView } from '../../../../electron/ipc/types.ts';
import { acme, idleSync, signedInAs } from './fixtures.ts';

const status = (lastOutcome: CheckOutcome | null, auth: AuthState = signedInAs(), showChecking = false): StatusView =>
  statusView({ auth, sync: idleSync, lastOutcome, checkedAt: 1, lastSuccessAt: 1, showChecking });
const ok = status({ ok: true });
const failed = (kind: ErrorKind) => status({ ok: false, error: { kind, message: 'x' } });

/** Feeds a sequence of (status, failures in a row) through the policy and lists the notices. */
function replay(steps: [StatusView, number][], start: Announced = 'unknown'): string[] {
  let announced = start;
  const notices: string[] = [];
  for (const [next, failures] of steps) {
    const decision = notificationFor(announced, next, failures);
    announced = decision.announced;
    if (decision.notice) notices.push(`${decision.notice.title} | ${decision.notice.body}`);
  }
  return notices;
}

test('lost once (after a second failure confirms it), back once', () => {
  const offline = failed('offline');
  assert.deepEqual(replay([[ok, 0], [offline, 1], [status(null, signedInAs(), true), 1], [offline, 2], [offline, 3], [offline, 4], [ok, 0], [ok, 0]]), [
    `HubSpot connection lost | ${offline.sentence}`,
    'Connected again | Contact Desk is connected to acme.hubspot.com again.',
  ]);
});

test('a single blip says nothing, in either direction', () => {
  assert.deepEqual(replay([[ok, 0], [failed('hubspot-down'), 1], [ok, 0], [failed('offline'), 1], [ok, 0]]), []);
});

test('problems only the user can fix are announced at once', () => {
  const revoked: AuthState = { status: 'needs-sign-in', reason: { kind: 'revoked', message: 'x' }, account: acme };
  assert.equal(replay([[ok, 0], [status({ ok: true }, revoked), 0]]).length, 1);
  assert.equal(replay([[ok, 0], [failed('missing-scope'), 1]]).length, 1);
});

test('rate limits and checking are neither lost nor back; they do not reset what was announced', () => {
  assert.deepEqual(replay([[ok, 0], [failed('rate-limited'), 5], [failed('daily-limit'), 6], [ok, 0]]), []);
  const notices = replay([[ok, 0], [failed('offline'), 2], [failed('rate-limited'), 3], [status(null, signedInAs(), true), 3], [ok, 0]]);
  assert.deepEqual(notices.map((notice) => notice.split(' | ')[0]), ['HubSpot connection lost', 'Connected again']);
});

test('trouble present since start is not announced (the tray shows it); recovering from it is not either', () => {
  assert.deepEqual(replay([[failed('offline'), 1], [failed('offline'), 2], [ok, 0]]), []);
});

test('signing out resets: signing in later is not "connected again"', () => {
  assert.deepEqual(replay([[ok, 0], [failed('offline'), 2], [status(null, { status: 'signed-out' }), 0], [ok, 0]]).length, 1);
});
