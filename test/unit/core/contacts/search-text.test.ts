import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ftsQuery, indexTokens, searchableName, searchableText, searchWords } from '../../../../electron/core/contacts/search-text.ts';

const fts = (search: string) => {
  const words = searchWords(search);
  return words === null ? null : ftsQuery(words);
};

test('each word becomes a quoted prefix term, so FTS5 syntax in the input is just text', () => {
  assert.equal(fts('anna'), '"anna"*');
  assert.equal(fts('  jose   alv '), '"jose"* "alv"*');
  assert.equal(fts('NEAR(a b) OR x'), '"NEAR(a"* "b)"* "OR"* "x"*');
  assert.equal(fts('say "hi"'), '"say"* """hi"""*');
  assert.equal(fts('name:x*'), '"name:x*"*');
});

test('a blank search is no search; typed punctuation alone matches nothing', () => {
  assert.equal(searchWords(''), null);
  assert.equal(searchWords('   '), null);
  for (const punctuation of ['"', '*', '(', '%', '\\', '" * - @']) assert.deepEqual(searchWords(punctuation), [], punctuation);
});

test('control and format characters are dropped before anything else', () => {
  assert.deepEqual(searchWords('jo\u0000se'), ['jose']);
  assert.deepEqual(searchWords('\u0000'), null);
  assert.deepEqual(searchWords('an\u200Bna\uFEFF \u0007'), ['anna']);
});

test('a word another word already implies is left out, and repeats once', () => {
  assert.deepEqual(searchWords('jo jose jose'), ['jose']);
  assert.deepEqual(searchWords('a b c a b c'), ['a', 'b', 'c']);
  assert.deepEqual(searchWords('Jo JOSÉ'), ['JOSÉ'], 'by lower case');
  assert.deepEqual(searchWords('jose.a jose'), ['jose.a'], '"jose.a" needs the word "jose"');
  assert.deepEqual(searchWords('jose.a jose.b'), ['jose.a', 'jose.b']);
});

test('symbols and emoji are words of their own', () => {
  assert.deepEqual(searchWords('🍕'), ['🍕']);
  assert.deepEqual(indexTokens(searchableText('Pizza🍕Palace')), ['pizza', '🍕', 'palace']);
  assert.deepEqual(indexTokens(searchableText('€100 + ©')), ['€', '100', '+', '©']);
});

test('characters of scripts written without spaces are indexed and searched one by one', () => {
  assert.equal(searchableText('株式会社さくら').trim().split(/\s+/).length, 7);
  assert.equal(fts('佐藤'), '"佐  藤"*');
  assert.equal(searchableText('Zoë O\'Brien'), 'Zoë O\'Brien');
});

test('the word index folds case and Latin accents as the full-text index does', () => {
  assert.deepEqual(indexTokens(searchableText("Zoë O'Brien, ÉMILE")), ['zoe', 'o', 'brien', 'emile']);
  assert.deepEqual(indexTokens('สมชาย'), ['สมชาย'], 'marks of other scripts stay');
});

test('names in Chinese, Japanese and Korean can also be found family name first', () => {
  assert.match(searchableName('芳', '王'), /王\s+芳/);
  assert.equal(searchableName('Anna', 'Berg'), 'Anna Berg');
  assert.equal(searchableName(null, null), ' ');
});

test('full-width letters are searched as ordinary ones', () => {
  assert.equal(searchableText('ＡＢＣ'), 'ABC');
  assert.equal(fts('ａｂｃ'), '"abc"*');
});
