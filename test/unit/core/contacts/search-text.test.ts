import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ftsQuery, searchableName, searchableText } from '../../../../electron/core/contacts/search-text.ts';

test('each word becomes a quoted prefix term, so FTS5 syntax in the input is just text', () => {
  assert.equal(ftsQuery('anna'), '"anna"*');
  assert.equal(ftsQuery('  jose   alv '), '"jose"* "alv"*');
  assert.equal(ftsQuery('NEAR(a b) OR x'), '"NEAR(a"* "b)"* "OR"* "x"*');
  assert.equal(ftsQuery('say "hi"'), '"say"* """hi"""*');
  assert.equal(ftsQuery('name:x*'), '"name:x*"*');
});

test('input with nothing searchable in it is no search at all', () => {
  assert.equal(ftsQuery(''), null);
  assert.equal(ftsQuery('   '), null);
  assert.equal(ftsQuery('" * - @'), null);
});

test('characters of scripts written without spaces are indexed and searched one by one', () => {
  assert.equal(searchableText('株式会社さくら').trim().split(/\s+/).length, 7);
  assert.equal(ftsQuery('佐藤'), '"佐  藤"*');
  assert.equal(searchableText('Zoë O\'Brien'), 'Zoë O\'Brien');
});

test('names in Chinese, Japanese and Korean can also be found family name first', () => {
  assert.match(searchableName('芳', '王'), /王\s+芳/);
  assert.equal(searchableName('Anna', 'Berg'), 'Anna Berg');
  assert.equal(searchableName(null, null), ' ');
});

test('full-width letters are searched as ordinary ones', () => {
  assert.equal(searchableText('ＡＢＣ'), 'ABC');
  assert.equal(ftsQuery('ａｂｃ'), '"abc"*');
});
