/**
 * One notice per problem above the contacts. The connection check, the sign-in and the last sync
 * can all report the same cause (HubSpot down makes both the check and the sync fail): this decides
 * which single notice says it — with the saved contacts and what happens next — and drops a report
 * whose cause is gone (a check worked since the sync stopped, or a later problem explains more).
 */
import type { AuthState, ContactsSummary, ErrorKind, ErrorView, StatusView, SyncProgress } from '../../../electron/ipc/types.ts';
import { formatCount, formatDayAndTime } from './format.ts';

export interface NoticeModel {
  tone: 'info' | 'warning' | 'error';
  icon?: 'key' | 'lock';
  title: string;
  paragraphs: string[];
  action: 'sign-in' | null;
}

export interface NoticeInputs {
  auth: Extract<AuthState, { status: 'signed-in' | 'needs-sign-in' }>;
  /** The last settled status: a check under way ("Checking…") keeps showing the answer before it. */
  status: StatusView | null;
  sync: SyncProgress | null;
  /** The status's checkedAt when the screen first saw the last sync's error (see syncErrorNotice). */
  checkedAtWhenSyncFailed: number | null;
  summary: ContactsSummary | null;
  now: number;
}

type Cause = 'connection' | 'limits' | 'sign-in';

/** Sync errors that the connection status reports too, by what causes them. */
const causeOfSyncError: Partial<Record<ErrorKind, Cause>> = {
  offline: 'connection',
  'hubspot-unreachable': 'connection',
  'hubspot-down': 'connection',
  'rate-limited': 'limits',
  'daily-limit': 'limits',
  revoked: 'sign-in',
  'not-signed-in': 'sign-in',
  'missing-scope': 'sign-in',
};

const connectionTrouble = {
  offline: {
    title: 'You are offline',
    explanation: "Contact Desk can't reach HubSpot. Check that this computer is connected to the internet.",
    next: 'Contact Desk connects again by itself when this computer is back online',
    syncBlocked: 'Syncing needs an internet connection. Contact Desk syncs by itself when this computer is back online.',
  },
  'hubspot-unreachable': {
    title: "HubSpot can't be reached",
    explanation:
      "This computer is online, but it can't connect to HubSpot's address: a firewall or proxy may be blocking it. If this lasts, tell whoever set up Contact Desk.",
    next: 'Contact Desk keeps trying by itself',
    syncBlocked: "HubSpot can't be reached right now. Contact Desk syncs by itself once it can.",
  },
  'hubspot-unavailable': {
    title: 'HubSpot is not responding',
    explanation: "HubSpot isn't answering right now, which is usually temporary.",
    next: 'Contact Desk keeps trying by itself',
    syncBlocked: "HubSpot isn't answering right now. Contact Desk syncs by itself once it does.",
  },
} as const;

type TroubleState = keyof typeof connectionTrouble;
const isTrouble = (state: string | undefined): state is TroubleState => state !== undefined && state in connectionTrouble;

/** "Your 5,000 saved contacts are still here (as of 22 Nov, 10:42): you can search and export them." */
export function savedContactsLine(summary: ContactsSummary | null, now: number): string | null {
  if (summary === null) return 'You can still search and export the contacts saved on this computer.';
  if (summary.count === 0) return null;
  const asOf = summary.lastSyncedAt === null ? '' : ` (as of ${formatDayAndTime(summary.lastSyncedAt, now)})`;
  return `Your ${formatCount(summary.count, 'saved contact')} ${summary.count === 1 ? 'is' : 'are'} still here${asOf}: you can search and export ${summary.count === 1 ? 'it' : 'them'}.`;
}

/** The one notice about the connection and the sign-in, or null when all is well. */
export function connectionNotice(inputs: NoticeInputs): NoticeModel | null {
  const { auth, status, sync, summary, now } = inputs;
  const saved = savedContactsLine(summary, now);
  const withSaved = (...paragraphs: string[]) => (saved ? [...paragraphs, saved] : paragraphs);

  if (auth.status === 'needs-sign-in') {
    return { tone: 'error', icon: 'key', title: 'Please sign in to HubSpot again', paragraphs: withSaved(auth.reason.message), action: 'sign-in' };
  }
  const state = status?.state;
  if (isTrouble(state)) {
    const trouble = connectionTrouble[state];
    const syncStopped = sync !== null && !sync.running && sync.error !== null && causeOfSyncError[sync.error.kind] === 'connection';
    return {
      tone: 'warning',
      title: trouble.title,
      paragraphs: [...withSaved(trouble.explanation), `${trouble.next}${syncStopped ? ', and finishes the sync that stopped' : ''}.`],
      action: null,
    };
  }
  if (state === 'rate-limited') return { tone: 'info', title: status!.label, paragraphs: [status!.sentence], action: null };
  if (state === 'needs-sign-in') {
    return { tone: 'error', icon: 'key', title: 'Please sign in to HubSpot again', paragraphs: withSaved(status!.sentence), action: 'sign-in' };
  }
  // Permissions the sign-in lacks have their own notice, listing them; this covers a check that found one missing.
  if (state === 'missing-scopes' && !auth.account.missingScopes.some((scope) => !scope.optional)) {
    return { tone: 'warning', icon: 'lock', title: 'Contact Desk is missing a permission', paragraphs: [status!.sentence], action: 'sign-in' };
  }
  return null;
}

/**
 * The last sync's error, when it still deserves a notice of its own: not when the connection
 * notice already says it (or says something later), and not when a check has worked since.
 */
export function syncErrorNotice(inputs: NoticeInputs): ErrorView | null {
  const { sync, status } = inputs;
  const error = sync && !sync.running ? sync.error : null;
  if (error === null || error.kind === 'cancelled') return null;
  if (causeOfSyncError[error.kind] === undefined) return error;
  if (connectionNotice(inputs) !== null) return null;
  const working = status?.state === 'connected' || status?.state === 'syncing';
  const checkedSince = status !== null && status.checkedAt !== null && status.checkedAt !== inputs.checkedAtWhenSyncFailed;
  return working && checkedSince ? null : error;
}

/** Why Sync now can't work right now (shown as its tooltip), or null when it can. */
export function syncBlockedReason(auth: NoticeInputs['auth'], status: StatusView | null): string | null {
  if (auth.status !== 'signed-in') return 'Sign in to HubSpot again to sync your contacts.';
  const state = status?.state;
  return isTrouble(state) ? connectionTrouble[state].syncBlocked : null;
}
