/**
 * A world for the views tests: the sandbox's contacts synced into a real cache (with the properties
 * the filters use), the owners fetched by the sync as the app fetches them, the lists' catalogue
 * and the newsletter list's members fetched.
 */
import assert from 'node:assert/strict';
import { createTokenClient } from '../../../electron/core/auth/token-client.ts';
import type { FilterContext } from '../../../electron/core/contacts/filter-queries.ts';
import { createOwnersSync } from '../../../electron/core/contacts/owners-sync.ts';
import { createListsApi, isListGone } from '../../../electron/core/hubspot/lists-api.ts';
import { createOwnersApi } from '../../../electron/core/hubspot/owners-api.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import { createListSync } from '../../../electron/core/views/list-sync.ts';
import { KNOWN_LISTS } from '../../../sandbox/lists.ts';
import { createWorld, type World } from '../contacts/world.ts';

export const EXTRA = ['hubspot_owner_id', 'hs_lead_status', 'city', 'country', 'product_interest', 'contract_renewal_date'];
const END = Date.parse('2026-03-01T00:00:00Z');
/** "Now" for the presets: a day inside the data, in Berlin. */
export const NOW = Date.parse('2025-11-20T10:00:00Z');
export const TZ = 'Europe/Berlin';

export async function syncedWorld(t: Parameters<typeof createWorld>[0], contacts = 1500): Promise<World> {
  const world = await createWorld(t, { contacts, dataEndTime: END });
  const owners = createOwnersSync({ owners: createOwnersApi(world.client), cache: world.cache, clock: systemClock, log: world.log, scopeGranted: () => true });
  const progress = await world.sync({ properties: () => EXTRA, alongside: (signal) => owners.refresh(signal) }).runFull();
  assert.equal(progress.error, null);
  const api = createListsApi(world.client);
  const lists = createListSync({
    source: {
      allContactLists: async (_params, signal) => (await api.allContactLists({}, signal)).map(({ listId, name, processingType, size }) => ({ listId, name, processingType, size })),
      allMembers: (listId, signal) => api.allMembers(listId, signal),
    },
    store: world.cache,
    clock: systemClock,
    log: world.log,
    listsInViews: () => [],
    isListGone,
  });
  await lists.refreshCatalogue();
  await lists.fetchMembers(KNOWN_LISTS.newsletter.listId);
  return world;
}

/** Who is signed in, as the app learns it: the token's introspection. */
export async function signedInUser(world: World): Promise<NonNullable<FilterContext['user']>> {
  const { sandbox } = world;
  const tokenClient = createTokenClient({ config: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, authBaseUrl: sandbox.url, apiBaseUrl: sandbox.url }, log: world.log });
  const who = await tokenClient.introspect(await world.tokens.accessToken());
  assert.ok(who.active);
  return { email: who.userEmail, userId: who.userId ?? null };
}
