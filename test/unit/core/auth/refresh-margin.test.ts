import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refreshMarginMs } from '../../../../electron/core/auth/session.ts';

test("HubSpot's 30-minute tokens are refreshed 3 minutes (10%) before they expire", () => {
  assert.equal(refreshMarginMs(30 * 60_000), 3 * 60_000);
});

test('long-lived tokens are refreshed at most 5 minutes early', () => {
  assert.equal(refreshMarginMs(6 * 60 * 60_000), 5 * 60_000);
});

test('60-second tokens are refreshed a few seconds early, not on every call', () => {
  assert.equal(refreshMarginMs(60_000), 6_000);
  assert.equal(refreshMarginMs(20_000), 5_000);
});

test('very short tokens are still used for half their life', () => {
  assert.equal(refreshMarginMs(4_000), 2_000);
});
