import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from '../../../../electron/core/hubspot/client.ts';

const retry = { baseDelayMs: 500, maxDelayMs: 20_000 };

test('backoff is full jitter: anywhere from 0 up to the doubling ceiling', () => {
  assert.equal(backoffDelay(retry, 1, () => 0), 0);
  assert.equal(backoffDelay(retry, 1, () => 0.999), 499);
  assert.equal(backoffDelay(retry, 2, () => 0.999), 999);
  assert.equal(backoffDelay(retry, 4, () => 0.5), 2000);
});

test('backoff never exceeds the cap, however many failures', () => {
  assert.equal(backoffDelay(retry, 30, () => 0.999), 19_980);
  assert.equal(backoffDelay(retry, 1000, () => 0.999), 19_980);
});
