import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../../electron/core/errors.ts';
import { createOwnersApi, ownerDisplayName, ownerOfUser } from '../../../electron/core/hubspot/owners-api.ts';
import { apiWorld } from './world.ts';

test('listAllOwners: every active owner, then the archived ones, as plain values', async (t) => {
  const { sandbox, client } = await apiWorld(t, { contacts: 50, extraOwners: 230 });
  const owners = await createOwnersApi(client).listAllOwners();
  const active = sandbox.admin.owners();
  const archived = sandbox.admin.owners({ archived: true });
  assert.deepEqual(owners.map((o) => o.id), [...active, ...archived].map((o) => o.id));
  assert.ok(active.length > 200, 'more than two pages of 100');
  assert.equal(sandbox.admin.stats().byPath['GET /crm/owners'], Math.ceil(active.length / 100) + 1, 'every page once');

  const queue = owners.find((o) => o.type === 'QUEUE');
  assert.equal(queue?.userId, null, 'absent fields become null');
  const gone = owners.filter((o) => o.archived);
  assert.deepEqual(gone.map((o) => o.email), archived.map((o) => o.email));
  assert.ok(gone.every((o) => o.userId === null && typeof o.userIdIncludingInactive === 'number'));
  const withTeams = owners.find((o) => o.teams.length > 1);
  assert.equal(withTeams?.teams.filter((team) => team.primary).length, 1);
});

test('ownerOfUser finds the signed-in user by userId, else by email; never an archived owner', async (t) => {
  const { sandbox, client } = await apiWorld(t, { contacts: 10 });
  const owners = await createOwnersApi(client).listAllOwners();
  const me = sandbox.admin.ownerOfSignedInUser();
  assert.equal(ownerOfUser(owners, { userId: me.userId ?? null, email: 'someone.else@example.com' })?.id, me.id);
  assert.equal(ownerOfUser(owners, { userId: 1, email: ` ${me.email?.toUpperCase()} ` })?.id, me.id, 'email fallback, any case');
  assert.equal(ownerOfUser(owners, { email: 'nobody@example.com' }), undefined);
  const archived = owners.find((o) => o.archived);
  assert.equal(ownerOfUser(owners, { userId: archived?.userIdIncludingInactive ?? null, email: archived?.email ?? null }), undefined);
});

test('getOwner by id and by userId; null for an id HubSpot does not list', async (t) => {
  const { sandbox, client } = await apiWorld(t, { contacts: 10 });
  const api = createOwnersApi(client);
  const me = sandbox.admin.ownerOfSignedInUser();
  assert.equal((await api.getOwner(me.id))?.email, me.email);
  assert.equal((await api.getOwner(String(me.userId), { idProperty: 'userId' }))?.id, me.id);
  assert.equal(await api.getOwner('424242'), null);
  const [archived] = sandbox.admin.owners({ archived: true });
  assert.equal(await api.getOwner(archived?.id ?? ''), null);
  assert.equal((await api.getOwner(archived?.id ?? '', { archived: true }))?.archived, true);
});

test('without crm.objects.owners.read the error names the scope and what it adds', async (t) => {
  const { sandbox, client } = await apiWorld(t, { contacts: 10 });
  sandbox.admin.setGrantedScopes(['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.lists.read']);
  await assert.rejects(createOwnersApi(client).listAllOwners(), (error: unknown) => {
    assert.ok(isAppError(error));
    assert.equal(error.kind, 'missing-scope');
    assert.equal(error.details?.scope, 'crm.objects.owners.read');
    assert.match(error.message, /^Contact owner names can’t be shown: .*“crm\.objects\.owners\.read”\..*\.$/);
    return true;
  });
});

test('ownerDisplayName: "First Last", else the email, else the id', () => {
  const base = { id: '7', firstName: null, lastName: null, email: null };
  assert.equal(ownerDisplayName({ ...base, firstName: 'María', lastName: 'García', email: 'm@x' }), 'María García');
  assert.equal(ownerDisplayName({ ...base, firstName: 'Inbound leads' }), 'Inbound leads');
  assert.equal(ownerDisplayName({ ...base, firstName: ' ', lastName: '', email: 'k@x' }), 'k@x');
  assert.equal(ownerDisplayName(base), '7');
});
