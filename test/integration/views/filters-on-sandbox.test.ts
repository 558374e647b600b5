/**
 * Every kind of filter, alone and combined, with a search, on the contacts a real sync fetched from
 * the sandbox; each result compared with a reference computed here from the sandbox's own data
 * (admin.allContacts(), admin.listMembers()), not from the cache.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FilterContext } from '../../../electron/core/contacts/filter-queries.ts';
import { createOwnersApi } from '../../../electron/core/hubspot/owners-api.ts';
import { createOwnersSync } from '../../../electron/core/contacts/owners-sync.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import type { ViewFilter } from '../../../electron/ipc/types.ts';
import { KNOWN_LISTS } from '../../../sandbox/lists.ts';
import type { SandboxContact } from '../../../sandbox/server.ts';
import { createWorld, type World } from '../contacts/world.ts';
import { NOW, signedInUser, syncedWorld, TZ } from './views-world.ts';

const context: FilterContext = { now: NOW, timeZone: TZ, user: null, listsProblem: null };

async function idsFor(world: World, filters: ViewFilter[], search = ''): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await world.cache.query({ search, filters, sort: { column: 'hs_object_id', direction: 'asc' }, columns: ['email'], offset, limit: 500 }, context);
    assert.deepEqual(page.filterIssues ?? [], [], 'every filter applies');
    ids.push(...page.rows.map((row) => row.id));
    if (offset + 500 >= page.total) return ids;
  }
}

const blank = (value: string | null | undefined) => value === null || value === undefined || value === '';
const lower = (value: string | null | undefined) => (blank(value) ? null : value!.toLowerCase());
/** Berlin's local midnight of a day, as an instant. */
const berlinDay = (day: string) => {
  const probe = new Date(`${day}T00:00:00Z`);
  const offset = Number(new Intl.DateTimeFormat('en', { timeZone: TZ, timeZoneName: 'longOffset' }).formatToParts(probe).find((part) => part.type === 'timeZoneName')!.value.replace('GMT', '').split(':')[0] || 0);
  return probe.getTime() - offset * 3_600_000;
};
const inDays = (iso: string | null | undefined, from: string, to: string) => !blank(iso) && Date.parse(iso!) >= berlinDay(from) && Date.parse(iso!) < berlinDay(to);
/** A date property's day, whether HubSpot sent YYYY-MM-DD or epoch milliseconds. */
const dayOf = (value: string | null | undefined) => (blank(value) ? null : /^\d+$/.test(value!) ? new Date(Number(value)).toISOString().slice(0, 10) : value!.slice(0, 10));

