import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusView, type CheckOutcome, type StatusInputs } from '../../../../electron/core/status/status-model.ts';
import type { ConnectionState, ErrorKind, StatusView } from '../../../../electron/ipc/types.ts';
import { acme, idleSync, signedInAs } from './fixtures.ts';

const lastSuccessAt = Date.UTC(2026, 4, 4, 9, 40);
const checkedAt = Date.UTC(2026, 4, 4, 9, 42);

const failed = (kind: ErrorKind, details?: Record<string, number>): CheckOutcome => ({ ok: false, error: { kind, message: 'x', ...(details ? { details } : {}) } });

function view(overrides: Partial<StatusInputs>): StatusView {
  return statusView({ auth: signedInAs(), sync: idleSync, lastOutcome: { ok: true }, checkedAt, lastSuccessAt, showChecking: false, ...overrides });
}

const cases: { name: string; inputs: Partial<StatusInputs>; state: ConnectionState; label: string; command: string | null }[] = [
  { name: 'signed out', inputs: { auth: { status: 'signed-out' } }, state: 'signed-out', label: 'Not signed in', command: 'sign-in' },
  { name: 'signing in', inputs: { auth: { status: 'signing-in', startedAt: 0, expiresAt: 1 } }, state: 'signed-out', label: 'Signing in…', command: null },
  { name: 'no answer yet', inputs: { lastOutcome: null, checkedAt: null, lastSuccessAt: null }, state: 'checking', label: 'Checking…', command: null },
  { name: 'user asked for a check', inputs: { showChecking: true }, state: 'checking', label: 'Checking…', command: null },
  { name: 'check worked', inputs: {}, state: 'connected', label: 'Connected', command: null },
  { name: 'sync running', inputs: { sync: { ...idleSync, running: true, kind: 'full' } }, state: 'syncing', label: 'Syncing', command: null },
  { name: 'no network', inputs: { lastOutcome: failed('offline') }, state: 'offline', label: 'Offline', command: 'check-connection' },
  { name: "HubSpot's address refused, the OS says online", inputs: { lastOutcome: failed('hubspot-unreachable') }, state: 'hubspot-unreachable', label: "HubSpot can't be reached", command: 'check-connection' },
  { name: "HubSpot's address refused, the OS says no network", inputs: { lastOutcome: failed('hubspot-unreachable'), networkOnline: false }, state: 'offline', label: 'Offline', command: 'check-connection' },
  { name: 'no route, the OS says online', inputs: { lastOutcome: failed('offline'), networkOnline: true }, state: 'offline', label: 'Offline', command: 'check-connection' },
  { name: 'HubSpot 5xx', inputs: { lastOutcome: failed('hubspot-down') }, state: 'hubspot-unavailable', label: 'HubSpot not responding', command: 'check-connection' },
  { name: 'timed out', inputs: { lastOutcome: failed('timed-out') }, state: 'hubspot-unavailable', label: 'HubSpot not responding', command: 'check-connection' },
  { name: 'unusable answer', inputs: { lastOutcome: failed('hubspot-error') }, state: 'hubspot-unavailable', label: 'HubSpot not responding', command: 'check-connection' },
  { name: '429', inputs: { lastOutcome: failed('rate-limited') }, state: 'rate-limited', label: 'Waiting for HubSpot', command: 'wait' },
  { name: 'daily limit', inputs: { lastOutcome: failed('daily-limit') }, state: 'rate-limited', label: 'Paused until tomorrow', command: 'wait' },
  { name: 'token refused by the check', inputs: { lastOutcome: failed('revoked') }, state: 'needs-sign-in', label: 'Sign-in needed', command: 'sign-in' },
  { name: 'check found no sign-in', inputs: { lastOutcome: failed('not-signed-in') }, state: 'needs-sign-in', label: 'Sign-in needed', command: 'sign-in' },
  { name: '403 missing scopes', inputs: { lastOutcome: failed('missing-scope') }, state: 'missing-scopes', label: 'Permission missing', command: 'sign-in' },
  {
    name: 'session refused the refresh',
    inputs: { auth: { status: 'needs-sign-in', reason: { kind: 'revoked', message: 'x' }, account: acme } },
    state: 'needs-sign-in',
    label: 'Sign-in needed',
    command: 'sign-in',
  },
  {
    name: 'sign-in lacked scopes',
    inputs: { auth: { status: 'needs-sign-in', reason: { kind: 'missing-scope', message: 'x' }, account: acme } },
    state: 'missing-scopes',
    label: 'Permission missing',
    command: 'sign-in',
  },
];

