import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchMaxLength } from '../../electron/ipc/contract.ts';
import { limitSearch } from '../src/lib/search-input.ts';

test('a search up to the limit stays as typed; a longer one is cut to the limit and says so', () => {
  const exact = 'a'.repeat(searchMaxLength);
  assert.deepEqual(limitSearch(exact), { text: exact, trimmed: false });
  assert.deepEqual(limitSearch(`${exact}bcd`), { text: exact, trimmed: true });
  assert.equal(searchMaxLength, 500);
});

test('the cut never splits an emoji in half', () => {
  const text = `${'a'.repeat(searchMaxLength - 1)}🍕 Palace`;
  const { text: kept, trimmed } = limitSearch(text);
  assert.equal(trimmed, true);
  assert.equal(kept, 'a'.repeat(searchMaxLength - 1));
  assert.ok(kept.isWellFormed());
});
