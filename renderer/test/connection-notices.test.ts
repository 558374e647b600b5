import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Account, ContactsSummary, ErrorKind, StatusView, SyncProgress } from '../../electron/ipc/types.ts';
import { connectionNotice, savedContactsLine, syncBlockedReason, syncErrorNotice, type NoticeInputs } from '../src/lib/connection-notices.ts';

const account: Account = { hubId: 1, domain: 'acme.hubspot.com', userEmail: 'pat@acme.example', scopes: [], missingScopes: [] };
const signedIn: NoticeInputs['auth'] = { status: 'signed-in', account, storage: { protection: 'os', remembered: true } };
const summary: ContactsSummary = { count: 1234, lastSyncedAt: null, visibleColumns: [], syncedProperties: [] };
const now = Date.UTC(2026, 4, 4, 10, 0);
const checkedAt = now - 60_000;

const status = (state: StatusView['state'], at = checkedAt): StatusView => ({
  state,
  label: state,
  sentence: `The ${state} sentence.`,
  action: null,
  lastSuccessAt: null,
  checkedAt: at,
  portal: account.domain,
});
const stoppedSync = (kind: ErrorKind): SyncProgress => ({
  running: false,
  kind: 'full',
  fetched: 1200,
  total: 5000,
  startedAt: now - 120_000,
  lastSyncedAt: null,
  error: { kind, message: `The sync's ${kind} sentence.` },
});
const inputs = (overrides: Partial<NoticeInputs>): NoticeInputs => ({
  auth: signedIn,
  status: status('connected'),
  sync: null,
  checkedAtWhenSyncFailed: checkedAt,
  summary,
  now,
  ...overrides,
});

const sentencesOf = (paragraphs: string[]) => paragraphs.flatMap((paragraph) => paragraph.split(/(?<=[.:])\s+/));

test('HubSpot down while a sync was running: one notice, saying it once, with the saved contacts and that it keeps trying', () => {
  const given = inputs({ status: status('hubspot-unavailable'), sync: stoppedSync('hubspot-down') });
  const notice = connectionNotice(given)!;
  assert.equal(notice.title, 'HubSpot is not responding');
  assert.deepEqual(notice.paragraphs, [
    "HubSpot isn't answering right now, which is usually temporary.",
    `Your ${(1234).toLocaleString()} saved contacts are still here: you can search and export them.`,
    'Contact Desk keeps trying by itself, and finishes the sync that stopped.',
  ]);
  assert.equal(syncErrorNotice(given), null, 'the sync error is part of that notice, not a second one');
  const sentences = sentencesOf(notice.paragraphs);
  assert.equal(new Set(sentences).size, sentences.length, 'no sentence repeated');
});

test('only offline asks to check the internet connection', () => {
  assert.match(connectionNotice(inputs({ status: status('offline') }))!.paragraphs.join(' '), /Check that this computer is connected to the internet/);
  for (const state of ['hubspot-unreachable', 'hubspot-unavailable'] as const) {
    assert.doesNotMatch(connectionNotice(inputs({ status: status(state) }))!.paragraphs.join(' '), /internet/, state);
  }
  assert.equal(connectionNotice(inputs({ status: status('hubspot-unreachable') }))!.title, "HubSpot can't be reached");
});

test('a sync that stopped for lack of connection is shown until a check works after it, then clears itself', () => {
  const failedSync = stoppedSync('offline');
  // The status has not been checked since the sync stopped: the sync error is the only news.
  assert.equal(syncErrorNotice(inputs({ sync: failedSync }))?.kind, 'offline');
  // A check answered since (newer checkedAt) and HubSpot works: the cause is gone.
  assert.equal(syncErrorNotice(inputs({ sync: failedSync, status: status('connected', checkedAt + 5_000) })), null);
  // The check said offline: one notice, the connection's.
  const offline = inputs({ sync: failedSync, status: status('offline', checkedAt + 5_000) });
  assert.equal(syncErrorNotice(offline), null);
  assert.equal(connectionNotice(offline)!.title, 'You are offline');
});

test('"Sync stopped: no connection" never stays beside a later "Please sign in again"', () => {
  const later = inputs({
    auth: { status: 'needs-sign-in', reason: { kind: 'revoked', message: "HubSpot no longer accepts Contact Desk's access — sign in again." }, account },
    sync: stoppedSync('offline'),
  });
  const notice = connectionNotice(later)!;
  assert.equal(notice.title, 'Please sign in to HubSpot again');
  assert.equal(notice.action, 'sign-in');
  assert.equal(syncErrorNotice(later), null);
  assert.equal(syncErrorNotice(inputs({ ...later, sync: stoppedSync('revoked') })), null);
});

test('sync errors with causes of their own (a full disk) keep their notice beside any connection notice', () => {
  assert.equal(syncErrorNotice(inputs({ status: status('hubspot-unavailable'), sync: stoppedSync('disk-full') }))?.kind, 'disk-full');
  assert.equal(syncErrorNotice(inputs({ sync: { ...stoppedSync('disk-full'), running: true, error: null } })), null);
  assert.equal(syncErrorNotice(inputs({ sync: stoppedSync('cancelled') })), null, 'a cancelled sync has its own quiet note');
});

test('all well: no notice; a check that found a missing permission the account does not list: one notice', () => {
  assert.equal(connectionNotice(inputs({})), null);
  assert.equal(connectionNotice(inputs({ status: status('syncing') })), null);
  assert.equal(connectionNotice(inputs({ status: status('missing-scopes') }))!.action, 'sign-in');
  const listed = { ...signedIn, account: { ...account, missingScopes: [{ scope: 'x', blocks: 'y' }] } };
  assert.equal(connectionNotice(inputs({ auth: listed, status: status('missing-scopes') })), null, 'the permission notice lists them');
  const onlyOptional = { ...signedIn, account: { ...account, missingScopes: [{ scope: 'crm.lists.read', blocks: 'y', optional: true }] } };
  assert.equal(connectionNotice(inputs({ auth: onlyOptional, status: status('missing-scopes') }))!.action, 'sign-in', 'optional ones do not explain a required one missing');
});

test('Sync now says why it is unavailable while offline, unreachable, down or signed out', () => {
  assert.equal(syncBlockedReason(signedIn, status('connected')), null);
  assert.equal(syncBlockedReason(signedIn, status('rate-limited')), null);
  assert.match(syncBlockedReason(signedIn, status('offline'))!, /internet connection/);
  assert.match(syncBlockedReason(signedIn, status('hubspot-unreachable'))!, /can't be reached/);
  assert.match(syncBlockedReason(signedIn, status('hubspot-unavailable'))!, /isn't answering/);
  assert.match(syncBlockedReason({ status: 'needs-sign-in', reason: { kind: 'revoked', message: 'x' }, account }, null)!, /Sign in/);
});

test('the saved contacts line counts them and says as of when', () => {
  assert.equal(savedContactsLine({ ...summary, count: 1 }, now), 'Your 1 saved contact is still here: you can search and export it.');
  assert.equal(savedContactsLine({ ...summary, count: 0 }, now), null);
  assert.match(savedContactsLine({ ...summary, lastSyncedAt: now - 3_600_000 }, now)!, /still here \(as of .+\): you can search/);
});
