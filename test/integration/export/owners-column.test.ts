/**
 * The Contact owner column through the app's services against the sandbox over HTTP: after a sync
 * the owners are cached and the table shows names (archived owners too, "Unknown owner (id)" for
 * an id HubSpot no longer lists); without the owners scope it shows the ids and the account names
 * the scope. Expected names are worked out here from the sandbox's own owner list.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppWorld } from '../../security/app-world.ts';
import { firstPortal, startAppWorld } from '../../security/app-world.ts';
import { OWNER_CONTACTS } from '../../../sandbox/contacts-data.ts';

const OWNERS_SCOPE = 'crm.objects.owners.read';

async function ownerColumn(world: AppWorld): Promise<Map<string, string>> {
  const page = await world.services.handlers.queryContacts({
    search: '',
    sort: { column: 'hs_object_id', direction: 'asc' },
    columns: ['hs_object_id', 'hubspot_owner_id'],
    offset: 0,
    limit: 500,
  });
  return new Map(page.rows.map((row) => [row.id, row.cells[1] ?? '']));
}

/** What the column must say for each contact, from the sandbox's contacts and owners. */
function expectedNames(world: AppWorld): Map<string, string> {
  const owners = new Map([...world.sandbox.admin.owners(), ...world.sandbox.admin.owners({ archived: true })].map((owner) => [owner.id, owner]));
  const expected = new Map<string, string>();
  for (const contact of world.sandbox.admin.allContacts()) {
    const id = contact.properties.hubspot_owner_id ?? '';
    const owner = owners.get(id);
    const name = [owner?.firstName, owner?.lastName].filter((part) => part && part.trim()).join(' ');
    expected.set(contact.id, id === '' ? '' : !owner ? `Unknown owner (${id})` : name || owner.email || `Unknown owner (${id})`);
  }
  return expected;
}

test('after a sync, the Contact owner column shows each owner by name', async (t) => {
  const world = await startAppWorld(t, { contacts: 40 });
  await world.signInAndSync(firstPortal.hubId);
  const shown = await ownerColumn(world);
  assert.deepEqual(shown, expectedNames(world));

  const archived = world.sandbox.admin.owners({ archived: true }).find((owner) => owner.id === [...world.sandbox.admin.allContacts()].find((c) => c.id === OWNER_CONTACTS.archived)!.properties.hubspot_owner_id);
  assert.ok(archived, 'contact 2 belongs to an archived owner');
  assert.equal(shown.get(OWNER_CONTACTS.archived), `${archived.firstName} ${archived.lastName}`, 'an archived owner keeps their name');
  assert.match(shown.get(OWNER_CONTACTS.gone)!, /^Unknown owner \(\d+\)$/);
  assert.equal(shown.get(OWNER_CONTACTS.none), '');
  assert.match(shown.get(OWNER_CONTACTS.unnamed)!, /@/, 'an owner without a name shows the email');
  const me = world.sandbox.admin.ownerOfSignedInUser(firstPortal.hubId);
  assert.equal(shown.get(OWNER_CONTACTS.me), [me.firstName, me.lastName].filter(Boolean).join(' '), 'the signed-in user’s own contacts');
});

test('without the owners scope, the column shows the ids and the account names the missing scope', async (t) => {
  const world = await startAppWorld(t, { contacts: 40 });
  const granted = ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.lists.read'];
  world.sandbox.admin.setGrantedScopes(granted, firstPortal.hubId);
  await world.signInAndSync(firstPortal.hubId);
  const account = world.services.handlers.getAppInfo(undefined).then((info) => info.account);
  assert.ok((await account)?.missingScopes.some((missing) => missing.scope === OWNERS_SCOPE), 'the account names the missing owners scope');
  const shown = await ownerColumn(world);
  for (const contact of world.sandbox.admin.allContacts()) assert.equal(shown.get(contact.id), contact.properties.hubspot_owner_id ?? '', contact.id);
});
