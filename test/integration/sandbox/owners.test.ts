import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OWNER_CONTACTS } from '../../../sandbox/contacts-data.ts';
import { CONTACTS_V, api, connect, json, postForm, sandbox } from './helpers.ts';
import type { PageJson } from './helpers.ts';

interface OwnerJson {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  userId?: number;
  userIdIncludingInactive?: number;
  type: string;
  teams?: { id: string; name: string; primary: boolean }[];
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}
interface OwnersPage {
  results: OwnerJson[];
  paging?: { next?: { after: string; link: string } };
}
interface ErrorJson {
  status: string;
  message: string;
  correlationId: string;
  category: string;
  errors?: { context?: { requiredGranularScopes?: string[] } }[];
}

const OWNERS = '/crm/owners/2026-03';

async function allPages(get: (after?: string) => Promise<OwnersPage>): Promise<OwnerJson[]> {
  const out: OwnerJson[] = [];
  let after: string | undefined;
  do {
    const page = await get(after);
    out.push(...page.results);
    after = page.paging?.next?.after;
  } while (after);
  return out;
}

test('owners: both paths, HubSpot paging with after/limit, archived=true gives only archived owners', async (t) => {
  const sb = await sandbox(t, { contacts: 30 });
  const { access_token: token } = await connect(sb);
  for (const path of [OWNERS, '/crm/v3/owners', '/crm/v3/owners/']) {
    const res = await api(sb, token, `${path}?limit=3`);
    assert.equal(res.status, 200, path);
    assert.ok(res.headers.get('x-hubspot-ratelimit-remaining') !== null, 'the general limit applies');
    const page = await json<OwnersPage>(res);
    assert.equal(page.results.length, 3);
    assert.ok(page.paging?.next?.after && page.paging.next.link.includes('after='));
  }

  const active = await allPages(async (after) => json<OwnersPage>(await api(sb, token, `${OWNERS}?limit=4${after ? `&after=${after}` : ''}`)));
  assert.ok(active.length >= 10, `${active.length} active owners`);
  assert.equal(new Set(active.map((o) => o.id)).size, active.length, 'no owner twice across pages');
  assert.deepEqual(active.map((o) => Number(o.id)), active.map((o) => Number(o.id)).sort((a, b) => a - b), 'ascending ids');
  const unpaged = await json<OwnersPage>(await api(sb, token, OWNERS));
  assert.deepEqual(unpaged.results, active, 'default limit 100 returns them all on one page');
  assert.equal(unpaged.paging, undefined);
  for (const o of active) {
    assert.match(o.id, /^\d+$/);
    assert.equal(o.archived, false);
    assert.ok(o.type === 'PERSON' || o.type === 'QUEUE');
    assert.ok(!Number.isNaN(Date.parse(o.createdAt)) && o.updatedAt >= o.createdAt);
  }
  assert.ok(active.some((o) => o.type === 'QUEUE' && o.userId === undefined), 'a queue');
  assert.ok(active.some((o) => o.firstName === undefined && o.lastName === undefined && o.email), 'an owner with no name fields');
  assert.ok(active.some((o) => o.firstName === '' && o.lastName === ''), 'an owner with empty names');
  assert.ok(active.some((o) => (o.teams?.length ?? 0) > 1 && o.teams?.filter((team) => team.primary).length === 1), 'teams, one primary');
  assert.ok(active.some((o) => /\p{Script=Han}/u.test(o.lastName ?? '')), 'names in other scripts');

  const archived = await json<OwnersPage>(await api(sb, token, `${OWNERS}?archived=true`));
  assert.ok(archived.results.length >= 2);
  for (const o of archived.results) {
    assert.equal(o.archived, true);
    assert.equal(o.userId, undefined, 'a deactivated user keeps only userIdIncludingInactive');
    assert.equal(typeof o.userIdIncludingInactive, 'number');
    assert.ok(!active.some((a) => a.id === o.id));
  }
});

