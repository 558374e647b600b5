import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusView, type CheckOutcome } from '../../../../electron/core/status/status-model.ts';
import { maxTooltipLength, trayModel, type TrayIconId, type TrayMenuId } from '../../../../electron/core/status/tray-model.ts';
import type { AuthState, ConnectionState, ErrorKind, StatusView } from '../../../../electron/ipc/types.ts';
import { acme, idleSync, signedInAs } from './fixtures.ts';

const london = { locale: 'en-GB', timeZone: 'Europe/London' };
const now = Date.UTC(2026, 4, 4, 10, 0); // 11:00 in London (summer time)
const checkedAt = Date.UTC(2026, 4, 4, 9, 42);
const lastSuccessAt = Date.UTC(2026, 4, 4, 9, 30);

const make = (overrides: { auth?: AuthState; outcome?: CheckOutcome | null; running?: boolean; showChecking?: boolean } = {}): StatusView =>
  statusView({
    auth: overrides.auth ?? signedInAs(),
    sync: { ...idleSync, running: overrides.running ?? false },
    lastOutcome: overrides.outcome === undefined ? { ok: true } : overrides.outcome,
    checkedAt,
    lastSuccessAt,
    showChecking: overrides.showChecking ?? false,
  });
const failing = (kind: ErrorKind) => make({ outcome: { ok: false, error: { kind, message: 'x' } } });

type Row = { state: ConnectionState; status: StatusView; icon: TrayIconId; tooltip: string; enabled: TrayMenuId[]; signIn?: string };
const rows: Row[] = [
  {
    state: 'connected',
    status: make(),
    icon: 'connected',
    tooltip: 'Contact Desk — Connected to acme.hubspot.com (checked 10:42)',
    enabled: ['check-now', 'sync-now', 'export', 'open', 'sign-out', 'quit'],
  },
  {
    state: 'syncing',
    status: make({ running: true }),
    icon: 'syncing',
    tooltip: 'Contact Desk — Syncing contacts from acme.hubspot.com (checked 10:42)',
    enabled: ['check-now', 'export', 'open', 'sign-out', 'quit'],
  },
  {
    state: 'checking',
    status: make({ showChecking: true }),
    icon: 'checking',
    tooltip: 'Contact Desk — Checking the connection to acme.hubspot.com (last connected 10:30)',
    enabled: ['export', 'open', 'sign-out', 'quit'],
  },
  {
    state: 'offline',
    status: failing('offline'),
    icon: 'warning',
    tooltip: 'Contact Desk — Offline (last connected 10:30)',
    enabled: ['check-now', 'export', 'open', 'sign-out', 'quit'],
  },
  {
    state: 'hubspot-unavailable',
    status: failing('hubspot-down'),
    icon: 'warning',
    tooltip: 'Contact Desk — HubSpot not responding (last connected 10:30)',
    enabled: ['check-now', 'export', 'open', 'sign-out', 'quit'],
  },
  {
    state: 'rate-limited',
    status: failing('rate-limited'),
    icon: 'warning',
    tooltip: 'Contact Desk — Waiting for HubSpot (last connected 10:30)',
    enabled: ['check-now', 'export', 'open', 'sign-out', 'quit'],
  },
  {
    state: 'needs-sign-in',
    status: failing('revoked'),
    icon: 'error',
    tooltip: 'Contact Desk — Sign-in needed for acme.hubspot.com (last connected 10:30)',
    enabled: ['export', 'open', 'sign-in', 'sign-out', 'quit'],
    signIn: 'Sign in again…',
  },
  {
    state: 'missing-scopes',
    status: failing('missing-scope'),
    icon: 'error',
    tooltip: 'Contact Desk — Permission missing for acme.hubspot.com (last connected 10:30)',
    enabled: ['check-now', 'export', 'open', 'sign-in', 'sign-out', 'quit'],
    signIn: 'Sign in again…',
  },
  {
    state: 'signed-out',
    status: make({ auth: { status: 'signed-out' } }),
    icon: 'signed-out',
    tooltip: 'Contact Desk — Not signed in',
    enabled: ['export', 'open', 'sign-in', 'quit'],
    signIn: 'Sign in to HubSpot…',
  },
];

