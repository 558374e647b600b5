/**
 * "Sync first" for a scheduled export: a sync with HubSpot that the export waits for, or, when it
 * can't happen (offline, signed out) or doesn't get through, a note saying the file has the
 * contacts as of the last sync. The export goes ahead either way.
 */
import type { SyncProgress } from '../../ipc/types.ts';
import type { SyncService } from '../contacts/sync.ts';
import { isAppError } from '../errors.ts';

export interface SyncFirstDeps {
  sync: Pick<SyncService, 'syncNow' | 'progress' | 'onProgress'>;
  /** Whether a sync can reach HubSpot now (signed in, not offline). */
  canSync(): boolean;
}

const NOT_SYNCED = 'Not synced first: HubSpot couldn’t be reached (this computer may be offline), so the file has the contacts as of the last sync.';

export function createSyncFirst(deps: SyncFirstDeps): () => Promise<string | null> {
  return async () => {
    if (!deps.canSync()) return NOT_SYNCED;
    const progress = await syncToEnd(deps.sync);
    return progress.error === null ? null : `Not synced first: ${progress.error.message} The file has the contacts as of the last sync.`;
  };
}

/** Starts a sync, or waits for the one already running, and resolves with how it ended. */
async function syncToEnd(sync: SyncFirstDeps['sync']): Promise<SyncProgress> {
  try {
    return await sync.syncNow();
  } catch (error) {
    if (!(isAppError(error) && error.kind === 'busy')) throw error;
  }
  return new Promise((resolve) => {
    if (!sync.progress().running) return resolve(sync.progress());
    const stop = sync.onProgress((progress) => {
      if (progress.running) return;
      stop();
      resolve(progress);
    });
  });
}
