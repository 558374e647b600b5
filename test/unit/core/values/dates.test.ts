import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDateTimeValue, parseDateValue } from '../../../../electron/core/values/dates.ts';

// Date-times are shown in the computer's time zone: fix it for the test (Node applies TZ at once).
process.env.TZ = 'Europe/Berlin';

test('date properties: HubSpot dates, midnight epoch milliseconds and midnight ISO all read as the same day', () => {
  assert.deepEqual(parseDateValue('2023-12-04'), { text: '2023-12-04', serial: 45264 });
  assert.deepEqual(parseDateValue('1572480000000'), { text: '2019-10-31', serial: 43769 });
  assert.deepEqual(parseDateValue('2019-10-31T00:00:00.000Z'), { text: '2019-10-31', serial: 43769 });
  assert.equal(parseDateValue('1900-03-01')?.serial, 61, "Excel's serial for 1 March 1900");
  assert.equal(parseDateValue('9999-12-31')?.text, '9999-12-31');
  // A date is a day, wherever the computer is: no time-zone shift.
  process.env.TZ = 'Pacific/Honolulu';
  assert.equal(parseDateValue('2023-12-04')?.text, '2023-12-04');
  process.env.TZ = 'Europe/Berlin';
});

test('date-times: to the minute in the computer\'s time zone, summer time included; the serial keeps the seconds', () => {
  assert.deepEqual(parseDateTimeValue('2023-12-04T13:19:15.479Z'), { text: '2023-12-04 14:19', serial: 45264 + (14 * 3600 + 19 * 60 + 15.479) / 86400 });
  assert.equal(parseDateTimeValue('2023-07-04T13:19:00Z')?.text, '2023-07-04 15:19', 'summer time: UTC+2');
  assert.equal(parseDateTimeValue('2023-12-04T23:30:00Z')?.text, '2023-12-05 00:30', 'the local day, not the UTC one');
  assert.equal(parseDateTimeValue('2023-12-04T14:19:15+01:00')?.text, '2023-12-04 14:19');
  assert.equal(parseDateTimeValue('2023-12-04T14:19+0100')?.text, '2023-12-04 14:19');
  assert.equal(parseDateTimeValue('1701695955479')?.text, '2023-12-04 14:19', 'epoch milliseconds');
  process.env.TZ = 'America/St_Johns';
  assert.equal(parseDateTimeValue('2023-12-04T13:19:00Z')?.text, '2023-12-04 09:49', 'a half-hour offset');
  process.env.TZ = 'Europe/Berlin';
});

test('anything malformed or out of range is not a date (the caller shows the raw text)', () => {
  for (const raw of [
    '', 'yesterday', '2023-02-30', '2023-13-01', '2023-00-10', '2023-1-5', '04/12/2023', '2023-12-04 14:19', '2023-12-04T25:00:00Z',
    '2023-12-04T14:60:00Z', '2023-12-04T14:19:61Z', '2023-12-04T14:19:00', '2023-12-04T14:19:00+25:00', '1899-12-31', '1900-02-28',
    '10000-01-01', '1e400', '12,5', '-1', '20231204', '99999999999999999', ' 2023-12-04',
  ]) {
    assert.equal(parseDateValue(raw), null, `date ${JSON.stringify(raw)}`);
    assert.equal(parseDateTimeValue(raw), null, `date-time ${JSON.stringify(raw)}`);
  }
  assert.equal(parseDateValue('2023-12-04T14:19:00Z'), null, 'a date HubSpot stores is a midnight');
  assert.equal(parseDateValue('1572480000001'), null);
  assert.equal(parseDateTimeValue('253402300800000'), null, 'year 10000');
});
