/**
 * Scheduled exports end to end under Node: contacts synced from the sandbox over real HTTP into a
 * real cache, the app's exporter writing real files, the schedules service on an injected clock
 * (time moves when the test says; each run is awaited through the service's own change events).
 * Full and read-only folders are real tmpfs mounts where the machine allows it (tests run as root
 * here); elsewhere those two tests are skipped with the reason.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { TZDate } from '@date-fns/tz';
import { parse } from 'csv-parse/sync';
import { createExporter } from '../../../electron/core/export/exporter.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import { createSchedulesService, type SchedulesService } from '../../../electron/core/schedules/schedules-service.ts';
import { createSyncFirst } from '../../../electron/core/schedules/sync-first.ts';
import { createSavedViewsStore } from '../../../electron/core/views/saved-views.ts';
import { openJsonFileStore } from '../../../electron/preview/json-file-store.ts';
import type { ScheduleDefinition, ScheduledExport, SchedulesState } from '../../../electron/ipc/types.ts';
import { createManualClock, type ManualClock } from '../../unit/core/status/manual-clock.ts';
import { createWorld, type World } from '../contacts/world.ts';

const run = promisify(execFile);
const BERLIN = 'Europe/Berlin';
/** Monday 4 May 2026, 07:59 in Berlin. */
const START = new TZDate(2026, 4, 4, 7, 59, BERLIN).getTime();
const DAY = 86_400_000;
/** A word only the test's own contacts have, in their company: the view searches for it. */
const WORD = 'Quillfeather';

interface ScheduleWorld {
  world: World;
  clock: ManualClock;
  service: SchedulesService;
  folder: string;
  viewId: string;
  notices: { title: string; body: string; file: string | null }[];
  online: { value: boolean };
  definition(changes?: Partial<ScheduleDefinition>): ScheduleDefinition;
  /** Moves the clock on and resolves with the schedule once a run of it has finished. */
  runDue(id: string, ms: number): Promise<ScheduledExport>;
  save(changes?: Partial<ScheduleDefinition>): Promise<ScheduledExport>;
  deleteView(): void;
}

/** `folder`: the schedule's folder when not the default one inside the world's temp folder (a mount point). */
async function scheduleWorld(t: TestContext, folder?: string): Promise<ScheduleWorld> {
  const world = await createWorld(t, { contacts: 300 });
  for (const name of ['Ada', 'Bert']) world.sandbox.admin.createContact({ firstname: name, lastname: 'Tester', company: `${WORD} Ltd`, email: `${name.toLowerCase()}@example.com` });
  world.sandbox.admin.createContact({ firstname: 'Cleo', lastname: 'Tester', company: `${WORD} Ltd` }); // no email: the view's filter leaves her out
  const sync = world.sync();
  assert.equal((await sync.runFull()).error, null);

  const clock = createManualClock(START);
  folder ??= join(world.dir, 'Team folder');
  mkdirSync(folder, { recursive: true });
  const store = openJsonFileStore(join(world.dir, 'settings.json'));
  const views = createSavedViewsStore(store, clock, world.log);
  const view = views.save('Quillfeather customers', { filters: [{ kind: 'is-not-empty', property: 'email' }], search: WORD, columns: ['email'], sort: { column: 'firstname', direction: 'asc' } });
  const exporter = createExporter({ dbPath: world.dbPath, clock: systemClock, log: world.log });
  t.after(() => exporter.dispose());
  const online = { value: true };
  const notices: ScheduleWorld['notices'] = [];
  const listeners = new Set<(state: SchedulesState) => void>();
  const service = createSchedulesService({
    dataDir: world.dir,
    clock,
    log: world.log,
    exporter,
    views,
    syncFirst: createSyncFirst({ sync, canSync: () => online.value }),
    emit: (state) => listeners.forEach((listener) => listener(state)),
    notify: (title, body, file) => notices.push({ title, body, file }),
    showInFolder: () => {},
    folderRoots: [world.dir, dirname(folder)],
    timeZone: () => BERLIN,
  });
  service.start();
  t.after(() => service.dispose());

  const definition = (changes: Partial<ScheduleDefinition> = {}): ScheduleDefinition => ({
    when: { every: 'day', time: '08:00' },
    folder,
    fileName: 'Contacts - {view} - {yyyy-MM-dd}',
    keep: 'every',
    syncFirst: true,
    export: { viewId: view.id, columns: ['hs_object_id', 'firstname', 'company'], header: 'names', format: 'csv', values: 'stored', excelFriendly: false, delimiter: ',' },
    ...changes,
  });
  return {
    world,
    clock,
    service,
    folder,
    viewId: view.id,
    notices,
    online,
    definition,
    save: (changes) => service.handlers.saveSchedule({ definition: definition(changes) }),
    async runDue(id, ms) {
      const before = (await service.handlers.getSchedules(undefined)).schedules.find((schedule) => schedule.id === id)?.lastRunAt ?? null;
      const finished = new Promise<ScheduledExport>((resolve) => {
        const listener = (state: SchedulesState) => {
          const schedule = state.schedules.find((entry) => entry.id === id);
          if (schedule && !schedule.running && schedule.lastRunAt !== before) {
            listeners.delete(listener);
            resolve(schedule);
          }
        };
        listeners.add(listener);
      });
      await clock.advance(ms);
      return finished;
    },
    deleteView: () => views.remove(view.id),
  };
}

