import type { Account, AppInfo, StatusView } from '../../../electron/ipc/types.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';

interface HeaderProps {
  info: AppInfo | null;
  status: StatusView | null;
  account: Account | null;
  onCheckConnection(): Promise<void>;
  onSignIn(): void;
  onSettings(): void;
  onSignOut(): void;
}

export function Header({ info, status, account, onCheckConnection, onSignIn, onSettings, onSignOut }: HeaderProps) {
  return (
    <header className="app-top">
      <div className="app-header">
        <div className="brand">
          <svg className="brand__mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" className="brand__mark-bg" />
            <circle cx="16" cy="12.5" r="4.5" className="brand__mark-fg" />
            <path d="M8 25c1.2-4.4 4.3-6.6 8-6.6s6.8 2.2 8 6.6" className="brand__mark-fg" />
          </svg>
          <span className="brand__name">Contact Desk</span>
          {info?.mode === 'sandbox' && <span className="badge badge--sample">Sample data</span>}
        </div>
        <div className="app-header__end">
          {status && <ConnectionStatus status={status} onCheck={onCheckConnection} onSignIn={onSignIn} />}
          {account && <AccountMenu account={account} onSettings={onSettings} onSignOut={onSignOut} />}
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
