import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountFromIntrospection, missingScopes } from '../../../../electron/core/auth/account.ts';

const requested = ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'];

test('an account with every requested scope has nothing missing', () => {
  const account = accountFromIntrospection({ active: true, hubId: 42, hubDomain: 'acme.com', userEmail: 'ana@acme.com', scopes: [...requested, 'extra'] }, requested);
  assert.deepEqual(account, { hubId: 42, domain: 'acme.com', userEmail: 'ana@acme.com', scopes: [...requested, 'extra'], missingScopes: [] });
});

test('the HubSpot user id is kept when HubSpot gives one, so the signed-in user can be matched to their owner', () => {
  const account = accountFromIntrospection({ active: true, hubId: 42, hubDomain: 'acme.com', userEmail: 'ana@acme.com', userId: 9001, scopes: requested }, requested);
  assert.equal(account.userId, 9001);
});

test('each missing scope says what it blocks, in plain words', () => {
  assert.deepEqual(missingScopes(requested, ['oauth']), [
    { scope: 'crm.objects.contacts.read', blocks: 'seeing and syncing contacts' },
    { scope: 'crm.schemas.contacts.read', blocks: 'choosing columns (contact properties)' },
  ]);
  assert.deepEqual(missingScopes(['oauth', 'crm.export'], []), [
    { scope: 'oauth', blocks: 'signing in' },
    { scope: 'crm.export', blocks: 'some of Contact Desk’s features' },
  ]);
});
