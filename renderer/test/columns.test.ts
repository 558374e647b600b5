import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PropertyInfo } from '../../electron/ipc/types.ts';
import { chooserOrder, toggleColumn } from '../src/lib/columns.ts';

const property = (name: string, label: string, extra: Partial<PropertyInfo> = {}): PropertyInfo => ({
  name,
  label,
  type: 'string',
  groupName: 'contactinformation',
  description: '',
  hidden: false,
  options: [],
  synced: true,
  ...extra,
});

test('showing a column appends it; hiding removes it; the last column cannot be hidden', () => {
  assert.deepEqual(toggleColumn(['firstname', 'email'], 'phone', true), ['firstname', 'email', 'phone']);
  assert.deepEqual(toggleColumn(['firstname', 'email'], 'email', true), ['firstname', 'email']);
  assert.deepEqual(toggleColumn(['firstname', 'email'], 'firstname', false), ['email']);
  assert.deepEqual(toggleColumn(['email'], 'email', false), ['email']);
});

test('the chooser lists shown columns in table order, then the rest by label, without HubSpot-hidden ones', () => {
  const properties = [
    property('zip', 'Postal code'),
    property('email', 'Email'),
    property('city', 'City', { synced: false }),
    property('hs_internal', 'Internal thing', { hidden: true, synced: false }),
    property('firstname', 'First name'),
  ];
  assert.deepEqual(
    chooserOrder(['firstname', 'email'], properties).map((entry) => entry.name),
    ['firstname', 'email', 'city', 'zip'],
  );
});
