/**
 * The tray icon, tooltip and menu as a pure function of the connection status. The desktop glue
 * turns this into Electron's Tray and Menu; nothing here knows about Electron.
 */
import type { ConnectionState, StatusView } from '../../ipc/types.ts';
import { formatStatusTime, type TimeFormatOptions } from './time-format.ts';

export type TrayIconId = 'connected' | 'syncing' | 'checking' | 'warning' | 'error' | 'signed-out';
export const trayIconIds: readonly TrayIconId[] = ['connected', 'syncing', 'checking', 'warning', 'error', 'signed-out'];

export type TrayMenuId = 'status' | 'check-now' | 'sync-now' | 'export' | 'open' | 'sign-out' | 'sign-in' | 'quit';

export interface TrayMenuItem {
  id: TrayMenuId;
  label: string;
  enabled: boolean;
  separatorBefore?: boolean;
}

export interface TrayModel {
  icon: TrayIconId;
  tooltip: string;
  menu: TrayMenuItem[];
}

/** Windows cuts tray tooltips at 127 characters. */
export const maxTooltipLength = 127;

const appName = 'Contact Desk';

/**
 * Warning: Contact Desk will sort it out by itself (network, HubSpot outage, rate limit).
 * Error: nothing will work until the user acts (sign in again, approve permissions).
 */
const iconFor: Record<ConnectionState, TrayIconId> = {
  'signed-out': 'signed-out',
  checking: 'checking',
  connected: 'connected',
  syncing: 'syncing',
  offline: 'warning',
  'hubspot-unreachable': 'warning',
  'hubspot-unavailable': 'warning',
  'rate-limited': 'warning',
  'needs-sign-in': 'error',
  'missing-scopes': 'error',
};

export function trayModel(status: StatusView, now: number, options: TimeFormatOptions = {}): TrayModel {
  const headline = headlineFor(status);
  return {
    icon: iconFor[status.state],
    tooltip: tooltipFor(status, headline, now, options),
    menu: menuFor(status, headline),
  };
}

function headlineFor(status: StatusView): string {
  const portal = status.portal;
  switch (status.state) {
    case 'connected':
      return portal ? `Connected to ${portal}` : 'Connected to HubSpot';
    case 'syncing':
      return portal ? `Syncing contacts from ${portal}` : 'Syncing contacts';
    case 'checking':
      return portal ? `Checking the connection to ${portal}` : 'Checking the connection';
    case 'needs-sign-in':
    case 'missing-scopes':
      return portal ? `${status.label} for ${portal}` : status.label;
    default:
      return status.label;
  }
}

function tooltipFor(status: StatusView, headline: string, now: number, options: TimeFormatOptions): string {
  let when = '';
  if (status.state === 'connected' || status.state === 'syncing') {
    if (status.checkedAt !== null) when = ` (checked ${formatStatusTime(status.checkedAt, now, options)})`;
  } else if (status.state !== 'signed-out' && status.lastSuccessAt !== null) {
    when = ` (last connected ${formatStatusTime(status.lastSuccessAt, now, options)})`;
  }
  const prefix = `${appName} — `;
  const room = maxTooltipLength - prefix.length - when.length;
  return prefix + (headline.length > room ? `${headline.slice(0, room - 1)}…` : headline) + when;
}

function menuFor(status: StatusView, headline: string): TrayMenuItem[] {
  const { state } = status;
  const signedIn = state !== 'signed-out';
  const mustSignInAgain = state === 'needs-sign-in' || state === 'missing-scopes';

  const menu: TrayMenuItem[] = [
    { id: 'status', label: headline, enabled: false },
    { id: 'check-now', label: 'Check connection now', enabled: signedIn && state !== 'needs-sign-in' && state !== 'checking', separatorBefore: true },
    { id: 'sync-now', label: state === 'syncing' ? 'Syncing…' : 'Sync now', enabled: state === 'connected' },
    // Export reads the contacts saved on this computer, so it works offline and when signed out.
    { id: 'export', label: 'Export…', enabled: true, separatorBefore: true },
    { id: 'open', label: `Open ${appName}`, enabled: true },
  ];
  if (!signedIn) {
    menu.push({ id: 'sign-in', label: 'Sign in to HubSpot…', enabled: true, separatorBefore: true });
  } else if (mustSignInAgain) {
    menu.push({ id: 'sign-in', label: 'Sign in again…', enabled: true, separatorBefore: true }, { id: 'sign-out', label: 'Sign out', enabled: true });
  } else {
    menu.push({ id: 'sign-out', label: 'Sign out', enabled: true, separatorBefore: true });
  }
  menu.push({ id: 'quit', label: 'Quit', enabled: true, separatorBefore: true });
  return menu;
}