const rowsOf = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
/** The view's rows, worked out from the sandbox's own data: the word in the company, and an email. */
const ourContacts = (world: World) => [...world.sandbox.admin.allContacts()].filter((contact) => contact.properties.company?.includes(WORD) && contact.properties.email);

test('a daily schedule runs at its time: syncs first over HTTP, then writes exactly the view’s rows (search and filters)', { timeout: 180_000 }, async (t) => {
  const s = await scheduleWorld(t);
  const schedule = await s.save();
  assert.equal(schedule.nextRunAt, START + 60_000);
  // Changed in HubSpot after the last sync: only a sync first brings Dora into the file.
  s.world.sandbox.admin.createContact({ firstname: 'Dora', lastname: 'Tester', company: `${WORD} Ltd`, email: 'dora@example.com' });

  const ran = await s.runDue(schedule.id, 60_000);
  assert.equal(ran.lastResult?.ok, true, ran.lastResult?.message);
  assert.equal(ran.lastResult.note, null);
  const fileName = 'Contacts - Quillfeather customers - 2026-05-04.csv';
  assert.equal(ran.lastResult.fileName, fileName);
  assert.equal(ran.lastResult.rows, 3);
  const expected = ourContacts(s.world)
    .map((contact) => ({ hs_object_id: contact.id, firstname: contact.properties.firstname!, company: contact.properties.company! }))
    .sort((a, b) => a.firstname.localeCompare(b.firstname));
  assert.deepEqual(rowsOf(join(s.folder, fileName)), expected);
  assert.deepEqual(readdirSync(s.folder), [fileName], 'no partial file left beside it');
  assert.equal(ran.nextRunAt, START + 60_000 + DAY, 'tomorrow at 08:00');
  assert.deepEqual(s.notices.at(-1), { title: 'Scheduled export saved', body: ran.lastResult.message, file: join(s.folder, fileName) });
});

test('offline, "sync first" is skipped with a note and the file still has the cached contacts', { timeout: 180_000 }, async (t) => {
  const s = await scheduleWorld(t);
  s.online.value = false;
  const schedule = await s.save();
  const ran = await s.runDue(schedule.id, 60_000);
  assert.equal(ran.lastResult?.ok, true);
  assert.match(ran.lastResult.note ?? '', /Not synced first/);
  assert.equal(ran.lastResult.rows, 2);
});

test('"replace the last one" replaces only the file this schedule wrote', { timeout: 180_000 }, async (t) => {
  const s = await scheduleWorld(t);
  const schedule = await s.save({ keep: 'replace-last' });
  const day = (n: number) => `Contacts - Quillfeather customers - 2026-05-0${n}.csv`;
  writeFileSync(join(s.folder, 'notes.csv'), 'mine');
  writeFileSync(join(s.folder, day(5)), 'a colleague’s file with tomorrow’s name');

  const first = await s.runDue(schedule.id, 60_000);
  assert.equal(first.lastResult?.fileName, day(4));
  const second = await s.runDue(schedule.id, DAY);
  assert.equal(second.lastResult?.fileName, day(5).replace('.csv', ' (2).csv'), 'the colleague’s file keeps its name');
  assert.deepEqual(readdirSync(s.folder).sort(), [day(5), day(5).replace('.csv', ' (2).csv'), 'notes.csv'].sort(), 'its own earlier file was replaced');
  assert.equal(readFileSync(join(s.folder, day(5)), 'utf8'), 'a colleague’s file with tomorrow’s name');

  // Someone edits the schedule's latest file: it is no longer the schedule's to remove.
  const edited = join(s.folder, day(5).replace('.csv', ' (2).csv'));
  writeFileSync(edited, 'edited by hand');
  utimesSync(edited, new Date(), new Date(statSync(edited).mtimeMs + 5000));
  const third = await s.runDue(schedule.id, DAY);
  assert.equal(third.lastResult?.fileName, day(6));
  assert.equal(readFileSync(edited, 'utf8'), 'edited by hand');
});

