/** HubSpot's own Node SDK as an independent client of the sandbox. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@hubspot/api-client';
import { connect, sandbox } from './helpers.ts';

test('@hubspot/api-client: crm.contacts.getAll pages through every contact', async (t) => {
  const sb = await sandbox(t, { contacts: 1234 });
  const { access_token: accessToken } = await connect(sb);
  const client = new Client({ accessToken, basePath: sb.url, numberOfApiCallRetries: 0 });
  const all = await client.crm.contacts.getAll(undefined, undefined, ['firstname', 'lastname', 'email', 'company']);
  assert.equal(all.length, 1234);
  assert.deepEqual(all.map((c) => c.id), Array.from({ length: 1234 }, (_, i) => String(i + 1)));
  const first = all[0];
  assert.ok(first);
  assert.equal(first.properties.firstname, 'José');
  assert.ok(first.createdAt instanceof Date && !Number.isNaN(first.createdAt.getTime()));
  assert.equal(sb.admin.stats().byPath['GET /crm/objects/contacts'], 13, '100 per page');

  const one = await client.crm.contacts.basicApi.getById('2', ['firstname', 'lastname']);
  assert.equal(one.properties.lastname, '王');

  const found = await client.crm.contacts.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'LTE' as never, value: '3' }] }],
    sorts: ['hs_object_id'], properties: ['email'], limit: 10, after: '0',
  });
  assert.equal(found.total, 3);

  const props = await client.crm.properties.coreApi.getAll('contacts');
  assert.ok(props.results.some((p) => p.name === 'lifecyclestage'));
});

test('@hubspot/api-client: its retries recognise the sandbox 5xx and the search secondly-limit body', async (t) => {
  const sb = await sandbox(t, { contacts: 300, searchRateLimitPerSecond: 1, faults: { serverErrorRate: 0.3 } });
  const { access_token: accessToken } = await connect(sb);
  const client = new Client({ accessToken, basePath: sb.url, numberOfApiCallRetries: 6 });
  const silence = t.mock.method(console, 'error', () => undefined);
  const all = await client.crm.contacts.getAll();
  assert.equal(all.length, 300);
  assert.ok(sb.admin.stats().serverErrors > 0);
  sb.admin.setFaults({});
  const searches = await Promise.all([0, 1].map(() => client.crm.contacts.searchApi.doSearch({ limit: 1 })));
  assert.ok(searches.every((r) => r.total === 300));
  assert.equal(sb.admin.stats().tooManyRequests, 1, 'the second search was limited, then retried by the SDK');
  silence.mock.restore();
});

test('@hubspot/api-client: oauth.tokensApi.create exchanges a code (v1 path) and refreshes', async (t) => {
  const sb = await sandbox(t, { contacts: 5 });
  const redirectUri = sb.redirectUris[0] as string;
  const code = sb.admin.authorize({ redirectUri });
  const client = new Client({ basePath: sb.url });
  const tokens = await client.oauth.tokensApi.create('authorization_code', code, redirectUri, sb.clientId, sb.clientSecret);
  assert.ok(tokens.accessToken.startsWith('CO'));
  assert.ok(tokens.refreshToken);
  assert.equal(tokens.expiresIn, 1800);
  assert.equal(tokens.tokenType, 'bearer');
  assert.equal(sb.admin.stats().byPath['POST /oauth/{v}/token'], 1);

  const refreshed = await client.oauth.tokensApi.create('refresh_token', undefined, undefined, sb.clientId, sb.clientSecret, tokens.refreshToken);
  assert.notEqual(refreshed.accessToken, tokens.accessToken);

  await assert.rejects(client.oauth.tokensApi.create('authorization_code', code, redirectUri, sb.clientId, sb.clientSecret), (err: { code?: number }) => err.code === 400);

  const authed = new Client({ accessToken: refreshed.accessToken, basePath: sb.url });
  const page = await authed.crm.contacts.basicApi.getPage(2);
  assert.equal(page.results.length, 2);
  assert.ok(page.paging?.next?.after);
});
