import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCallback } from '../../../../electron/core/auth/callback.ts';

const expected = 'expected-state-value';
const read = (query: string) => readCallback(new URLSearchParams(query), expected);

test('a code with the expected state is accepted', () => {
  assert.deepEqual(read(`code=abc-123&state=${expected}`), { kind: 'code', code: 'abc-123' });
});

test('a missing or different state is refused, even when it carries an error', () => {
  assert.deepEqual(read('code=abc'), { kind: 'refused', reason: 'missing-state' });
  assert.deepEqual(read('code=abc&state='), { kind: 'refused', reason: 'missing-state' });
  assert.deepEqual(read('code=abc&state=expected-state-valuE'), { kind: 'refused', reason: 'wrong-state' });
  assert.deepEqual(read('code=abc&state=expected-state-value-and-more'), { kind: 'refused', reason: 'wrong-state' });
  assert.deepEqual(read('error=access_denied&state=other'), { kind: 'refused', reason: 'wrong-state' });
});

test('repeated parameters are refused rather than guessed at', () => {
  assert.deepEqual(read(`code=a&code=b&state=${expected}`), { kind: 'refused', reason: 'malformed' });
  assert.deepEqual(read(`code=a&state=${expected}&state=${expected}`), { kind: 'refused', reason: 'malformed' });
});

test('the expected state without a code is refused', () => {
  assert.deepEqual(read(`state=${expected}`), { kind: 'refused', reason: 'malformed' });
  assert.deepEqual(read(`state=${expected}&code=${'x'.repeat(3000)}`), { kind: 'refused', reason: 'malformed' });
});

test("an error with the expected state is a denial carrying HubSpot's description", () => {
  assert.deepEqual(read(`error=access_denied&error_description=The+user+declined.&state=${expected}`), {
    kind: 'denied',
    error: 'access_denied',
    description: 'The user declined.',
  });
  assert.deepEqual(read(`error=server_error&state=${expected}&code=abc`), { kind: 'denied', error: 'server_error', description: null });
});

test('the description shown to the user is stripped of control characters and capped', () => {
  const verdict = read(`error=x&error_description=${encodeURIComponent('line\none\u0000\u202Eevil ' + 'y'.repeat(400))}&state=${expected}`);
  assert.equal(verdict.kind, 'denied');
  if (verdict.kind !== 'denied') return;
  assert.ok(verdict.description);
  for (const character of ['\n', '\u0000', '\u202E']) assert.ok(!verdict.description.includes(character));
  assert.ok(verdict.description.startsWith('line one evil y'));
  assert.equal(verdict.description.length, 300);
});