test('owners: the signed-in user has an owner record (userId and email), found by userId, by id and by email', async (t) => {
  const sb = await sandbox(t, { contacts: 30 });
  const { access_token: token } = await connect(sb);
  const who = await json<{ user: string; user_id: number }>(await postForm(sb, '/oauth/2026-03/token/introspect', { client_id: sb.clientId, client_secret: sb.clientSecret, token, token_type_hint: 'access_token' }));
  const me = await json<OwnerJson>(await api(sb, token, `${OWNERS}/${who.user_id}?idProperty=userId`));
  assert.equal(me.userId, who.user_id);
  assert.equal(me.email, who.user);
  assert.deepEqual([me.firstName, me.lastName], ['Pat', 'Jones']);
  assert.deepEqual(await json(await api(sb, token, `${OWNERS}/${me.id}`)), me, 'idProperty defaults to id');
  assert.deepEqual(await json(await api(sb, token, `${OWNERS}/${me.id}?idProperty=id`)), me);
  const byEmail = await json<OwnersPage>(await api(sb, token, `${OWNERS}?email=${encodeURIComponent(who.user.toUpperCase())}`));
  assert.deepEqual(byEmail.results, [me], 'email filter, case-insensitive');
  assert.deepEqual((await json<OwnersPage>(await api(sb, token, `${OWNERS}?email=nobody%40example.com`))).results, []);
  assert.deepEqual(sb.admin.ownerOfSignedInUser(), me);

  const [gone] = sb.admin.owners({ archived: true });
  assert.ok(gone);
  assert.equal((await api(sb, token, `${OWNERS}/${gone.id}`)).status, 404, 'an archived owner is not found without archived=true');
  assert.equal((await json<OwnerJson>(await api(sb, token, `${OWNERS}/${gone.id}?archived=true`))).id, gone.id);
});

test('owners: errors are HubSpot bodies with a category', async (t) => {
  const sb = await sandbox(t, { contacts: 30 });
  const { access_token: token } = await connect(sb);
  const contactsCursor = (await json<PageJson>(await api(sb, token, `${CONTACTS_V}?limit=1`))).paging?.next?.after as string;
  const cases: [string, number, string][] = [
    [`${OWNERS}/12345`, 404, 'OBJECT_NOT_FOUND'],
    [`${OWNERS}/abc?idProperty=userId`, 404, 'OBJECT_NOT_FOUND'],
    [`${OWNERS}/12345?idProperty=email`, 400, 'VALIDATION_ERROR'],
    [`${OWNERS}?limit=0`, 400, 'VALIDATION_ERROR'],
    [`${OWNERS}?limit=501`, 400, 'VALIDATION_ERROR'],
    [`${OWNERS}?archived=maybe`, 400, 'VALIDATION_ERROR'],
    [`${OWNERS}?after=not-a-cursor`, 400, 'VALIDATION_ERROR'],
    [`${OWNERS}?after=${contactsCursor}`, 400, 'VALIDATION_ERROR'],
  ];
  for (const [path, status, category] of cases) {
    const res = await api(sb, token, path);
    assert.equal(res.status, status, path);
    const body = await json<ErrorJson>(res);
    assert.equal(body.status, 'error', path);
    assert.equal(body.category, category, path);
    assert.ok(body.message && body.correlationId, path);
  }
  const archivedCursor = (await json<OwnersPage>(await api(sb, token, `${OWNERS}?archived=true&limit=1`))).paging?.next?.after as string;
  assert.equal((await api(sb, token, `${OWNERS}?after=${archivedCursor}`)).status, 400, 'an archived-owners cursor does not page active owners');
  assert.equal((await api(sb, undefined, OWNERS)).status, 401);
});

