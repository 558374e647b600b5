import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changesSince, type NewestChanges } from '../../../../electron/core/contacts/incremental-sync.ts';
import type { HubSpotContact } from '../../../../electron/core/hubspot/contacts-api.ts';

const minute = 60_000;
const contact = (id: number, modifiedMinute: number | null): HubSpotContact => {
  const at = modifiedMinute === null ? null : new Date(modifiedMinute * minute).toISOString();
  return { id: String(id), properties: { hs_object_id: String(id), lastmodifieddate: at }, createdAt: '2020-01-01T00:00:00.000Z', updatedAt: at ?? '', archived: false };
};
/** A page of the newest changes, newest first, out of `total` contacts. */
const page = (total: number, ...modified: (number | null)[]): NewestChanges => ({ total, results: modified.map((m, i) => contact(i + 1, m)) });
const ids = (contacts: HubSpotContact[] | null) => contacts?.map((c) => c.id) ?? null;

test('a page that ends before the window holds every change in it: those, oldest first', () => {
  assert.deepEqual(ids(changesSince(page(1000, 50, 40, 30, 20), 30 * minute)), ['3', '2', '1']);
  assert.deepEqual(ids(changesSince(page(1000, 50, 40, 29), 30 * minute)), ['2', '1']);
  assert.deepEqual(ids(changesSince(page(1000, 10, 9), 30 * minute)), [], 'nothing changed');
});

test('a page whose oldest change is still in the window may not hold them all: they are paged', () => {
  assert.equal(changesSince(page(1000, 50, 40, 30), 30 * minute), null, 'more may share the window start');
  assert.equal(changesSince(page(1000, 50, 40, 35), 30 * minute), null);
});

test('a page with every contact there is holds every change, whatever their dates', () => {
  assert.deepEqual(ids(changesSince(page(3, 50, 40, 35), 30 * minute)), ['3', '2', '1']);
  assert.deepEqual(ids(changesSince(page(0), 30 * minute)), [], 'no contacts at all');
});

test('a contact without a readable change date makes the page unreliable: the changes are paged', () => {
  assert.equal(changesSince(page(1000, 50, null, 20), 30 * minute), null);
});
