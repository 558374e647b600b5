import type { Account, AppInfo, StatusView } from '../../../electron/ipc/types.ts';
import appMark from '../assets/app-mark.svg';
import { AccountMenu } from './AccountMenu.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { Icon } from './Icon.tsx';

interface HeaderProps {
  info: AppInfo | null;
  status: StatusView | null;
  account: Account | null;
  onCheckConnection(): Promise<void>;
  onSignIn(): void;
  onSettings(): void;
  /** Opens Scheduled exports (issue 17). */
  onSchedules?: () => void;
  onSignOut(): void;
}

/**
 * The brand, the connection status and the account. In a small window (or at a large zoom) it
 * wraps onto more lines and its buttons turn compact (header.css), so nothing needs sideways scrolling.
 */
export function Header({ info, status, account, onCheckConnection, onSignIn, onSettings, onSignOut, onSchedules }: HeaderProps) {
  return (
    <header className="app-top">
      <div className="app-header">
        <div className="brand">
          <img className="brand__mark" src={appMark} width="28" height="28" alt="" />
          <span className="brand__name">Contact Desk</span>
          {info?.mode === 'sandbox' && <span className="badge badge--sample">Sample data</span>}
        </div>
        <div className="app-header__end">
          {status && <ConnectionStatus status={status} onCheck={onCheckConnection} onSignIn={onSignIn} />}
          <div className="app-header__tools">
            <button type="button" className="icon-button icon-button--header" onClick={onSettings} aria-label="Settings" title="Settings">
              <Icon name="settings" />
            </button>
            {account && <AccountMenu account={account} onSettings={onSettings} onSignOut={onSignOut} {...(onSchedules ? { onSchedules } : {})} />}
          </div>
        </div>
      </div>
      {info?.mode === 'sandbox' && (
        <p className="sample-banner">
          You are looking at sample data from a practice HubSpot account, not your company's real contacts.
        </p>
      )}
    </header>
  );
}