for (const { name, inputs, state, label, command } of cases) {
  test(`status: ${name} → ${state}`, () => {
    const status = view(inputs);
    assert.equal(status.state, state);
    assert.equal(status.label, label);
    assert.equal(status.action?.command ?? null, command);
    // One plain sentence (or two short ones) for office staff: no codes, no blanks, no jargon.
    assert.match(status.sentence, /^[A-Z].*[.]$/);
    assert.doesNotMatch(status.sentence, /undefined|null|NaN|\b(?:error|[45]\d\d|token|scope|oauth|api)\b|[a-z]+-[a-z]+-/i);
  });
}

test('the portal and the check times come with every signed-in state; signed out has none', () => {
  const offline = view({ lastOutcome: failed('offline') });
  assert.equal(offline.portal, 'acme.hubspot.com');
  assert.equal(offline.lastSuccessAt, lastSuccessAt);
  assert.equal(offline.checkedAt, checkedAt);
  assert.match(view({}).sentence, /connected to acme\.hubspot\.com\./);

  const signedOut = view({ auth: { status: 'signed-out' } });
  assert.deepEqual([signedOut.portal, signedOut.lastSuccessAt, signedOut.checkedAt], [null, null, null]);

  const refused = view({ auth: { status: 'needs-sign-in', reason: { kind: 'revoked', message: 'x' }, account: null } });
  assert.equal(refused.portal, null);
  assert.equal(refused.lastSuccessAt, lastSuccessAt, 'still says when it last worked');
  assert.doesNotMatch(refused.sentence, /for null|in null/);
});

test('what goes wrong outranks a running sync, and a check the user asked for outranks both', () => {
  const syncing = { ...idleSync, running: true };
  assert.equal(view({ sync: syncing, lastOutcome: failed('offline') }).state, 'offline');
  assert.equal(view({ sync: syncing, showChecking: true, lastOutcome: failed('offline') }).state, 'checking');
  assert.equal(view({ sync: syncing, lastOutcome: null }).state, 'syncing', 'a sync under way already shows HubSpot answering');
});

test('scopes missing from the sign-in show as missing permissions, naming what they block', () => {
  const account = { ...acme, missingScopes: [{ scope: 'crm.schemas.contacts.read', blocks: 'choosing columns (contact properties)' }] };
  const status = view({ auth: signedInAs(account) });
  assert.equal(status.state, 'missing-scopes');
  assert.equal(
    status.sentence,
    "Contact Desk doesn't have permission for choosing columns (contact properties) in acme.hubspot.com. Sign in again and approve everything HubSpot asks for; if you can't, ask a HubSpot Super Admin to do it.",
  );
  const two = {
    ...acme,
    missingScopes: [
      { scope: 'a', blocks: 'seeing and syncing contacts' },
      { scope: 'b', blocks: 'choosing columns' },
    ],
  };
  assert.match(view({ auth: signedInAs(two) }).sentence, /permission for seeing and syncing contacts and choosing columns in/);
});

test('offline and outage sentences say the saved contacts are still usable', () => {
  for (const kind of ['offline', 'hubspot-unreachable', 'hubspot-down', 'daily-limit'] as const) {
    assert.match(view({ lastOutcome: failed(kind) }).sentence, /saved contacts are still here, and you can export them\./);
  }
});

test('only "Offline" tells the user to check their internet connection', () => {
  assert.match(view({ lastOutcome: failed('offline') }).sentence, /Check that this computer is connected to the internet/);
  for (const kind of ['hubspot-unreachable', 'hubspot-down'] as const) {
    assert.doesNotMatch(view({ lastOutcome: failed(kind) }).sentence, /internet/, kind);
  }
  assert.match(view({ lastOutcome: failed('hubspot-unreachable') }).sentence, /This computer is online, but it can't connect to HubSpot's address/);
});
