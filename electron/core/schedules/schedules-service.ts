/**
 * Scheduled exports as the app's services see them: the saved schedules, the runner that runs them
 * on time, each run recorded, and the IPC handlers. Built by services.ts from the exporter, the
 * views and a "sync first" function; the shell adds the folder picker and notifications.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type { ScheduleDefinition, ScheduledExport, SchedulesState } from '../../ipc/types.ts';
import { AppError } from '../errors.ts';
import type { Exporter } from '../export/exporter.ts';
import type { Clock, Logger } from '../ports.ts';
import type { SavedViewsStore } from '../views/saved-views.ts';
import { localTimeZone } from '../views/date-range.ts';
import { checkSchedule, MAX_SCHEDULES } from './schedule-rules.ts';
import { runSchedule, type ViewForRun } from './schedule-run.ts';
import { afterRunAt, createScheduleRunner, nextRunOf, soonestRun } from './schedule-runner.ts';
import { openScheduleStore, type StoredSchedule } from './schedule-store.ts';
import { createScheduleHandlers, type ScheduleHandlers } from './schedule-handlers.ts';

export interface SchedulesDeps {
  dataDir: string;
  clock: Clock;
  log: Logger;
  exporter: Pick<Exporter, 'start'>;
  views: Pick<SavedViewsStore, 'get'>;
  /** Syncs with HubSpot and resolves when done; resolves with a note instead when it can't (offline). */
  syncFirst(): Promise<string | null>;
  emit(state: SchedulesState): void;
  /** The native folder picker; absent in the preview, where the folder is typed. */
  chooseFolder?: (() => Promise<string | null>) | undefined;
  /** Tells the user how a run went; `file` is the file written, for "Show in folder". */
  notify(title: string, body: string, file: string | null): void;
  showInFolder(path: string): void;
  /** Folders a typed path must be under; the user's home and the data folder by default. */
  folderRoots?: string[];
  platform?: NodeJS.Platform;
  /** The computer's time zone; tests pass one. */
  timeZone?: () => string;
}

export interface SchedulesService {
  handlers: ScheduleHandlers;
  /** The soonest next run of an active schedule, for the tray's tooltip. */
  nextRun(): { at: number; viewName: string } | null;
  start(): void;
  /** After the computer wakes or its clock changes: runs what is due (once). */
  check(): void;
  dispose(): Promise<void>;
}

const BUILT_IN: Record<string, { name: string; definition: ViewForRun }> = {
  'all-contacts': { name: 'All contacts', definition: { search: '', filters: [] } },
  'my-contacts': { name: 'My contacts', definition: { search: '', filters: [{ kind: 'owner', owners: ['me'] }] } },
};

type ViewForExport = { name: string; definition: ViewForRun };

/** A saved view by id, or one of the built-in ones; null when it was deleted. */
function viewFinder(views: SchedulesDeps['views']): (viewId: string) => ViewForExport | null {
  return (viewId) => {
    const saved = views.get(viewId);
    return saved ? { name: saved.name, definition: saved } : (BUILT_IN[viewId] ?? null);
  };
}

/** Where a typed folder may be; `isPicked` says whether the folder picker (or an earlier save) vouched for it. */
function folderRulesOf(deps: SchedulesDeps, isPicked: (folder: string) => boolean) {
  return {
    platform: deps.platform ?? process.platform,
    roots: deps.folderRoots ?? [homedir(), deps.dataDir],
    isPicked,
  };
}

