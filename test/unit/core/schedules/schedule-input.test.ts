/**
 * Hostile schedule input over IPC — impossible times, days outside the week, relative paths, `..`,
 * UNC and device paths, 10,000-character names, a second schedule writing the same file — answers
 * `bad-input` through the real router and the real schedules service, and saves nothing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Handlers } from '../../../../electron/ipc/contract.ts';
import type { IpcResult, ScheduleDefinition, SchedulesState } from '../../../../electron/ipc/types.ts';
import { createRouter } from '../../../../electron/core/ipc-router.ts';
import type { Logger } from '../../../../electron/core/ports.ts';
import { systemClock } from '../../../../electron/core/ports.ts';
import { createSchedulesService } from '../../../../electron/core/schedules/schedules-service.ts';
import { SCHEDULES_FILE } from '../../../../electron/core/schedules/schedule-store.ts';

const quiet: Logger = { info() {}, warn() {}, error() {} };

function world(t: TestContext, platform: NodeJS.Platform = 'linux') {
  const root = mkdtempSync(join(tmpdir(), 'schedule-input-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const home = join(root, 'home');
  const dataDir = join(root, 'data');
  mkdirSync(join(home, 'Reports'), { recursive: true });
  mkdirSync(dataDir);
  const service = createSchedulesService({
    dataDir,
    clock: systemClock,
    log: quiet,
    exporter: { start: () => assert.fail('nothing runs in these tests') },
    views: { get: (id) => (id === 'my-customers' ? { id, name: 'My customers', filters: [], search: 'acme', columns: ['email'], sort: { column: 'email', direction: 'asc' }, createdAt: 0, updatedAt: 0 } : null) },
    syncFirst: async () => null,
    emit: () => {},
    notify: () => {},
    showInFolder: () => {},
    folderRoots: [home, dataDir],
    platform,
    timeZone: () => 'Europe/Berlin',
  });
  const call = createRouter(service.handlers as Handlers, quiet);
  const definition = (changes: Record<string, unknown> = {}): ScheduleDefinition =>
    ({
      when: { every: 'week', days: ['mon'], time: '08:00' },
      folder: join(home, 'Reports'),
      fileName: 'Contacts - {view} - {yyyy-MM-dd}',
      keep: 'every',
      syncFirst: true,
      export: { viewId: 'my-customers', columns: ['email', 'firstname'], header: 'labels', format: 'csv', values: 'shown', excelFriendly: true, delimiter: ',' },
      ...changes,
    }) as ScheduleDefinition;
  const saved = async () => ((await call('getSchedules', undefined)) as { value: SchedulesState }).value.schedules;
  return { call, definition, saved, home, dataDir, storeFile: join(dataDir, SCHEDULES_FILE) };
}

const refused = (result: IpcResult<unknown>) => {
  assert.equal(result.ok, false, 'refused');
  if (!result.ok) assert.equal(result.error.kind, 'bad-input');
};

const hostile: [string, Record<string, unknown>][] = [
  ['a time like 25:61', { when: { every: 'day', time: '25:61' } }],
  ['a time like 8:00 without its zero', { when: { every: 'day', time: '8:00' } }],
  ['a day outside the week', { when: { every: 'week', days: ['mon', 'funday'], time: '08:00' } }],
  ['a day number as a weekday', { when: { every: 'week', days: [7], time: '08:00' } }],
  ['no days at all', { when: { every: 'week', days: [], time: '08:00' } }],
  ['the same day twice', { when: { every: 'week', days: ['mon', 'mon'], time: '08:00' } }],
  ['the 32nd of the month', { when: { every: 'month', day: 32, time: '08:00' } }],
  ['the 0th of the month', { when: { every: 'month', day: 0, time: '08:00' } }],
  ['a relative folder', { folder: 'Reports' }],
  ['a folder with ..', { folder: '/home/../etc' }],
  ['a folder climbing out with ..', { folder: 'HOME/Reports/../../..' }],
  ['a folder with .. that stays inside home', { folder: 'HOME/Reports/../Reports' }],
  ['a UNC path', { folder: '\\\\server\\share\\team' }],
  ['a //server path', { folder: '//server/share' }],
  ['a device path', { folder: '\\\\.\\PhysicalDrive0' }],
  ['a /dev path', { folder: '/dev/shm' }],
  ['a folder outside home and the data folder', { folder: '/etc' }],
  ['a 10,000-character folder', { folder: `/${'x'.repeat(10_000)}` }],
  ['a 10,000-character file name', { fileName: 'x'.repeat(10_000) }],
  ['a file name with a slash', { fileName: '../../evil' }],
  ['a file name with a control character', { fileName: 'Contacts\u0000.csv' }],
  ['a device file name', { fileName: 'CON' }],
  ['an unknown placeholder', { fileName: 'Contacts {password}' }],
  ['a view that does not exist', { export: { viewId: 'nope', columns: ['email'], header: 'labels', format: 'csv', values: 'shown', excelFriendly: true, delimiter: ',' } }],
  ['an extra field', { runAsRoot: true }],
];

for (const [what, changes] of hostile) {
  test(`saving a schedule with ${what} is refused as bad-input and saves nothing`, async (t) => {
    const { call, definition, saved, home, storeFile } = world(t);
    const resolved = JSON.parse(JSON.stringify(changes).replaceAll('HOME', home.replaceAll('\\', '\\\\'))) as Record<string, unknown>;
    refused(await call('saveSchedule', { definition: definition(resolved) }));
    assert.deepEqual(await saved(), []);
    assert.equal(existsSync(storeFile), false);
  });
}

test('Windows paths: a drive-letter folder is checked as Windows does (no relative, no UNC, no devices)', async (t) => {
  const { call, definition, saved } = world(t, 'win32');
  for (const folder of ['Reports', 'C:Reports', '\\\\server\\share', '\\\\?\\C:\\x', 'C:\\Users\\ana\\NUL\\x', 'C:\\Windows']) {
    refused(await call('saveSchedule', { definition: definition({ folder }) }));
  }
  assert.deepEqual(await saved(), []);
});

test('a good schedule is saved; a second one writing the same file name in the same folder is refused', async (t) => {
  const { call, definition, saved, storeFile } = world(t);
  const first = await call('saveSchedule', { definition: definition() });
  assert.equal(first.ok, true);
  assert.equal(existsSync(storeFile), true);
  // another frequency, the same file: refused
  refused(await call('saveSchedule', { definition: definition({ when: { every: 'day', time: '17:30' } }) }));
  // the extension is the format's, so "….csv" typed in is the same name
  refused(await call('saveSchedule', { definition: definition({ fileName: 'Contacts - {view} - {yyyy-MM-dd}.csv' }) }));
  assert.equal((await saved()).length, 1);
  // another name, or the Excel format, is another file
  assert.equal((await call('saveSchedule', { definition: definition({ fileName: 'Weekly {yyyy-MM-dd}' }) })).ok, true);
  assert.equal((await call('saveSchedule', { definition: definition({ export: { ...definition().export, format: 'xlsx' } }) })).ok, true);
  assert.equal((await saved()).length, 3);
});

test('a saved schedule shows its next run, and editing it may keep its own file name', async (t) => {
  const { call, definition } = world(t);
  const first = (await call('saveSchedule', { definition: definition() })) as { ok: true; value: { id: string; nextRunAt: number } };
  assert.ok(first.value.nextRunAt > Date.now());
  const edited = await call('updateSchedule', { id: first.value.id, definition: definition({ when: { every: 'day', time: '06:00' } }) });
  assert.equal(edited.ok, true);
});
