import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allScopeLabel, exportButtonLabel, exportScopeFields, viewScopeLabel, type ExportableView } from '../src/lib/export-scope.ts';

const view = (changes: Partial<ExportableView> = {}): ExportableView => ({ name: null, modified: false, search: '', filters: [], count: 1234, ...changes });
const mine = [{ kind: 'owner', owners: ['me'] }] satisfies ExportableView['filters'];

test('the dialog names the view it exports, and says "All" for the alternative', () => {
  assert.equal(viewScopeLabel(view({ name: 'My customers', filters: mine })), 'Only the 1,234 contacts in “My customers”');
  assert.equal(viewScopeLabel(view({ name: 'My customers', filters: mine, modified: true })), 'Only the 1,234 contacts in “My customers” (changed)');
  assert.equal(viewScopeLabel(view({ search: 'acme', count: 1 })), 'Only the 1 contact matching “acme”');
  assert.equal(viewScopeLabel(view({ filters: mine, search: 'acme' })), 'Only the 1,234 filtered contacts matching “acme”');
  assert.equal(viewScopeLabel(view()), 'Only the contacts of a view (choose filters or type a search first)');
  assert.equal(allScopeLabel(98765), 'All 98,765 contacts');
  assert.equal(exportButtonLabel('view', view({ name: 'My customers', filters: mine }), 98765), 'Export 1,234 contacts in “My customers”');
  assert.equal(exportButtonLabel('view', view({ name: 'x'.repeat(100), filters: mine }), 98765), `Export 1,234 contacts in “${'x'.repeat(39)}…”`);
  assert.equal(exportButtonLabel('all', view({ name: 'My customers', filters: mine }), 98765), 'Export 98,765 contacts');
});

test('the request carries the view only when the view is exported', () => {
  assert.deepEqual(exportScopeFields('view', view({ name: 'My customers', filters: mine, search: 'acme' })), { scope: 'view', search: 'acme', filters: mine, viewName: 'My customers' });
  assert.deepEqual(exportScopeFields('view', view({ search: 'acme' })), { scope: 'view', search: 'acme', filters: [] });
  assert.deepEqual(exportScopeFields('all', view({ name: 'My customers', filters: mine, search: 'acme' })), { scope: 'all', search: '' });
});

test('while the view is being counted, the dialog says so instead of "0 contacts"', () => {
  assert.equal(viewScopeLabel(view({ search: 'acme', count: null })), 'Only the contacts matching “acme” (counting…)');
  assert.equal(viewScopeLabel(view({ name: 'My customers', filters: mine, count: null })), 'Only the contacts in “My customers” (counting…)');
  assert.equal(exportButtonLabel('view', view({ search: 'acme', count: null }), 98765), 'Export');
});