export function createSchedulesService(deps: SchedulesDeps): SchedulesService {
  const { clock, log } = deps;
  const store = openScheduleStore(deps.dataDir, log);
  const timeZone = deps.timeZone ?? localTimeZone;
  const picked = new Set<string>();

  const findView = viewFinder(deps.views);

  const present = (schedule: StoredSchedule): ScheduledExport => {
    const { since: _since, lastFile: _lastFile, ...shown } = schedule;
    return { ...shown, nextRunAt: nextRunOf(schedule, timeZone()), running: runner.isRunning(schedule.id) };
  };
  const state = (): SchedulesState => ({ schedules: store.all().map(present), canChooseFolder: deps.chooseFolder !== undefined });
  const changed = () => deps.emit(state());

  const run = async (schedule: StoredSchedule, at: number) => {
    const view = findView(schedule.export.viewId);
    if (view === null) return pauseForMissingView(schedule);
    changed(); // shows it running
    const outcome = await runSchedule({ ...schedule, viewName: view.name }, view.definition, at, { ...deps, timeZone: timeZone() });
    const latest = store.get(schedule.id);
    if (latest === null) return; // deleted while it ran
    store.put({ ...latest, ...afterRunAt(latest, at), viewName: view.name, lastResult: outcome.result, lastFile: outcome.written ?? latest.lastFile });
    deps.notify(outcome.result.ok ? 'Scheduled export saved' : 'Scheduled export failed', outcome.result.message, outcome.written?.path ?? null);
  };

  const pauseForMissingView = (schedule: StoredSchedule) => {
    const reason = `Paused: the view “${schedule.viewName}” was deleted. Edit this scheduled export to choose another view.`;
    store.put({ ...schedule, paused: reason });
    log.warn('schedules: paused a schedule whose view was deleted', { id: schedule.id });
    deps.notify('Scheduled export paused', reason, null);
    changed();
  };

  const runner = createScheduleRunner({ clock, log, timeZone, schedules: () => store.all(), run, settled: changed });

  const checked = (definition: ScheduleDefinition, others: StoredSchedule[]) =>
    checkSchedule(definition, {
      // a folder already saved (this schedule's own included) was checked, or picked, when it was saved
      folders: folderRulesOf(deps, (folder) => picked.has(folder) || store.all().some((saved) => saved.folder === folder)),
      others,
      viewName: (viewId) => findView(viewId)?.name ?? null,
      timeZone: timeZone(),
    });

  const mustFind = (id: string): StoredSchedule => {
    const schedule = store.get(id);
    if (schedule === null) throw new AppError('bad-input', 'That scheduled export no longer exists. It may have been deleted in another window.');
    return schedule;
  };
  const saved = (schedule: StoredSchedule): ScheduledExport => {
    store.put(schedule);
    runner.check();
    changed();
    return present(schedule);
  };

  const handlers = createScheduleHandlers({
    state,
    save(definition) {
      const all = store.all();
      if (all.length >= MAX_SCHEDULES) throw new AppError('bad-input', `You have ${MAX_SCHEDULES} scheduled exports, the most Contact Desk keeps. Delete one you no longer use first.`);
      const viewName = checked(definition, all);
      const now = clock.now();
      return saved({ ...structuredClone(definition), id: randomUUID(), viewName, createdAt: now, updatedAt: now, paused: null, since: now, lastRunAt: null, lastResult: null, lastFile: null });
    },
    update(id, definition) {
      const current = mustFind(id);
      const viewName = checked(definition, store.all().filter((other) => other.id !== id));
      const viewWasGone = findView(current.export.viewId) === null;
      const now = clock.now();
      // Counting starts again from now: moving today's time earlier doesn't run it at once.
      return saved({ ...current, ...structuredClone(definition), viewName, updatedAt: now, since: now, paused: viewWasGone ? null : current.paused });
    },
    remove(id) {
      mustFind(id);
      store.remove(id);
      runner.check();
      changed();
      return state();
    },
    runNow(id) {
      const schedule = mustFind(id);
      void runner.runNow(schedule);
      return present(schedule);
    },
    pause(id, paused) {
      const current = mustFind(id);
      // Resuming looks forward from now: runs missed while paused are not caught up.
      return saved({ ...current, paused: paused ? 'Paused. Resume it to export on schedule again.' : null, since: paused ? current.since : clock.now() });
    },
    async chooseFolder() {
      if (!deps.chooseFolder) throw new AppError('bad-input', 'Type the folder’s path: this window can’t open a folder picker.');
      const folder = await deps.chooseFolder();
      if (folder !== null) picked.add(folder);
      return folder;
    },
    showFile(id) {
      const file = mustFind(id).lastFile;
      if (file === null || !existsSync(file.path)) throw new AppError('bad-input', 'That file isn’t there any more. It may have been moved or deleted.');
      deps.showInFolder(file.path);
    },
  });

  return {
    handlers,
    nextRun: () => soonestRun(store.all(), timeZone()),
    start: () => runner.start(),
    check: () => runner.check(),
    dispose: () => runner.stop(),
  };
}
