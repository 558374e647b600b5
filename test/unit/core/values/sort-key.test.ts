import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortKeyer, sortKeyIdentity } from '../../../../electron/core/values/sort-key.ts';
import { KNOWN_CONTACTS } from '../../../../sandbox/contacts-data.ts';
import { LOCALES } from '../../../../sandbox/locales.ts';

const compareBytes = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(a, b);
const sign = (n: number) => Math.sign(n);

/** Names in many scripts: every first and last name the sandbox generates, the hand-written ones, and a few hard cases. */
const NAMES = [
  ...new Set([
    ...LOCALES.flatMap((locale) => [...locale.first, ...locale.last].map((name) => name.native)),
    ...Object.values(KNOWN_CONTACTS).flatMap((contact) => [contact.firstname, contact.lastname]),
    'Álvarez', 'Alvarez', 'alvarez', 'Abbott', 'Azevedo', 'Bauer', 'Çelik', 'Celik', 'Cohen', 'Zieliński', 'Ziegler', 'Ørsted', 'Oberg', 'Ærø', 'Aero',
    'Straße', 'Strasse', 'Strauss', 'Strausberg', "O'Brien", 'Obrien', 'van der Berg', 'Vanderberg', 'Łukasz', 'Lukas', 'Ödön', 'Oz', 'İlker', 'Ilker',
    'Ñúñez', 'Nunez', 'Núñez', 'Œuvre', 'oeuvre', 'ﬁnch', 'Finch', 'Müller', 'Mueller', 'Muller', '王芳', '王', '김민준', 'Наталья', 'Надя', 'Γιώργος',
    'נועה', 'العلي', 'प्रिया', 'สมชาย', 'เกษม', 'กมล', '佐藤', 'さとう', 'サトウ', '🍕 Palace', '😀', 'Zoë 🌟', '007', '12', '2', '-5', '+44', '=1+1', '@x',
    '\tTab', ' space', '', 'a\u0301', 'á', 'A', 'a', 'B', 'b',
  ]),
];

test('text sorts as the user\'s language sorts: the same order as Intl.Collator, case and accents aside', () => {
  for (const locale of ['en', 'de', 'sv', 'es', 'tr', 'zh', 'ja']) {
    const keyer = sortKeyer(locale);
    const collator = new Intl.Collator(locale, { sensitivity: 'base' });
    const keys = new Map(NAMES.map((name) => [name, keyer.key(name)]));
    const wrong: string[] = [];
    for (const a of NAMES) {
      for (const b of NAMES) {
        const expected = sign(collator.compare(a, b));
        if (expected === 0) continue; // ties are ordered by the finer part, checked below
        if (sign(compareBytes(keys.get(a)!, keys.get(b)!)) !== expected) wrong.push(`${JSON.stringify(a)} ${expected < 0 ? '<' : '>'} ${JSON.stringify(b)}`);
      }
    }
    assert.deepEqual(wrong.slice(0, 10), [], `${locale}: ${wrong.length} pairs out of order`);
  }
});

test('Álvarez and Çelik sort with the A\'s and C\'s, not after Zieliński', () => {
  const keyer = sortKeyer('en');
  const sorted = ['Zieliński', 'Çelik', 'Álvarez', 'Bauer', 'Azevedo', 'Cohen', 'Abbott'].sort((a, b) => compareBytes(keyer.key(a), keyer.key(b)));
  assert.deepEqual(sorted, ['Abbott', 'Álvarez', 'Azevedo', 'Bauer', 'Çelik', 'Cohen', 'Zieliński']);
});

test('names that differ only in case or accents come in one fixed order, close together', () => {
  const keyer = sortKeyer('en');
  const variants = ['Alvarez', 'álvarez', 'ALVAREZ', 'Álvarez', 'alvarez'];
  const keys = variants.map((name) => keyer.key(name));
  for (let i = 0; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) assert.notEqual(compareBytes(keys[i]!, keys[j]!), 0, `${variants[i]} vs ${variants[j]}`);
  // every variant sorts between Alvar and Alvarf
  for (const key of keys) {
    assert.ok(compareBytes(keyer.key('Alvar'), key) < 0);
    assert.ok(compareBytes(key, keyer.key('Alvarf')) < 0);
  }
  assert.deepEqual(keyer.key('Straße').subarray(0, 14), keyer.key('Strasse').subarray(0, 14), 'ß weighs as ss');
});

test('the same text always gets the same key, and the identity names locale, ICU and layout', () => {
  assert.deepEqual(sortKeyer('en').key('Zoë 🌟'), sortKeyer('en').key('Zoë 🌟'));
  assert.match(sortKeyIdentity('de'), /^de\|icu \d+/);
  assert.notEqual(sortKeyIdentity('de'), sortKeyIdentity('sv'));
});
