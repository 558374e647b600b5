import { useState } from 'react';
import type { SignOutResult } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { useAction } from '../hooks/use-action.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorNotice } from './Notice.tsx';
import { Icon } from './Icon.tsx';

interface SignOutDialogProps {
  open: boolean;
  domain: string | null;
  onClose(): void;
  onSignedOut(result: SignOutResult): void;
}

export function SignOutDialog({ open, domain, onClose, onSignedOut }: SignOutDialogProps) {
  const [deleteCachedContacts, setDeleteCachedContacts] = useState(false);
  const { working, error, run, clearError } = useAction();

  const close = () => {
    clearError();
    setDeleteCachedContacts(false);
    onClose();
  };

  const signOut = () =>
    run(async () => {
      const result = await api.signOut({ deleteCachedContacts });
      setDeleteCachedContacts(false);
      onSignedOut(result);
    });

  return (
    <Dialog
      open={open}
      title="Sign out of HubSpot?"
      onClose={close}
      busy={working}
      className="dialog--narrow"
      footer={
        <>
          <button type="button" className="button" onClick={close} disabled={working} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={() => void signOut()} disabled={working} aria-busy={working}>
            <Icon name="signOut" />
            {working ? 'Signing out…' : 'Sign out'}
          </button>
        </>
      }
    >
      <p>
        Contact Desk will stop reading contacts from {domain ? <strong>{domain}</strong> : 'HubSpot'} and forget your sign-in on this
        computer.
      </p>
      <label className="check">
        <input type="checkbox" checked={deleteCachedContacts} onChange={(event) => setDeleteCachedContacts(event.target.checked)} />
        <span>
          Also delete the contacts saved on this computer
          <span className="check__hint">Keep them to see them again straight away when you next sign in.</span>
        </span>
      </label>
      {error && <ErrorNotice error={error} context="general" />}
    </Dialog>
  );
}
