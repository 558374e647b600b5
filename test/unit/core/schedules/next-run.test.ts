/** Next-run computation in local time, in two time zones, across both daylight-saving changes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TZDate } from '@date-fns/tz';
import { nextRunAfter } from '../../../../electron/core/schedules/next-run.ts';
import type { ScheduleWhen } from '../../../../electron/ipc/types.ts';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
/** An instant given as local wall-clock time in a zone: local(BERLIN, '2026-03-29 08:00'). */
const local = (zone: string, text: string): number => {
  const [day, time] = text.split(' ') as [string, string];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return new TZDate(y, m - 1, d, h, min, zone).getTime();
};
/** The local wall-clock time of an instant, as 'YYYY-MM-DD HH:MM (+offset)'. */
const shown = (zone: string, at: number): string => {
  const date = new TZDate(at, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
};
/** Every run from `from` (exclusive) to `until` (inclusive), as local times. */
function runsBetween(when: ScheduleWhen, zone: string, from: string, until: string): string[] {
  const runs: string[] = [];
  const end = local(zone, until);
  for (let at = nextRunAfter(when, local(zone, from), zone); at <= end && runs.length < 100; at = nextRunAfter(when, at, zone)) runs.push(shown(zone, at));
  return runs;
}

for (const zone of [BERLIN, NEW_YORK]) {
  test(`${zone}: daily at 08:00 is at 08:00 local time every day, across both daylight-saving changes`, () => {
    const spring = zone === BERLIN ? '2026-03-29' : '2026-03-08';
    const autumn = zone === BERLIN ? '2026-10-25' : '2026-11-01';
    for (const change of [spring, autumn]) {
      const [y, m, d] = change.split('-').map(Number) as [number, number, number];
      const day = (offset: number) => new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
      const runs = runsBetween({ every: 'day', time: '08:00' }, zone, `${day(-2)} 09:00`, `${day(2)} 09:00`);
      assert.deepEqual(runs, [-1, 0, 1, 2].map((offset) => `${day(offset)} 08:00`));
    }
  });

  test(`${zone}: a time inside the hour skipped in spring runs once that day, just after the change`, () => {
    const spring = zone === BERLIN ? '2026-03-29' : '2026-03-08';
    const runs = runsBetween({ every: 'day', time: '02:30' }, zone, `${spring} 00:00`, `${spring} 23:59`);
    assert.deepEqual(runs, [`${spring} 03:30`]);
  });

  test(`${zone}: a time inside the hour repeated in autumn runs once that day, not twice`, () => {
    const autumn = zone === BERLIN ? '2026-10-25' : '2026-11-01';
    const time = zone === BERLIN ? '02:30' : '01:30';
    const runs = runsBetween({ every: 'day', time }, zone, `${autumn} 00:00`, `${autumn} 23:59`);
    assert.equal(runs.length, 1);
    assert.equal(runs[0], `${autumn} ${time}`);
  });

  test(`${zone}: weekly on Monday and Thursday at 08:00`, () => {
    // 2026-03-02 is a Monday.
    const runs = runsBetween({ every: 'week', days: ['mon', 'thu'], time: '08:00' }, zone, '2026-03-01 00:00', '2026-03-16 23:00');
    assert.deepEqual(runs, ['2026-03-02 08:00', '2026-03-05 08:00', '2026-03-09 08:00', '2026-03-12 08:00', '2026-03-16 08:00']);
  });

  test(`${zone}: monthly on the 31st runs on each month's last day`, () => {
    const runs = runsBetween({ every: 'month', day: 31, time: '07:15' }, zone, '2026-01-01 00:00', '2026-05-31 23:00');
    assert.deepEqual(runs, ['2026-01-31 07:15', '2026-02-28 07:15', '2026-03-31 07:15', '2026-04-30 07:15', '2026-05-31 07:15']);
  });
}

test('the next run is strictly after the given instant: at 08:00 exactly, the next daily run is tomorrow', () => {
  const at = local(BERLIN, '2026-05-04 08:00');
  assert.equal(shown(BERLIN, nextRunAfter({ every: 'day', time: '08:00' }, at, BERLIN)), '2026-05-05 08:00');
  assert.equal(shown(BERLIN, nextRunAfter({ every: 'day', time: '08:00' }, at - 1, BERLIN)), '2026-05-04 08:00');
});

test('the same instant is a different local day in each zone: weekly Monday 08:00 follows each zone', () => {
  const sundayEveningNewYork = local(NEW_YORK, '2026-05-03 22:00'); // already Monday 04:00 in Berlin
  assert.equal(shown(BERLIN, nextRunAfter({ every: 'week', days: ['mon'], time: '08:00' }, sundayEveningNewYork, BERLIN)), '2026-05-04 08:00');
  assert.equal(shown(NEW_YORK, nextRunAfter({ every: 'week', days: ['mon'], time: '08:00' }, sundayEveningNewYork, NEW_YORK)), '2026-05-04 08:00');
  assert.notEqual(nextRunAfter({ every: 'week', days: ['mon'], time: '08:00' }, sundayEveningNewYork, BERLIN), nextRunAfter({ every: 'week', days: ['mon'], time: '08:00' }, sundayEveningNewYork, NEW_YORK));
});

test('the tray tooltip names the next scheduled export and when, in local time', async () => {
  const { nextExportLine } = await import('../../../../electron/core/schedules/next-export-line.ts');
  const now = local(BERLIN, '2026-05-04 07:00');
  assert.equal(nextExportLine(null, now, BERLIN), null);
  assert.equal(nextExportLine({ at: local(BERLIN, '2026-05-04 08:00'), viewName: 'My customers' }, now, BERLIN), 'Next export: My customers, today 08:00');
  assert.equal(nextExportLine({ at: local(BERLIN, '2026-05-05 08:00'), viewName: 'My customers' }, now, BERLIN), 'Next export: My customers, tomorrow 08:00');
  assert.equal(nextExportLine({ at: local(BERLIN, '2026-05-11 08:00'), viewName: 'My customers' }, now, BERLIN), 'Next export: My customers, Mon 11 May 08:00');
});
