import { useId, useState } from 'react';
import type { StatusView } from '../../../electron/ipc/types.ts';
import { formatTime } from '../lib/format.ts';
import { Icon } from './Icon.tsx';
import { StatusIcon } from './StatusIcon.tsx';

interface ConnectionStatusProps {
  status: StatusView;
  onCheck(): Promise<void>;
  onSignIn(): void;
}

/** The header's status: icon + label (announced when it changes), the full sentence on hover or focus. */
export function ConnectionStatus({ status, onCheck, onSignIn }: ConnectionStatusProps) {
  const tipId = useId();
  const [checking, setChecking] = useState(false);
  const signedOut = status.state === 'signed-out';

  const check = async () => {
    setChecking(true);
    try {
      await onCheck();
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="connection" data-state={status.state}>
      <div className="connection__summary" tabIndex={0} aria-describedby={tipId} data-testid="connection-status">
        <StatusIcon state={status.state} />
        <span className="connection__label" role="status">
          {status.label}
        </span>
        <div className="connection__tip" role="tooltip" id={tipId}>
          <p>{status.sentence}</p>
          {status.portal && <p className="connection__meta">HubSpot account: {status.portal}</p>}
          {status.checkedAt !== null && <p className="connection__meta">Last checked at {formatTime(status.checkedAt)}</p>}
          {status.lastSuccessAt !== null && status.state !== 'connected' && (
            <p className="connection__meta">Last reached HubSpot at {formatTime(status.lastSuccessAt)}</p>
          )}
        </div>
      </div>
      {status.action?.command === 'sign-in' ? (
        <button type="button" className="button button--small button--primary" onClick={onSignIn}>
          <Icon name="key" />
          {status.action.label}
        </button>
      ) : (
        !signedOut && (
          <button type="button" className="button button--small connection__check" onClick={() => void check()} disabled={checking} aria-busy={checking} title="Check the connection to HubSpot now">
            <Icon name="sync" className={checking ? 'spin' : undefined} />
            <span className="connection__check-text">{checking ? 'Checking…' : 'Check connection'}</span>
          </button>
        )
      )}
    </div>
  );
}
