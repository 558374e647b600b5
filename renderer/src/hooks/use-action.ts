import { useCallback, useState } from 'react';
import type { ErrorView } from '../../../electron/ipc/types.ts';
import { toErrorView } from '../lib/error-help.ts';

/** A dialog's one action (sign out, delete, save): busy while it runs, its failure kept as an error to show. */
export function useAction() {
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);

  const run = useCallback(async (action: () => Promise<void>) => {
    setWorking(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(toErrorView(failure));
    } finally {
      setWorking(false);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { working, error, run, clearError };
}
