import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daySpan, instantSpan, startOfDay } from '../../../../electron/core/views/date-range.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

test('presets are calendar days in the time zone, today included', () => {
  // 23:30 UTC on 31 March is already 1 April in Berlin, and still 31 March in New York
  const now = at('2026-03-31T23:30:00Z');
  assert.deepEqual(daySpan({ preset: 'today' }, now, 'Europe/Berlin'), { from: '2026-04-01', until: '2026-04-02' });
  assert.deepEqual(daySpan({ preset: 'today' }, now, 'America/New_York'), { from: '2026-03-31', until: '2026-04-01' });
  assert.deepEqual(daySpan({ preset: 'last-7-days' }, now, 'Europe/Berlin'), { from: '2026-03-26', until: '2026-04-02' });
  assert.deepEqual(daySpan({ preset: 'this-month' }, now, 'Europe/Berlin'), { from: '2026-04-01', until: '2026-05-01' });
  assert.deepEqual(daySpan({ preset: 'this-month' }, now, 'America/New_York'), { from: '2026-03-01', until: '2026-04-01' });
  assert.deepEqual(daySpan({ preset: 'this-quarter' }, now, 'Europe/Berlin'), { from: '2026-04-01', until: '2026-07-01' });
  assert.deepEqual(daySpan({ preset: 'this-quarter' }, now, 'America/New_York'), { from: '2026-01-01', until: '2026-04-01' });
  assert.deepEqual(daySpan({ preset: 'this-year' }, now, 'America/New_York'), { from: '2026-01-01', until: '2027-01-01' });
});

test('the last quarter and month of a year end at the next year', () => {
  const now = at('2026-12-31T12:00:00Z');
  assert.deepEqual(daySpan({ preset: 'this-quarter' }, now, 'UTC'), { from: '2026-10-01', until: '2027-01-01' });
  assert.deepEqual(daySpan({ preset: 'this-month' }, now, 'UTC'), { from: '2026-12-01', until: '2027-01-01' });
  assert.deepEqual(daySpan({ preset: 'last-7-days' }, at('2026-01-03T12:00:00Z'), 'UTC'), { from: '2025-12-28', until: '2026-01-04' });
});

test('a from–to range includes both days; either end may be open', () => {
  const now = at('2026-05-04T09:00:00Z');
  assert.deepEqual(daySpan({ from: '2026-02-27', to: '2026-02-28' }, now, 'UTC'), { from: '2026-02-27', until: '2026-03-01' });
  assert.deepEqual(daySpan({ from: '2024-02-28', to: '2024-02-29' }, now, 'UTC'), { from: '2024-02-28', until: '2024-03-01' });
  assert.deepEqual(daySpan({ from: null, to: '2026-01-31' }, now, 'UTC'), { from: null, until: '2026-02-01' });
  assert.deepEqual(daySpan({ from: '2026-01-31', to: null }, now, 'UTC'), { from: '2026-01-31', until: null });
});

test('days start at local midnight, across daylight-saving changes', () => {
  // Berlin: 29 March 2026 has 23 hours, 25 October 2026 has 25
  const spring = instantSpan({ from: '2026-03-29', until: '2026-03-30' }, 'Europe/Berlin');
  assert.deepEqual([iso(spring.from), iso(spring.until)], ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  const autumn = instantSpan({ from: '2026-10-25', until: '2026-10-26' }, 'Europe/Berlin');
  assert.equal(autumn.until! - autumn.from!, 25 * 3_600_000);
  // New York: 8 March 2026 springs forward at 02:00
  const ny = instantSpan({ from: '2026-03-08', until: '2026-03-09' }, 'America/New_York');
  assert.deepEqual([iso(ny.from), iso(ny.until)], ['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  assert.deepEqual(instantSpan({ from: null, until: null }, 'UTC'), { from: null, until: null });
});

test('a day whose midnight does not exist starts at its first real instant', () => {
  // Santiago moved its clocks from 00:00 to 01:00 on 8 September 2024
  assert.equal(iso(startOfDay('2024-09-08', 'America/Santiago')), '2024-09-08T04:00:00.000Z');
  assert.equal(iso(startOfDay('2024-09-07', 'America/Santiago')), '2024-09-07T04:00:00.000Z');
});
