/** Owner names and list filters ride on optional scopes: asked for, reported when missing, never blocking. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { accountFromIntrospection } from '../../../../electron/core/auth/account.ts';
import { createAuthRecords } from '../../../../electron/core/auth/auth-records.ts';
import { buildAuthorizationUrl } from '../../../../electron/core/auth/authorization-url.ts';
import { loadConfig } from '../../../../electron/core/config.ts';
import { statusView } from '../../../../electron/core/status/status-model.ts';
import { idleSync, signedInAs } from '../status/fixtures.ts';

const required = ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'];
const optional = ['crm.objects.owners.read', 'crm.lists.read'];
const introspection = { active: true as const, hubId: 1, hubDomain: 'acme.example', userEmail: 'pat@acme.example' };

test('the consent URL asks for owners and lists as optional_scope, space-separated', () => {
  const href = buildAuthorizationUrl(
    { authBaseUrl: 'https://app.hubspot.com', clientId: 'c', scopes: required, optionalScopes: optional },
    { redirectUri: 'http://localhost:53682/oauth-callback', state: 's', codeChallenge: 'x'.repeat(43) },
  );
  assert.match(href, /[?&]optional_scope=crm\.objects\.owners\.read%20crm\.lists\.read(&|$)/);
  assert.equal(new URL(href).searchParams.get('scope'), required.join(' '), 'not mixed into the required scopes');
  const without = buildAuthorizationUrl({ authBaseUrl: 'https://app.hubspot.com', clientId: 'c', scopes: required, optionalScopes: [] }, { redirectUri: 'http://localhost:1/cb', state: 's', codeChallenge: 'x'.repeat(43) });
  assert.equal(new URL(without).searchParams.has('optional_scope'), false);
});

test('the app asks for both optional scopes by default; HUBSPOT_OPTIONAL_SCOPES=none asks for none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-optional-'));
  try {
    const env = { HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'secret' };
    assert.deepEqual(loadConfig({ env, defaultDataDir: dir }).hubspot?.optionalScopes, optional);
    assert.deepEqual(loadConfig({ env: { ...env, HUBSPOT_OPTIONAL_SCOPES: 'none' }, defaultDataDir: dir }).hubspot?.optionalScopes, []);
    assert.deepEqual(loadConfig({ env: { ...env, HUBSPOT_OPTIONAL_SCOPES: 'crm.lists.read' }, defaultDataDir: dir }).hubspot?.optionalScopes, ['crm.lists.read']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing optional scope is named with what it adds, and does not turn the connection into "Permission missing"', () => {
  const account = accountFromIntrospection({ ...introspection, scopes: [...required, 'crm.lists.read'] }, required, optional);
  assert.deepEqual(account.missingScopes, [{ scope: 'crm.objects.owners.read', blocks: 'Contact owner names', optional: true }]);
  const both = accountFromIntrospection({ ...introspection, scopes: required }, required, optional);
  assert.deepEqual(both.missingScopes.map((m) => m.blocks), ['Contact owner names', 'Filtering by HubSpot lists']);

  // what is saved for the next start keeps the flag (JSON round trip, as the store writes it)
  const saved = new Map<string, unknown>();
  const records = createAuthRecords({ get: (k) => saved.get(k), set: (k, v) => saved.set(k, JSON.parse(JSON.stringify(v))), delete: (k) => saved.delete(k) });
  records.setAccount(both);
  assert.deepEqual(records.account(), both);

  const base = { sync: idleSync, lastOutcome: { ok: true as const }, checkedAt: 1, lastSuccessAt: 1, showChecking: false };
  assert.equal(statusView({ ...base, auth: signedInAs(both) }).state, 'connected');
  const noContacts = accountFromIntrospection({ ...introspection, scopes: ['oauth', 'crm.schemas.contacts.read'] }, required, optional);
  const view = statusView({ ...base, auth: signedInAs(noContacts) });
  assert.equal(view.state, 'missing-scopes');
  assert.match(view.sentence, /seeing and syncing contacts/);
  assert.doesNotMatch(view.sentence, /owner|lists/, 'the red state names only what stops the connection');
});