test('every filter kind, alone and combined, against the sandbox\'s own data', async (t) => {
  const world = await syncedWorld(t);
  const contacts = [...world.sandbox.admin.allContacts()];
  const owner = world.sandbox.admin.ownerOfSignedInUser().id;
  const newsletter = new Set(world.sandbox.admin.listMembers(KNOWN_LISTS.newsletter.listId).map(String));
  const p = (contact: SandboxContact, name: string) => contact.properties[name];

  const cases: [string, ViewFilter, (c: SandboxContact) => boolean][] = [
    ['owner: the signed-in user or nobody', { kind: 'owner', owners: [owner, 'none'] }, (c) => p(c, 'hubspot_owner_id') === owner || blank(p(c, 'hubspot_owner_id'))],
    ['lifecycle stage: customer or lead', { kind: 'is-any-of', property: 'lifecyclestage', values: ['customer', 'lead'] }, (c) => ['customer', 'lead'].includes(lower(p(c, 'lifecyclestage')) ?? '')],
    ['lead status: open', { kind: 'is-any-of', property: 'hs_lead_status', values: ['OPEN'] }, (c) => lower(p(c, 'hs_lead_status')) === 'open'],
    ['created this month (November 2025 in Berlin)', { kind: 'date', property: 'createdate', range: { preset: 'this-month' } }, (c) => inDays(p(c, 'createdate'), '2025-11-01', '2025-12-01')],
    ['created in the last 7 days', { kind: 'date', property: 'createdate', range: { preset: 'last-7-days' } }, (c) => inDays(p(c, 'createdate'), '2025-11-14', '2025-11-21')],
    ['created this year', { kind: 'date', property: 'createdate', range: { preset: 'this-year' } }, (c) => inDays(p(c, 'createdate'), '2025-01-01', '2026-01-01')],
    ['modified 1 Jan – 31 Mar 2025', { kind: 'date', property: 'lastmodifieddate', range: { from: '2025-01-01', to: '2025-03-31' } }, (c) => inDays(p(c, 'lastmodifieddate'), '2025-01-01', '2025-04-01')],
    ['renewal date (date; some epoch ms) in 2026', { kind: 'date', property: 'contract_renewal_date', range: { from: '2026-01-01', to: '2026-12-31' } }, (c) => { const day = dayOf(p(c, 'contract_renewal_date')); return day !== null && day >= '2026-01-01' && day <= '2026-12-31'; }],
    ['product interest (multi-select) is any of analytics', { kind: 'is-any-of', property: 'product_interest', values: ['analytics'] }, (c) => (p(c, 'product_interest') ?? '').split(';').includes('analytics')],
    ['city is any of Berlin, Madrid', { kind: 'is-any-of', property: 'city', values: ['Berlin', 'Madrid'] }, (c) => ['berlin', 'madrid'].includes(lower(p(c, 'city')) ?? '')],
    ['country contains "land"', { kind: 'contains', property: 'country', text: 'land' }, (c) => lower(p(c, 'country'))?.includes('land') ?? false],
    ['city is empty', { kind: 'is-empty', property: 'city' }, (c) => blank(p(c, 'city'))],
    ['lead status is not empty', { kind: 'is-not-empty', property: 'hs_lead_status' }, (c) => !blank(p(c, 'hs_lead_status'))],
    ['on the list "Monthly newsletter"', { kind: 'list', listId: KNOWN_LISTS.newsletter.listId }, (c) => newsletter.has(c.id)],
  ];

  const expectedOf = (predicates: ((c: SandboxContact) => boolean)[]) => contacts.filter((c) => predicates.every((matches) => matches(c))).map((c) => c.id);
  for (const [name, filter, matches] of cases) {
    const expected = expectedOf([matches]);
    assert.ok(expected.length > 0 && expected.length < contacts.length, `${name}: the sandbox's data both matches and misses (${expected.length})`);
    assert.deepEqual(await idsFor(world, [filter]), expected, name);
  }

  const combined = [cases[0]!, cases[1]!, cases[5]!, cases[13]!];
  const expected = expectedOf(combined.map(([, , matches]) => matches));
  assert.ok(expected.length > 0, 'the combination leaves some contacts');
  assert.deepEqual(await idsFor(world, combined.map(([, filter]) => filter)), expected, 'owner AND stage AND created AND list');

  // the search narrows the combination further: exactly the combination's contacts the search finds
  const searched = new Set(await idsFor(world, [], 'a'));
  const withSearch = await idsFor(world, combined.map(([, filter]) => filter), 'a');
  assert.ok(withSearch.length > 0 && withSearch.length < expected.length);
  assert.deepEqual(withSearch, expected.filter((id) => searched.has(id)));
});

test('"Me" is the owner HubSpot has for the signed-in user, from the owners a sync cached; not once that owner is deactivated', async (t) => {
  const world = await createWorld(t, { contacts: 400 });
  assert.equal((await world.sync().runFull()).error, null);
  const signedIn: FilterContext = { ...context, user: await signedInUser(world) };
  const owners = createOwnersSync({ owners: createOwnersApi(world.client), cache: world.cache, clock: systemClock, log: world.log, scopeGranted: () => true });
  const mine = { kind: 'owner', owners: ['me'] } satisfies ViewFilter;
  const page = (filters: ViewFilter[]) => world.cache.query({ search: '', filters, sort: { column: 'hs_object_id', direction: 'asc' }, columns: ['email'], offset: 0, limit: 1000 }, signedIn);

  // before the owners are fetched "Me" matches nobody, and the filter says why
  await world.cache.replaceOwners(null, Date.now());
  const unknown = await page([mine]);
  assert.equal(unknown.total, 0);
  assert.match(unknown.filterIssues?.[0]?.reason ?? '', /doesn’t know HubSpot’s contact owners/);

  await owners.refresh();
  const me = world.sandbox.admin.ownerOfSignedInUser();
  const expected = [...world.sandbox.admin.allContacts()].filter((c) => c.properties.hubspot_owner_id === me.id).map((c) => c.id);
  assert.ok(expected.length > 0, 'the signed-in user owns some contacts');
  const known = await page([mine]);
  assert.deepEqual(known.filterIssues ?? [], []);
  assert.deepEqual(known.rows.map((row) => row.id), expected);

  // a deactivated owner is nobody's "Me", even with the same email
  world.sandbox.admin.archiveOwner(me.id);
  await owners.refresh();
  const archived = await page([mine]);
  assert.equal(archived.total, 0);
  assert.match(archived.filterIssues?.[0]?.reason ?? '', /isn’t a contact owner/);
});
