import { useState } from 'react';
import type { AuthState, ContactsSummary, StatusView } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { formatCount, formatDayAndTime } from '../lib/format.ts';
import { Notice } from './Notice.tsx';

interface AccountNoticesProps {
  auth: Extract<AuthState, { status: 'signed-in' | 'needs-sign-in' }>;
  status: StatusView | null;
  summary: ContactsSummary | null;
  onSignIn(): void;
}

/** What the person should know about their connection while looking at their contacts. */
export function AccountNotices({ auth, status, summary, onSignIn }: AccountNoticesProps) {
  const [storageChoiceMade, setStorageChoiceMade] = useState(false);
  const [storageError, setStorageError] = useState<string | null>(null);
  const cached = summary
    ? `You can still search and export the ${formatCount(summary.count, 'contact')} saved on this computer${
        summary.lastSyncedAt ? ` (as of ${formatDayAndTime(summary.lastSyncedAt, Date.now())})` : ''
      }.`
    : 'You can still search and export the contacts saved on this computer.';

  const remember = async (value: boolean) => {
    try {
      await api.rememberSignIn({ remember: value });
      setStorageChoiceMade(true);
    } catch {
      setStorageError('Contact Desk could not save that choice. Try again.');
    }
  };

  const missingScopes = auth.account?.missingScopes ?? [];

  return (
    <>
      {auth.status === 'needs-sign-in' && (
        <Notice
          tone="error"
          icon="key"
          title="Please sign in to HubSpot again"
          actions={
            <button type="button" className="button button--small button--primary" onClick={onSignIn}>
              Sign in again
            </button>
          }
        >
          <p>{auth.reason.message}</p>
          <p>{cached}</p>
        </Notice>
      )}
      {auth.status === 'signed-in' && (status?.state === 'offline' || status?.state === 'hubspot-unreachable' || status?.state === 'hubspot-unavailable') && (
        <Notice
          tone="warning"
          title={status.state === 'offline' ? 'You are offline' : status.state === 'hubspot-unreachable' ? "HubSpot can't be reached" : 'HubSpot is not responding'}
          className="notice--offline"
        >
          <p>
            {status.state === 'offline'
              ? "Contact Desk can't reach HubSpot. Check that this computer is connected to the internet."
              : status.state === 'hubspot-unreachable'
                ? "This computer is online, but it can't connect to HubSpot's address: a firewall or proxy may be blocking it. Contact Desk keeps trying by itself."
                : "HubSpot isn't answering right now. This is usually temporary, and Contact Desk keeps trying by itself."}
          </p>
          <p>{cached}</p>
        </Notice>
      )}
      {auth.status === 'signed-in' && status?.state === 'rate-limited' && (
        <Notice tone="info" title={status.label}>
          <p>{status.sentence}</p>
        </Notice>
      )}
      {missingScopes.length > 0 && (
        <Notice
          tone="warning"
          icon="lock"
          title="Contact Desk is missing a permission"
          actions={
            <button type="button" className="button button--small" onClick={onSignIn}>
              Sign in again
            </button>
          }
        >
          <ul className="notice__list">
            {missingScopes.map((missing) => (
              <li key={missing.scope}>
                Without “<code>{missing.scope}</code>”: {missing.blocks}
              </li>
            ))}
          </ul>
          <p>Sign in again and allow everything Contact Desk asks for. If HubSpot does not offer it, ask your HubSpot Super Admin.</p>
        </Notice>
      )}
      {auth.status === 'signed-in' && auth.storage.protection === 'weak' && !auth.storage.remembered && !storageChoiceMade && (
        <Notice
          tone="info"
          icon="lock"
          title="Stay signed in on this computer?"
          actions={
            <>
              <button type="button" className="button button--small" onClick={() => void remember(true)}>
                Keep me signed in
              </button>
              <button type="button" className="button button--small button--quiet" onClick={() => void remember(false)}>
                Ask me each time
              </button>
            </>
          }
        >
          <p>
            This computer has no secure password store, so Contact Desk will ask you to sign in again next time — unless you allow it to keep your
            sign-in in a file that other programs on this computer could read.
          </p>
          {storageError && <p>{storageError}</p>}
        </Notice>
      )}
    </>
  );
}
