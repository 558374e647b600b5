import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PropertyInfo, ViewDefinition, ViewFilter } from '../../electron/ipc/types.ts';
import { builtInViews, describeFilter, filterInSlot, isModified, ownerOptions, withSlot, withoutFilter, type LabelContext } from '../src/lib/view-model.ts';

const property = (name: string, label: string, options: { value: string; label: string }[] = []): PropertyInfo => ({
  name, label, type: options.length ? 'enumeration' : 'string', groupName: '', description: '', hidden: false, options, synced: true,
});

const context: LabelContext = {
  properties: new Map([
    ['lifecyclestage', property('lifecyclestage', 'Lifecycle stage', [{ value: 'customer', label: 'Customer' }, { value: 'lead', label: 'Lead' }])],
    ['city', property('city', 'City')],
    ['createdate', property('createdate', 'Create date')],
  ]),
  choices: {
    owners: [
      { id: '7', name: 'Zoë Adams', email: 'zoe@example.com', archived: false },
      { id: '5', name: 'Ben Okafor', email: null, archived: true },
    ],
    me: '7',
    lists: [{ listId: '12', name: 'Spring Event', processingType: 'MANUAL', size: 3, membersFetchedAt: 1, cachedMembers: 3, problem: null, deleted: false }],
  },
};

test('chips read like HubSpot: labels, not internal values', () => {
  const chip = (filter: ViewFilter) => describeFilter(filter, context);
  assert.equal(chip({ kind: 'is-any-of', property: 'lifecyclestage', values: ['customer', 'lead', 'stale_value'] }), 'Lifecycle stage: Customer, Lead, stale_value');
  assert.equal(chip({ kind: 'owner', owners: ['me', '5', '99', 'none'] }), 'Contact owner: Me, Ben Okafor, Owner 99, No owner');
  assert.equal(chip({ kind: 'contains', property: 'city', text: 'ber' }), 'City contains “ber”');
  assert.equal(chip({ kind: 'is-empty', property: 'city' }), 'City is empty');
  assert.equal(chip({ kind: 'is-not-empty', property: 'phone' }), 'phone is not empty');
  assert.equal(chip({ kind: 'date', property: 'createdate', range: { preset: 'this-quarter' } }), 'Create date: This quarter');
  // in the machine's locale: "1 Mar 2026" or "Mar 1, 2026"; never shifted to the day before
  assert.match(chip({ kind: 'date', property: 'createdate', range: { from: '2026-03-01', to: '2026-03-31' } }), /^Create date: (1 Mar|Mar 1,) 2026 – (31 Mar|Mar 31,) 2026$/);
  assert.match(chip({ kind: 'date', property: 'createdate', range: { from: null, to: '2026-03-31' } }), /^Create date: until (31 Mar|Mar 31,) 2026$/);
  assert.equal(chip({ kind: 'list', listId: '12' }), 'List: Spring Event');
  assert.equal(chip({ kind: 'list', listId: '13' }), 'List: list 13');
});

test('the owner choices: Me first, then by name, then No owner', () => {
  assert.deepEqual(ownerOptions(context.choices), [
    { value: 'me', label: 'Me', hint: 'Zoë Adams' },
    { value: '5', label: 'Ben Okafor', hint: 'Deactivated user' },
    { value: '7', label: 'Zoë Adams' },
    { value: 'none', label: 'No owner' },
  ]);
  assert.deepEqual(ownerOptions(null).map((option) => option.value), ['me', 'none']);
});

test('a slot keeps its place when changed, and empties when cleared', () => {
  const filters: ViewFilter[] = [
    { kind: 'is-any-of', property: 'lifecyclestage', values: ['customer'] },
    { kind: 'contains', property: 'city', text: 'ber' },
  ];
  const owner: ViewFilter = { kind: 'owner', owners: ['me'] };
  const withOwner = withSlot(filters, 'owner', owner);
  assert.deepEqual(withOwner, [...filters, owner]);
  const lead: ViewFilter = { kind: 'is-any-of', property: 'lifecyclestage', values: ['lead'] };
  assert.deepEqual(withSlot(withOwner, 'lifecyclestage', lead), [lead, filters[1], owner]);
  assert.deepEqual(withSlot(withOwner, 'lifecyclestage', null), [filters[1], owner]);
  assert.equal(filterInSlot(withOwner, 'owner'), owner);
  assert.equal(filterInSlot([{ kind: 'is-any-of', property: 'city', values: ['x'] }], 'lifecyclestage'), undefined);
  assert.deepEqual(withoutFilter(withOwner, 1), [filters[0], owner]);
});

test('a view is modified when its filters, search, columns or sort differ (key order aside)', () => {
  const base: ViewDefinition = {
    filters: [{ kind: 'date', property: 'createdate', range: { from: '2026-01-01', to: null } }],
    search: '',
    columns: ['email'],
    sort: { column: 'email', direction: 'asc' },
  };
  const reordered = { ...base, filters: [{ range: { to: null, from: '2026-01-01' }, property: 'createdate', kind: 'date' } as ViewFilter] };
  assert.equal(isModified(reordered, base), false);
  assert.equal(isModified({ ...base, sort: { column: 'email', direction: 'desc' } }, base), true);
  assert.equal(isModified({ ...base, columns: ['email', 'phone'] }, base), true);
  assert.equal(isModified({ ...base, search: 'x' }, base), true);
  // built-in views: the user's columns and sort are theirs, not the view's
  const mine = builtInViews[1]!;
  assert.equal(isModified({ ...base, filters: [{ kind: 'owner', owners: ['me'] }], columns: ['phone'] }, mine), false);
  assert.equal(isModified({ ...base, filters: [{ kind: 'owner', owners: ['me', 'none'] }] }, mine), true);
});
