import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contactsCountText } from '../src/lib/contacts-count.ts';

const digitsOnly = (text: string) => text.replace(/(\d)\D(?=\d{3}\b)/g, '$1');

test('the count line says loading until the summary is there, then how many contacts', () => {
  assert.equal(contactsCountText({ total: null, matches: null, filtered: false, searching: false }), 'Loading contacts…');
  assert.equal(contactsCountText({ total: 1, matches: 1, filtered: false, searching: false }), '1 contact');
  assert.equal(digitsOnly(contactsCountText({ total: 12_345, matches: 12_345, filtered: false, searching: false })), '12345 contacts');
});

test('a search says how many of the contacts match, in the right number', () => {
  assert.equal(digitsOnly(contactsCountText({ total: 2_500, matches: 3, filtered: false, searching: true })), '3 of 2500 contacts match');
  assert.equal(contactsCountText({ total: 40, matches: 1, filtered: false, searching: true }), '1 of 40 contacts matches');
  assert.equal(contactsCountText({ total: 40, matches: null, filtered: false, searching: true }), '40 contacts', 'the table has not answered yet');
});

test('filters (with or without a search) show how many of the contacts they leave', () => {
  assert.equal(contactsCountText({ total: 40, matches: 7, filtered: true, searching: false }), '7 of 40 contacts');
  assert.equal(contactsCountText({ total: 40, matches: 1, filtered: true, searching: true }), '1 of 40 contacts');
  assert.equal(contactsCountText({ total: null, matches: 0, filtered: true, searching: false }), 'Loading contacts…', 'not "0 of 0" before the summary');
});
