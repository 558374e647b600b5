/**
 * The troubleshooting guide quotes the connection messages word for word, so staff can find what
 * they see: every fixed sentence of the connection status, its notices and the network errors
 * must appear in docs/troubleshooting.md.
 */
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Account, ErrorKind, StatusView } from '../../electron/ipc/types.ts';
import { sentences } from '../../electron/core/auth/token-errors.ts';
import { statusView } from '../../electron/core/status/status-model.ts';
import { connectionNotice } from '../src/lib/connection-notices.ts';
import { helpFor } from '../src/lib/error-help.ts';

const guide = readFileSync(new URL('../../docs/troubleshooting.md', import.meta.url), 'utf8').replaceAll('\n', ' ');
const account: Account = { hubId: 1, domain: 'acme.hubspot.com', userEmail: 'pat@acme.example', scopes: [], missingScopes: [] };
const signedIn = { status: 'signed-in', account, storage: { protection: 'os', remembered: true } } as const;

const failedWith = (kind: ErrorKind): StatusView =>
  statusView({ auth: signedIn, sync: null, lastOutcome: { ok: false, error: { kind, message: 'x' } }, checkedAt: 1, lastSuccessAt: null, showChecking: false });

test('the connection labels and their full sentences are in the guide', () => {
  for (const kind of ['offline', 'hubspot-unreachable', 'hubspot-down', 'rate-limited'] as const) {
    const status = failedWith(kind);
    assert.ok(guide.includes(`**${status.label}**`), `label "${status.label}"`);
    assert.ok(guide.includes(status.sentence), `sentence "${status.sentence}"`);
  }
});

test('the notices above the contacts are in the guide', () => {
  for (const kind of ['offline', 'hubspot-unreachable', 'hubspot-down'] as const) {
    const notice = connectionNotice({ auth: signedIn, status: failedWith(kind), sync: null, checkedAtWhenSyncFailed: null, summary: null, now: 0 })!;
    assert.ok(guide.includes(`**${notice.title}**`), `title "${notice.title}"`);
    for (const paragraph of [notice.paragraphs[0]!, notice.paragraphs.at(-1)!]) assert.ok(guide.includes(paragraph), `"${paragraph}"`);
  }
});

test('network errors while signing in and syncing are in the guide, with their headings', () => {
  for (const sentence of [sentences.offline, sentences.unreachable]) assert.ok(guide.includes(sentence), sentence);
  for (const kind of ['offline', 'hubspot-unreachable'] as const) {
    for (const context of ['sign-in', 'sync'] as const) {
      const { title } = helpFor({ kind }, context);
      assert.ok(guide.includes(`**${title}**`), `${context} heading "${title}"`);
    }
  }
  assert.ok(guide.includes('"Only the first 500 characters are searched."'));
});
