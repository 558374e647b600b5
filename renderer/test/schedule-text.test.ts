import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeWhen } from '../src/lib/schedule-text.ts';

test('a schedule reads as a sentence: daily, weekly on days in week order, monthly with the last-day rule', () => {
  assert.equal(describeWhen({ every: 'day', time: '08:00' }), 'Every day at 08:00');
  assert.equal(describeWhen({ every: 'week', days: ['thu', 'mon'], time: '08:00' }), 'Every Monday and Thursday at 08:00');
  assert.equal(describeWhen({ every: 'week', days: ['mon', 'wed', 'fri'], time: '17:30' }), 'Every Monday, Wednesday and Friday at 17:30');
  assert.equal(describeWhen({ every: 'month', day: 1, time: '07:00' }), 'Monthly on the 1st at 07:00');
  assert.equal(describeWhen({ every: 'month', day: 22, time: '07:00' }), 'Monthly on the 22nd at 07:00');
  assert.equal(describeWhen({ every: 'month', day: 12, time: '07:00' }), 'Monthly on the 12th at 07:00');
  assert.equal(describeWhen({ every: 'month', day: 31, time: '07:00' }), 'Monthly on the 31st (or the month’s last day) at 07:00');
});
