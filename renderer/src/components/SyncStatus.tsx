import { useId } from 'react';
import type { SyncProgress } from '../../../electron/ipc/types.ts';
import { formatCount, formatNumber, formatRelativeTime } from '../lib/format.ts';

interface SyncStatusProps {
  progress: SyncProgress | null;
  lastSyncedAt: number | null;
  hasContacts: boolean;
  now: number;
  onCancel(): void;
}

/** "Last synced 2 minutes ago", or while a sync runs: a progress bar with counts and Cancel. */
export function SyncStatus({ progress, lastSyncedAt, hasContacts, now, onCancel }: SyncStatusProps) {
  const labelId = useId();
  if (progress?.running) {
    const { fetched, total } = progress;
    const label =
      total !== null && total > 0
        ? `Fetched ${formatNumber(Math.min(fetched, total))} of ${formatCount(total, 'contact')}`
        : `Fetched ${formatCount(fetched, 'contact')} so far`;
    return (
      <div className="sync-status sync-status--running" data-testid="sync-progress">
        <span id={labelId} className="sync-status__label">
          {progress.kind === 'incremental' ? `Checking HubSpot for changes… ${label}` : label}
        </span>
        {total !== null && total > 0 ? (
          <progress className="progress progress--inline" aria-labelledby={labelId} max={total} value={Math.min(fetched, total)} />
        ) : (
          <progress className="progress progress--inline" aria-labelledby={labelId} />
        )}
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  const at = progress?.lastSyncedAt ?? lastSyncedAt;
  const never = hasContacts ? 'The first sync has not finished yet' : 'Not synced yet';
  return <span className="sync-status">{at === null ? never : `Last synced ${formatRelativeTime(at, now)}`}</span>;
}