test('owners need crm.objects.owners.read: 403 MISSING_SCOPES when the account does not grant it', async (t) => {
  const sb = await sandbox(t, { contacts: 30, accounts: [{ hubId: 5, domain: 'small.example', userEmail: 'sam@small.example', grantedScopes: ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'] }] });
  const tokens = await connect(sb);
  assert.deepEqual(tokens.scopes, ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'], 'the optional scopes were not granted');
  const res = await api(sb, tokens.access_token, OWNERS);
  assert.equal(res.status, 403);
  const body = await json<ErrorJson>(res);
  assert.equal(body.category, 'MISSING_SCOPES');
  assert.deepEqual(body.errors?.[0]?.context?.requiredGranularScopes, ['crm.objects.owners.read']);
  assert.equal((await api(sb, tokens.access_token, `${CONTACTS_V}?limit=1`)).status, 200, 'contacts still work');
});

test('contacts carry hubspot_owner_id: fixed per seed; none, archived and no-longer-listed owners included; "me" well represented', async (t) => {
  const props = 'hubspot_owner_id';
  const read = async (seed: number) => {
    const sb = await sandbox(t, { contacts: 3000, seed });
    const { access_token: token } = await connect(sb);
    const values: (string | null)[] = [];
    let after: string | undefined;
    do {
      const page = await json<PageJson>(await api(sb, token, `${CONTACTS_V}?limit=100&properties=${props}${after ? `&after=${after}` : ''}`));
      values.push(...page.results.map((c) => c.properties.hubspot_owner_id ?? null));
      after = page.paging?.next?.after;
    } while (after);
    return { sb, values };
  };
  const a = await read(7);
  const again = await read(7);
  const other = await read(8);
  assert.deepEqual(again.values, a.values, 'same seed, same owners');
  const active = new Set(a.sb.admin.owners().map((o) => o.id));
  const archived = new Set(a.sb.admin.owners({ archived: true }).map((o) => o.id));
  const me = a.sb.admin.ownerOfSignedInUser().id;
  const count = (pred: (v: string | null) => boolean) => a.values.filter(pred).length;
  const none = count((v) => v === null);
  const toArchived = count((v) => v !== null && archived.has(v));
  const gone = count((v) => v !== null && !active.has(v) && !archived.has(v));
  const mine = count((v) => v === me);
  assert.ok(none > 150 && none < 600, `${none} without owner`);
  assert.ok(toArchived > 30 && toArchived < 200, `${toArchived} pointing at an archived owner`);
  assert.ok(gone > 5 && gone < 80, `${gone} pointing at an id no longer listed`);
  assert.ok(mine > 400, `${mine} owned by the signed-in user`);
  assert.notDeepEqual(other.values.map((v) => v === null), a.values.map((v) => v === null), 'another seed, other owners');

  // the hand-written contacts have one owner of each kind
  const ownerOf = (id: string) => a.sb.admin.getContact(id)?.properties.hubspot_owner_id ?? null;
  assert.equal(ownerOf(OWNER_CONTACTS.me), me);
  assert.ok(archived.has(ownerOf(OWNER_CONTACTS.archived) as string));
  const goneId = ownerOf(OWNER_CONTACTS.gone) as string;
  assert.ok(goneId && !active.has(goneId) && !archived.has(goneId));
  assert.equal(ownerOf(OWNER_CONTACTS.none), null);
  const owner = (id: string) => a.sb.admin.owners().find((o) => o.id === ownerOf(id));
  assert.equal(owner(OWNER_CONTACTS.queue)?.type, 'QUEUE');
  assert.equal(owner(OWNER_CONTACTS.unnamed)?.firstName, undefined);
  assert.equal(owner(OWNER_CONTACTS.blank)?.firstName, '');
});

test('admin: archiving an owner moves it to archived=true and out of the property options; deleting one removes it', async (t) => {
  const sb = await sandbox(t, { contacts: 30 });
  const { access_token: token } = await connect(sb);
  const options = async () => {
    const list = await json<{ results: { name: string; options: { value: string; label: string }[] }[] }>(await api(sb, token, '/crm/properties/2026-03/contacts'));
    return list.results.find((p) => p.name === 'hubspot_owner_id')?.options ?? [];
  };
  const [, maria, li] = sb.admin.owners();
  assert.ok(maria && li);
  assert.deepEqual((await options()).find((o) => o.value === maria.id), { value: maria.id, label: 'María García', description: '', displayOrder: 1, hidden: false });

  sb.admin.archiveOwner(maria.id);
  assert.ok(!(await options()).some((o) => o.value === maria.id));
  const archived = await json<OwnersPage>(await api(sb, token, `${OWNERS}?archived=true`));
  const now = archived.results.find((o) => o.id === maria.id);
  assert.equal(now?.archived, true);
  assert.equal(now?.userId, undefined);

  const admin = (path: string, method: string) => fetch(`${sb.url}/__sandbox${path}`, { method });
  assert.equal((await admin(`/owners/${li.id}`, 'DELETE')).status, 204);
  assert.equal((await api(sb, token, `${OWNERS}/${li.id}`)).status, 404);
  assert.equal((await api(sb, token, `${OWNERS}/${li.id}?archived=true`)).status, 404);
  const listed = await json<{ results: OwnerJson[] }>(await admin('/owners?archived=true', 'GET'));
  assert.ok(listed.results.some((o) => o.id === maria.id));
  assert.equal((await admin('/owners/123/archive', 'POST')).status, 400, 'unknown owner');
});

test('extraOwners: a big portal has more owners than one page', async (t) => {
  const sb = await sandbox(t, { contacts: 200, extraOwners: 250 });
  const { access_token: token } = await connect(sb);
  const first = await json<OwnersPage>(await api(sb, token, OWNERS));
  assert.equal(first.results.length, 100);
  const all = await allPages(async (after) => json<OwnersPage>(await api(sb, token, `${OWNERS}?limit=100${after ? `&after=${after}` : ''}`)));
  assert.equal(all.length, sb.admin.owners().length);
  assert.ok(all.length > 250);
  assert.equal(new Set(all.map((o) => o.email)).size, all.length, 'emails stay unique');
});
