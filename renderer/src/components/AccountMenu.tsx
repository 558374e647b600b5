import { useId } from 'react';
import { useDisclosure } from '../hooks/use-disclosure.ts';
import type { Account } from '../../../electron/ipc/types.ts';
import { Icon } from './Icon.tsx';

/** A disclosure button with the account's details, Settings and Sign out; closes on Escape or a click elsewhere. */
export function AccountMenu({ account, onSettings, onSignOut, onSchedules }: { account: Account; onSettings(): void; onSignOut(): void; onSchedules?: () => void }) {
  const { open, setOpen, rootRef, buttonRef } = useDisclosure();
  const panelId = useId();

  return (
    <div className="account" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="account__button"
        title={`HubSpot account: ${account.domain}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="account__avatar" aria-hidden="true">
          {(account.userEmail[0] ?? '?').toUpperCase()}
        </span>
        <span className="account__domain">{account.domain}</span>
        <Icon name="chevronDown" />
      </button>
      <div className="account__panel popover" id={panelId} hidden={!open}>
        <dl className="account__details">
          <dt>HubSpot account</dt>
          <dd>{account.domain}</dd>
          <dt>Account ID</dt>
          <dd>{account.hubId}</dd>
          <dt>Signed in as</dt>
          <dd>{account.userEmail}</dd>
        </dl>
        <button
          type="button"
          className="button button--block"
          onClick={() => {
            setOpen(false);
            onSettings();
          }}
        >
          <Icon name="settings" />
          Settings…
        </button>
        {onSchedules && (
          <button
            type="button"
            className="button button--block"
            onClick={() => {
              setOpen(false);
              onSchedules();
            }}
          >
            <Icon name="folder" />
            Scheduled exports…
          </button>
        )}
        <button
          type="button"
          className="button button--block"
          onClick={() => {
            setOpen(false);
            onSignOut();
          }}
        >
          <Icon name="signOut" />
          Sign out…
        </button>
      </div>
    </div>
  );
}
