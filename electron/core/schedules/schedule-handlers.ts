/** The IPC handlers of scheduled exports; services.ts spreads them into the app's handlers. */
import type { Handlers } from '../../ipc/contract.ts';
import type { ScheduleDefinition, ScheduledExport, SchedulesState } from '../../ipc/types.ts';

export type ScheduleHandlers = Pick<
  Handlers,
  'getSchedules' | 'saveSchedule' | 'updateSchedule' | 'deleteSchedule' | 'runScheduleNow' | 'pauseSchedule' | 'chooseScheduleFolder' | 'showScheduleFile'
>;

export interface ScheduleActions {
  state(): SchedulesState;
  save(definition: ScheduleDefinition): ScheduledExport;
  update(id: string, definition: ScheduleDefinition): ScheduledExport;
  remove(id: string): SchedulesState;
  runNow(id: string): ScheduledExport;
  pause(id: string, paused: boolean): ScheduledExport;
  chooseFolder(): Promise<string | null>;
  showFile(id: string): void;
}

export function createScheduleHandlers(actions: ScheduleActions): ScheduleHandlers {
  return {
    getSchedules: async () => actions.state(),
    saveSchedule: async ({ definition }) => actions.save(definition),
    updateSchedule: async ({ id, definition }) => actions.update(id, definition),
    deleteSchedule: async ({ id }) => actions.remove(id),
    runScheduleNow: async ({ id }) => actions.runNow(id),
    pauseSchedule: async ({ id, paused }) => actions.pause(id, paused),
    chooseScheduleFolder: () => actions.chooseFolder(),
    showScheduleFile: async ({ id }) => actions.showFile(id),
  };
}
