import { useCallback, useEffect, useState } from 'react';
import type { ErrorView, SchedulesState } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { toErrorView } from '../lib/error-help.ts';
import { useApiEvent } from './use-api-event.ts';

/** The scheduled exports, kept current by the app's schedulesChanged event. */
export function useSchedules(active: boolean): { state: SchedulesState | null; error: ErrorView | null; reload(): void } {
  const [state, setState] = useState<SchedulesState | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const reload = useCallback(() => {
    api.getSchedules().then(
      (next) => {
        setState(next);
        setError(null);
      },
      (failure: unknown) => setError(toErrorView(failure)),
    );
  }, []);
  useEffect(() => {
    if (active) reload();
  }, [active, reload]);
  useApiEvent('schedulesChanged', setState);
  return { state, error, reload };
}
