import { useCallback, useRef, useState } from 'react';
import type { ErrorView, ExportProgress, ExportRequest } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { toErrorView } from '../lib/error-help.ts';
import { useApiEvent } from './use-api-event.ts';

export type ExportPhase =
  | { phase: 'idle' }
  /** Waiting for the person to pick where to save (the Save dialog is open). */
  | { phase: 'choosing-file' }
  | { phase: 'not-saved' }
  | { phase: 'failed-to-start'; error: ErrorView }
  | { phase: 'exporting'; progress: ExportProgress };

const terminal = (state: ExportProgress['state']) => state !== 'running';

/** Progress reports can arrive out of order (events vs the call's answer): keep the furthest along. */
function furthest(a: ExportProgress | undefined, b: ExportProgress): ExportProgress {
  if (a === undefined) return b;
  if (terminal(a.state) !== terminal(b.state)) return terminal(a.state) ? a : b;
  return b.written >= a.written ? b : a;
}

export interface ExportController {
  state: ExportPhase;
  start(request: ExportRequest): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

/** One export at a time, followed from the Save dialog to the finished file. */
export function useExport(): ExportController {
  const [state, setState] = useState<ExportPhase>({ phase: 'idle' });
  const seen = useRef(new Map<string, ExportProgress>());
  const currentId = useRef<string | null>(null);

  const record = useCallback((progress: ExportProgress) => {
    const best = furthest(seen.current.get(progress.exportId), progress);
    seen.current.set(progress.exportId, best);
    if (progress.exportId === currentId.current) setState({ phase: 'exporting', progress: best });
  }, []);

  useApiEvent('exportProgress', record);

  const start = useCallback(
    async (request: ExportRequest) => {
      setState({ phase: 'choosing-file' });
      try {
        const progress = await api.startExport(request);
        if (progress === null) {
          setState({ phase: 'not-saved' });
          return;
        }
        currentId.current = progress.exportId;
        record(progress);
      } catch (failure) {
        setState({ phase: 'failed-to-start', error: toErrorView(failure) });
      }
    },
    [record],
  );

  const cancel = useCallback(async () => {
    const exportId = currentId.current;
    if (exportId === null) return;
    try {
      await api.cancelExport({ exportId });
    } catch {
      // It finished (or failed) in the meantime: its last progress report says which.
    }
  }, []);

  const reset = useCallback(() => {
    currentId.current = null;
    setState({ phase: 'idle' });
  }, []);

  return { state, start, cancel, reset };
}
