import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount, formatRelativeTime } from '../src/lib/format.ts';

test('counts read naturally, with digit grouping', () => {
  assert.equal(formatCount(1, 'contact'), '1 contact');
  assert.equal(formatCount(0, 'contact'), '0 contacts');
  assert.equal(formatCount(12345, 'contact').replace(/\D/g, ''), '12345');
  assert.match(formatCount(12345, 'contact'), /^12.345 contacts$/);
});

test('relative times', () => {
  const now = new Date(2025, 10, 22, 15, 0, 0).getTime();
  const minute = 60_000;
  assert.equal(formatRelativeTime(now - 20_000, now), 'just now');
  assert.equal(formatRelativeTime(now + 5_000, now), 'just now', 'a clock slightly ahead is not "in the future"');
  assert.equal(formatRelativeTime(now - 2 * minute, now), '2 minutes ago');
  assert.equal(formatRelativeTime(now - 1 * minute, now), '1 minute ago');
  assert.equal(formatRelativeTime(now - 3 * 60 * minute, now), '3 hours ago');
  assert.match(formatRelativeTime(new Date(2025, 10, 22, 1, 5).getTime(), now), /^today at /);
  assert.match(formatRelativeTime(new Date(2025, 10, 21, 9, 30).getTime(), now), /^yesterday at /);
  assert.match(formatRelativeTime(new Date(2025, 10, 2, 9, 30).getTime(), now), /^on .*2.* at /);
});