for (const row of rows) {
  test(`tray: ${row.state}`, () => {
    assert.equal(row.status.state, row.state);
    const model = trayModel(row.status, now, london);
    assert.equal(model.icon, row.icon);
    assert.equal(model.tooltip, row.tooltip);

    const ids = model.menu.map((item) => item.id);
    const expectedIds: TrayMenuId[] = ['status', 'check-now', 'sync-now', 'export', 'open'];
    if (row.state === 'signed-out') expectedIds.push('sign-in');
    else if (row.signIn) expectedIds.push('sign-in', 'sign-out');
    else expectedIds.push('sign-out');
    expectedIds.push('quit');
    assert.deepEqual(ids, expectedIds);

    const status = model.menu[0]!;
    assert.equal(status.enabled, false, 'the status line is information, not a command');
    assert.equal(`Contact Desk — ${status.label}`, row.tooltip.replace(/ \((checked|last connected) [^)]*\)$/, ''));
    assert.deepEqual(model.menu.filter((item) => item.enabled).map((item) => item.id), row.enabled);
    if (row.signIn) assert.equal(model.menu.find((item) => item.id === 'sign-in')?.label, row.signIn);

    const separated = model.menu.filter((item) => item.separatorBefore).map((item) => item.id);
    assert.deepEqual(separated, ['check-now', 'export', ids.includes('sign-in') ? 'sign-in' : 'sign-out', 'quit']);
  });
}

test('menu labels', () => {
  const labels = Object.fromEntries(trayModel(make(), now, london).menu.map((item) => [item.id, item.label]));
  assert.deepEqual(labels, {
    status: 'Connected to acme.hubspot.com',
    'check-now': 'Check connection now',
    'sync-now': 'Sync now',
    export: 'Export…',
    open: 'Open Contact Desk',
    'sign-out': 'Sign out',
    quit: 'Quit',
  });
  assert.equal(trayModel(make({ running: true }), now, london).menu.find((item) => item.id === 'sync-now')?.label, 'Syncing…');
});

test('times follow the locale and time zone, and show the day when it is not today', () => {
  assert.equal(trayModel(make(), now, { locale: 'en-US', timeZone: 'America/New_York' }).tooltip, 'Contact Desk — Connected to acme.hubspot.com (checked 5:42 AM)');
  const nextDay = now + 24 * 60 * 60_000;
  assert.equal(trayModel(make(), nextDay, london).tooltip, 'Contact Desk — Connected to acme.hubspot.com (checked 4 May, 10:42)');
  assert.equal(trayModel(failing('offline'), nextDay, { locale: 'de-DE', timeZone: 'Europe/Berlin' }).tooltip, 'Contact Desk — Offline (last connected 4. Mai, 11:30)');
});

test('no time is shown when there is none', () => {
  const fresh = statusView({ auth: signedInAs(), sync: idleSync, lastOutcome: null, checkedAt: null, lastSuccessAt: null, showChecking: true });
  assert.equal(trayModel(fresh, now, london).tooltip, 'Contact Desk — Checking the connection to acme.hubspot.com');
  const neverWorked = statusView({ auth: signedInAs(), sync: idleSync, lastOutcome: { ok: false, error: { kind: 'offline', message: 'x' } }, checkedAt, lastSuccessAt: null, showChecking: false });
  assert.equal(trayModel(neverWorked, now, london).tooltip, 'Contact Desk — Offline');
});

test('a very long portal name is shortened so Windows does not cut the tooltip mid-time', () => {
  const longDomain = `${'sales-and-marketing-department-'.repeat(5)}example.hubspot.com`;
  const model = trayModel(make({ auth: signedInAs({ ...acme, domain: longDomain }) }), now, london);
  assert.ok(model.tooltip.length <= maxTooltipLength, `${model.tooltip.length} characters`);
  assert.match(model.tooltip, /^Contact Desk — Connected to sales-and-marketing.*… \(checked 10:42\)$/);
});
