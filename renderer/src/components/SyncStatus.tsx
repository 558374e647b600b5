import { useId } from 'react';
import type { SyncProgress } from '../../../electron/ipc/types.ts';
import { formatCount, formatNumber, formatRelativeTime } from '../lib/format.ts';
import { ProgressBar } from './ProgressBar.tsx';

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
    const count =
      total !== null && total > 0
        ? `Fetched ${formatNumber(Math.min(fetched, total))} of ${formatCount(total, 'contact')}`
        : fetched > 0
          ? `Fetched ${formatCount(fetched, 'contact')} so far`
          : null;
    const label = progress.kind === 'incremental' ? `Checking HubSpot for changes…${count ? ` ${count}` : ''}` : (count ?? 'Asking HubSpot for your contacts…');
    return (
      <div className="sync-status sync-status--running" data-testid="sync-progress">
        <span id={labelId} className="sync-status__label">
          {label}
        </span>
        <ProgressBar labelledBy={labelId} value={fetched} max={total ?? undefined} inline />
        <button type="button" className="button button--small button--quiet sync-status__cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  const at = progress?.lastSyncedAt ?? lastSyncedAt;
  const never = hasContacts ? 'The first sync has not finished yet' : 'Not synced yet';
  return <span className="sync-status">{at === null ? never : `Last synced ${formatRelativeTime(at, now)}`}</span>;
}
