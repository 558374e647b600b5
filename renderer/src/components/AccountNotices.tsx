import { useState } from 'react';
import type { AuthState, MissingScope } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import type { NoticeModel } from '../lib/connection-notices.ts';
import { Notice } from './Notice.tsx';

interface AccountNoticesProps {
  auth: Extract<AuthState, { status: 'signed-in' | 'needs-sign-in' }>;
  /** The one notice about the connection (lib/connection-notices.ts), or null. */
  connection: NoticeModel | null;
  onSignIn(): void;
}

/** What the person should know about their connection and sign-in while looking at their contacts. */
export function AccountNotices({ auth, connection, onSignIn }: AccountNoticesProps) {
  const [storageChoiceMade, setStorageChoiceMade] = useState(false);
  const [storageError, setStorageError] = useState<string | null>(null);
  const [optionalSeen, setOptionalSeen] = useState(false);

  const remember = async (value: boolean) => {
    try {
      await api.rememberSignIn({ remember: value });
      setStorageChoiceMade(true);
    } catch {
      setStorageError('Contact Desk could not save that choice. Try again.');
    }
  };

  const missingScopes = auth.account?.missingScopes ?? [];
  const required = missingScopes.filter((scope) => !scope.optional);
  const optional = missingScopes.filter((scope) => scope.optional);

  return (
    <>
      {connection && (
        <Notice
          tone={connection.tone}
          icon={connection.icon}
          title={connection.title}
          actions={
            connection.action === 'sign-in' && (
              <button type="button" className="button button--small button--primary" onClick={onSignIn}>
                Sign in again
              </button>
            )
          }
        >
          {connection.paragraphs.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </Notice>
      )}
      {required.length > 0 && (
        <MissingScopesNotice tone="warning" title="Contact Desk is missing a permission" scopes={required} onSignIn={onSignIn}>
          Sign in again and allow everything Contact Desk asks for. If HubSpot does not offer it, ask your HubSpot Super Admin.
        </MissingScopesNotice>
      )}
      {optional.length > 0 && !optionalSeen && (
        <MissingScopesNotice tone="info" title="Some features are off" scopes={optional} onSignIn={onSignIn} onDismiss={() => setOptionalSeen(true)}>
          Everything else works. To turn them on, sign in again and allow them, or ask your HubSpot Super Admin.
        </MissingScopesNotice>
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

/** Permissions HubSpot did not give, each with what it is for, and Sign in again (and Dismiss for optional ones). */
function MissingScopesNotice(props: { tone: 'warning' | 'info'; title: string; scopes: readonly MissingScope[]; onSignIn(): void; onDismiss?: () => void; children: string }) {
  return (
    <Notice
      tone={props.tone}
      icon="lock"
      title={props.title}
      actions={
        <>
          <button type="button" className="button button--small" onClick={props.onSignIn}>
            Sign in again
          </button>
          {props.onDismiss && (
            <button type="button" className="button button--small button--quiet" onClick={props.onDismiss}>
              Dismiss
            </button>
          )}
        </>
      }
    >
      <ul className="notice__list">
        {props.scopes.map((missing) => (
          <li key={missing.scope}>
            Without “<code>{missing.scope}</code>”: {missing.blocks}
          </li>
        ))}
      </ul>
      <p>{props.children}</p>
    </Notice>
  );
}