test('a folder that no longer exists: the run fails naming the folder, the schedule stays, the next run works again', { timeout: 180_000 }, async (t) => {
  const s = await scheduleWorld(t);
  const schedule = await s.save();
  const gone = s.folder;
  await run('mv', [gone, `${gone} (moved)`]);
  const failed = await s.runDue(schedule.id, 60_000);
  assert.equal(failed.lastResult?.ok, false);
  assert.ok(failed.lastResult.message.includes(`“${gone}”`), failed.lastResult.message);
  assert.match(failed.lastResult.message, /isn’t there any more/);
  assert.equal(failed.paused, null);
  assert.equal(failed.nextRunAt, START + 60_000 + DAY);
  assert.equal(s.notices.at(-1)?.title, 'Scheduled export failed');

  await run('mv', [`${gone} (moved)`, gone]);
  const next = await s.runDue(schedule.id, DAY);
  assert.equal(next.lastResult?.ok, true, next.lastResult?.message);
  assert.equal(existsSync(join(gone, next.lastResult.fileName!)), true);
});

/** A tmpfs mounted on a fresh folder (unmounted and removed after the test); null where the machine does not allow it. */
async function mountTmpfs(t: TestContext, options: string): Promise<string | null> {
  const folder = mkdtempSync(join(tmpdir(), 'contact-desk-schedule-mount-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', folder]);
  } catch {
    rmSync(folder, { recursive: true, force: true });
    return null;
  }
  t.after(async () => {
    await run('umount', [folder]);
    rmSync(folder, { recursive: true, force: true });
  });
  return folder;
}

test('a read-only folder: the run says so naming the folder, leaves nothing, and the next run still tries', { timeout: 180_000 }, async (t) => {
  const mount = await mountTmpfs(t, 'ro,size=1m');
  if (mount === null) return t.skip('cannot mount a read-only tmpfs here (not root)');
  const s = await scheduleWorld(t, mount);
  const schedule = await s.save();
  const failed = await s.runDue(schedule.id, 60_000);
  assert.equal(failed.lastResult?.ok, false);
  assert.ok(failed.lastResult.message.includes(`“${s.folder}”`));
  assert.match(failed.lastResult.message, /can’t write to that folder/);
  assert.deepEqual(readdirSync(s.folder), []);
  await run('mount', ['-o', 'remount,rw', s.folder]);
  const next = await s.runDue(schedule.id, DAY);
  assert.equal(next.lastResult?.ok, true, next.lastResult?.message);
});

test('a full folder: the run says the disk is full, leaves no partial file, and the next run still tries', { timeout: 180_000 }, async (t) => {
  const mount = await mountTmpfs(t, 'size=4k');
  if (mount === null) return t.skip('cannot mount a small tmpfs here (not root)');
  const s = await scheduleWorld(t, mount);
  const schedule = await s.save({ export: { ...s.definition().export, columns: ['hs_object_id', 'firstname', 'lastname', 'email', 'company', 'phone', 'city', 'jobtitle'] } });
  writeFileSync(join(s.folder, 'filler'), Buffer.alloc(4096 - 512)); // leaves less room than the file needs
  const failed = await s.runDue(schedule.id, 60_000);
  assert.equal(failed.lastResult?.ok, false);
  assert.match(failed.lastResult.message, /disk is full/);
  assert.deepEqual(readdirSync(s.folder), ['filler'], 'no partial file');
  await run('rm', [join(s.folder, 'filler')]);
  const next = await s.runDue(schedule.id, DAY);
  assert.equal(next.lastResult?.ok, true, next.lastResult?.message);
});

test('a schedule whose view was deleted is paused with a notice saying why, and does not run', { timeout: 180_000 }, async (t) => {
  const s = await scheduleWorld(t);
  const schedule = await s.save();
  s.deleteView();
  const paused = new Promise<ScheduledExport>((resolve) => {
    const check = async () => {
      const found = (await s.service.handlers.getSchedules(undefined)).schedules.find((entry) => entry.id === schedule.id)!;
      if (found.paused !== null) resolve(found);
      else setImmediate(() => void check());
    };
    void check();
  });
  await s.clock.advance(60_000);
  const result = await paused;
  assert.match(result.paused!, /the view “Quillfeather customers” was deleted/);
  assert.equal(result.lastRunAt, null);
  assert.equal(result.nextRunAt, null);
  assert.equal(readdirSync(s.folder).length, 0);
  assert.equal(s.notices.at(-1)?.title, 'Scheduled export paused');
});
