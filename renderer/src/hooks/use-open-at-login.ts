import { useEffect, useState } from 'react';
import type { ErrorView, OpenAtLoginView } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { toErrorView } from '../lib/error-help.ts';

/**
 * "Open Contact Desk when I sign in" in the Settings dialog: read from the app (which asks the OS)
 * each time the dialog opens, so it shows what the OS will really do; applied on Save.
 */
export function useOpenAtLogin(open: boolean) {
  const [view, setView] = useState<OpenAtLoginView | null>(null);
  const [wanted, setWanted] = useState(false);
  const [failure, setFailure] = useState<ErrorView | null>(null);

  useEffect(() => {
    if (!open) return;
    setView(null);
    setFailure(null);
    api.getOpenAtLogin().then(
      (current) => {
        setView(current);
        setWanted(current.enabled);
      },
      (error: unknown) => setFailure(toErrorView(error)),
    );
  }, [open]);

  /** Applies the choice when it changed; false when the OS did not take it (the view then says why). */
  const apply = async (): Promise<boolean> => {
    if (view === null || view.managed !== null || wanted === view.enabled) return true;
    const next = await api.setOpenAtLogin({ enabled: wanted });
    setView(next);
    setWanted(next.enabled);
    return next.enabled === wanted && next.problem === null;
  };

  return { view, wanted, setWanted, failure, apply };
}
