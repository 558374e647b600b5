import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { mineProblem, myOwnerId, ownerChoices, type KnownOwner } from '../../../../electron/core/views/owners.ts';

const owner = (id: string, extra: Partial<KnownOwner> = {}): KnownOwner => ({ id, userId: null, email: null, firstName: null, lastName: null, archived: false, ...extra });

test('"Me" is the active owner with the user\'s id, else the one with their email (any case)', () => {
  const owners = [
    owner('1', { userId: '500', email: 'old@acme.example', archived: true }),
    owner('2', { userId: '700', email: 'pat@acme.example' }),
    owner('3', { userId: '500', email: 'someone@acme.example' }),
  ];
  assert.equal(myOwnerId(owners, { userId: 500, email: 'pat@acme.example' }), '3', 'the user id wins, and only an active owner counts');
  assert.equal(myOwnerId(owners, { userId: null, email: ' PAT@acme.example ' }), '2');
  assert.equal(myOwnerId(owners, { userId: 999, email: 'pat@acme.example' }), '2', 'no owner with that id: the email');
  assert.equal(myOwnerId(owners, { userId: 999, email: 'nobody@acme.example' }), null);
  assert.equal(myOwnerId(owners, { userId: null, email: 'old@acme.example' }), null, 'a deactivated owner is not "Me"');
  assert.equal(myOwnerId(owners, null), null);
});

test('owners read as names, else emails, else their id', () => {
  assert.deepEqual(
    ownerChoices([
      owner('1', { firstName: 'Zoë', lastName: ' Adams ' }),
      owner('2', { email: 'ops@acme.example', firstName: '', lastName: '' }),
      owner('3', { archived: true }),
    ]).map((choice) => [choice.name, choice.archived]),
    [['Zoë Adams', false], ['ops@acme.example', false], ['Owner 3', true]],
  );
});

test('why "Me" matches nobody is said in words the troubleshooting guide quotes', () => {
  const guide = readFileSync(new URL('../../../../docs/troubleshooting.md', import.meta.url), 'utf8').replaceAll('\n', ' ');
  const sentences = [mineProblem(false, false), mineProblem(true, false), mineProblem(true, true)];
  assert.equal(new Set(sentences).size, 3, 'each case has its own sentence');
  for (const sentence of sentences) assert.ok(guide.includes(sentence), sentence);
});
