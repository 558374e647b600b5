import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerRow } from '../../../../electron/core/export/header-row.ts';

const labels = new Map([
  ['firstname', 'First Name'],
  ['email', 'Email'],
  ['custom_email', 'Email'],
  ['blank', '  '],
]);

test('labels header uses HubSpot labels, falling back to the name when there is none', () => {
  assert.deepEqual(headerRow(['firstname', 'unknown_prop', 'blank'], 'labels', labels), ['First Name', 'unknown_prop', 'blank']);
});

test('two columns with the same label are told apart by their names', () => {
  assert.deepEqual(headerRow(['firstname', 'email', 'custom_email'], 'labels', labels), ['First Name', 'Email (email)', 'Email (custom_email)']);
});

test('names header uses the internal names as they are', () => {
  assert.deepEqual(headerRow(['firstname', 'email'], 'names', labels), ['firstname', 'email']);
});
