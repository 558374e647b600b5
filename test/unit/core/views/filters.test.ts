import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveFilters, type FilterFacts } from '../../../../electron/core/views/filters.ts';
import type { ViewFilter } from '../../../../electron/ipc/types.ts';

const facts = (overrides: Partial<FilterFacts> = {}): FilterFacts => ({
  synced: new Set(['lifecyclestage', 'hubspot_owner_id', 'createdate', 'city']),
  definitions: new Map([
    ['lifecyclestage', { label: 'Lifecycle stage', type: 'enumeration', fieldType: 'radio' }],
    ['hubspot_owner_id', { label: 'Contact owner', type: 'enumeration', fieldType: 'select' }],
    ['createdate', { label: 'Create date', type: 'datetime', fieldType: 'date' }],
    ['city', { label: 'City', type: 'string', fieldType: 'text' }],
    ['country', { label: 'Country/Region', type: 'string', fieldType: 'text' }],
  ]),
  ownerIds: new Set(['101', '102']),
  me: '102',
  meProblem: 'Contact Desk can’t tell which HubSpot owner you are.',
  lists: new Map([
    ['7', { name: 'Spring Event', deleted: false, membersFetchedAt: 1 }],
    ['8', { name: 'Old fair', deleted: true, membersFetchedAt: 1 }],
    ['9', { name: 'New list', deleted: false, membersFetchedAt: null }],
  ]),
  listsProblem: null,
  now: Date.UTC(2026, 4, 4, 9),
  timeZone: 'UTC',
  ...overrides,
});

test('a saved view with a removed property, a deleted list or an unknown owner opens with the rest applied', () => {
  const filters: ViewFilter[] = [
    { kind: 'is-any-of', property: 'lifecyclestage', values: ['customer', 'customer'] },
    { kind: 'is-any-of', property: 'favourite_colour', values: ['blue'] },
    { kind: 'list', listId: '8' },
    { kind: 'list', listId: '404' },
    { kind: 'owner', owners: ['555'] },
    { kind: 'contains', property: 'country', text: 'land' },
  ];
  const { terms, issues } = resolveFilters(filters, facts());
  assert.deepEqual(terms, [{ kind: 'values', property: 'lifecyclestage', values: ['customer'], multiple: false, orEmpty: false }]);
  assert.deepEqual(
    issues.map(({ index, applied }) => [index, applied]),
    [[1, false], [2, false], [3, false], [4, false], [5, false]],
  );
  assert.match(issues[0]!.reason, /“favourite_colour” no longer exists in HubSpot/);
  assert.match(issues[1]!.reason, /“Old fair” was deleted in HubSpot/);
  assert.match(issues[2]!.reason, /This list was deleted in HubSpot/);
  assert.match(issues[3]!.reason, /owners no longer exist/);
  assert.match(issues[4]!.reason, /no longer keeps “Country\/Region”.*Columns/);
});

test('"Me" is the signed-in user\'s owner id; without one it matches nobody and says why', () => {
  assert.deepEqual(resolveFilters([{ kind: 'owner', owners: ['me', 'none', '101'] }], facts()).terms, [
    { kind: 'values', property: 'hubspot_owner_id', values: ['101', '102'], multiple: false, orEmpty: true },
  ]);
  const unknown = resolveFilters([{ kind: 'owner', owners: ['me'] }], facts({ me: null }));
  assert.deepEqual(unknown.terms, [{ kind: 'nothing' }]);
  assert.deepEqual(unknown.issues, [{ index: 0, reason: 'Contact Desk can’t tell which HubSpot owner you are.', applied: true }]);
  const partly = resolveFilters([{ kind: 'owner', owners: ['101', '555'] }], facts());
  assert.deepEqual(partly.terms[0], { kind: 'values', property: 'hubspot_owner_id', values: ['101'], multiple: false, orEmpty: false });
  assert.equal(partly.issues[0]?.applied, true);
  // owners not known (no owners scope): ids are applied as they are
  assert.deepEqual(resolveFilters([{ kind: 'owner', owners: ['555'] }], facts({ ownerIds: null, me: null })).terms[0], {
    kind: 'values', property: 'hubspot_owner_id', values: ['555'], multiple: false, orEmpty: false,
  });
});

test('lists: the missing scope and never-fetched members are said in plain words', () => {
  const noScope = resolveFilters([{ kind: 'list', listId: '7' }], facts({ listsProblem: 'Ask your HubSpot admin to add crm.lists.read.' }));
  assert.deepEqual(noScope, { terms: [], issues: [{ index: 0, reason: 'Ask your HubSpot admin to add crm.lists.read.', applied: false }] });
  assert.match(resolveFilters([{ kind: 'list', listId: '9' }], facts()).issues[0]!.reason, /members of “New list” have not been fetched yet/);
  assert.deepEqual(resolveFilters([{ kind: 'list', listId: '7' }], facts()).terms, [{ kind: 'list', listId: '7' }]);
});

test('date filters: a date-time range becomes instants, a non-date property is refused', () => {
  const { terms } = resolveFilters([{ kind: 'date', property: 'createdate', range: { preset: 'today' } }], facts());
  assert.deepEqual(terms, [{ kind: 'between', property: 'createdate', type: 'datetime', from: '2026-05-04T00:00:00.000Z', until: '2026-05-05T00:00:00.000Z' }]);
  const city = resolveFilters([{ kind: 'date', property: 'city', range: { preset: 'today' } }], facts());
  assert.match(city.issues[0]!.reason, /“City” is not a date/);
  // without HubSpot's definitions (no schema scope), Create date is still known to be a date-time
  assert.equal(resolveFilters([{ kind: 'date', property: 'createdate', range: { preset: 'today' } }], facts({ definitions: new Map() })).terms.length, 1);
});
