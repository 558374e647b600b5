/** The IPC handlers of the export: the Save dialog, the export's progress, and the finished file in its folder. */
import type { Events, Handlers } from '../../ipc/contract.ts';
import type { ExportProgress } from '../../ipc/types.ts';
import { AppError } from '../errors.ts';
import type { Clock, Ports } from '../ports.ts';
import { suggestedExportFileName } from './export-file-name.ts';
import type { Exporter } from './exporter.ts';

export interface ExportHandlersDeps {
  exporter: Exporter;
  ports: Pick<Ports, 'chooseExportTarget' | 'showInFolder'>;
  clock: Clock;
  emitProgress: (progress: Events['exportProgress']) => void;
}

export function exportHandlers({ exporter, ports, clock, emitProgress }: ExportHandlersDeps): Pick<Handlers, 'startExport' | 'cancelExport' | 'showExportInFolder'> {
  const exportTargets = new Map<string, string>();
  return {
    startExport: async (request) => {
      exporter.assertCanStart(); // before the Save dialog: don't ask where to save an export that can't start
      const target = await ports.chooseExportTarget(suggestedExportFileName(request, clock.now()));
      if (target === null) return null;
      const { exportId, done } = exporter.start(request, { path: target.path }, emitProgress);
      exportTargets.set(exportId, target.path);
      void done.then((progress) => {
        if (progress.state === 'done') target.onComplete?.(target.path);
        else exportTargets.delete(exportId);
      });
      const started: ExportProgress = { exportId, state: 'running', written: 0, total: 0, fileName: null, sheets: null, error: null };
      return started;
    },
    cancelExport: async ({ exportId }) => exporter.cancel(exportId),
    showExportInFolder: async ({ exportId }) => {
      const path = exportTargets.get(exportId);
      if (path === undefined) throw new AppError('bad-input', 'That export is no longer available. Export again to get a new file.');
      ports.showInFolder(path);
    },
  };
}
