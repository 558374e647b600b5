import { useId } from 'react';
import { Icon } from './Icon.tsx';

interface SyncButtonProps {
  syncing: boolean;
  /** Why a sync can't work now (offline, HubSpot down, signed out): the button is unavailable and says why. */
  blockedReason: string | null;
  onSync(): void;
}

/**
 * Sync now. While a sync can't work it stays focusable (aria-disabled, not disabled) so keyboard
 * and screen-reader users reach the reason, which shows on hover and focus like the status tooltip.
 */
export function SyncButton({ syncing, blockedReason, onSync }: SyncButtonProps) {
  const tipId = useId();
  const blocked = blockedReason !== null && !syncing;
  return (
    <span className="tip-anchor">
      <button
        type="button"
        className="button"
        onClick={blocked ? undefined : onSync}
        disabled={syncing}
        aria-disabled={blocked || undefined}
        aria-describedby={blocked ? tipId : undefined}
      >
        <Icon name="sync" className={syncing ? 'spin' : undefined} />
        {syncing ? 'Syncing…' : 'Sync now'}
      </button>
      {blocked && (
        <span className="tip" role="tooltip" id={tipId}>
          {blockedReason}
        </span>
      )}
    </span>
  );
}
