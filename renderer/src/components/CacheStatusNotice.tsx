import { useState } from 'react';
import type { CacheStatusView } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { useLiveValue } from '../hooks/use-live-value.ts';
import { Notice } from './Notice.tsx';

/** The state of the part that reads and saves contacts (null until known). */
export function useCacheState(): CacheStatusView['state'] | null {
  return useLiveValue('cacheStatus', api.getCacheStatus).value?.state ?? null;
}

/** A short note while the part that reads and saves contacts restarts after it stopped: back in a moment. */
export function CacheReloadingNote() {
  return (
    <p className="cache-reloading" role="status">
      Reloading your saved contacts…
    </p>
  );
}

/**
 * It stopped too often to be restarted by itself: the person restarts it. A search that stops it
 * each time would stop it again when the table asks it again, so the way forward starts with the search.
 */
export function CacheUnavailableNotice({ searching }: { searching: boolean }) {
  const [reopening, setReopening] = useState(false);
  const tryAgain = () => {
    setReopening(true);
    void api.reopenCache().finally(() => setReopening(false));
  };
  return (
    <Notice
      tone="error"
      title="Your saved contacts could not be reloaded"
      announce="alert"
      actions={
        <button type="button" className="button button--small" onClick={tryAgain} disabled={reopening}>
          Try again
        </button>
      }
    >
      <p>The part of Contact Desk that reads your saved contacts stopped several times in a row, so it was not started again. Your contacts are still on this computer.</p>
      <p>{searching ? 'Clear the search box, then choose Try again.' : 'Choose Try again.'} If this keeps happening, quit and reopen Contact Desk.</p>
    </Notice>
  );
}
