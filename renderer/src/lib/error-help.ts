/**
 * The app's error values already carry a plain sentence saying what happened. This adds what the
 * screen needs around it: a short heading, and the next step the person can take from here.
 */
import type { ErrorKind, ErrorView } from '../../../electron/ipc/types.ts';

export interface ErrorHelp {
  title: string;
  /** What to do now, or null when the sentence already says it or nothing can be done. */
  nextStep: string | null;
}

const signInHelp: Partial<Record<ErrorKind, ErrorHelp>> = {
  declined: { title: 'Access was declined', nextStep: 'To use Contact Desk, click Connect to HubSpot again and choose Connect app on the HubSpot page.' },
  'timed-out': { title: 'Sign-in took too long', nextStep: 'Click Connect to HubSpot to start again. You have 5 minutes to finish in your browser.' },
  'ports-busy': {
    title: 'Sign-in could not start',
    nextStep: 'Another program is using what Contact Desk needs to receive the sign-in. Close other copies of Contact Desk, or restart the computer, then try again.',
  },
  offline: { title: 'No connection to HubSpot', nextStep: null },
  'hubspot-unreachable': { title: "HubSpot can't be reached", nextStep: null },
  'hubspot-down': { title: 'HubSpot is not responding', nextStep: null },
  'hubspot-error': {
    title: 'HubSpot could not finish the sign-in',
    nextStep: 'Try again. If it keeps happening, ask your HubSpot Super Admin whether you may install apps in your account.',
  },
  revoked: { title: 'Please sign in again', nextStep: 'Click Connect to HubSpot to sign in again.' },
  'not-signed-in': { title: 'Please sign in again', nextStep: 'Click Connect to HubSpot to sign in again.' },
  'storage-locked': { title: 'Your saved sign-in is locked', nextStep: null },
  'missing-scope': {
    title: 'Contact Desk needs more permissions',
    nextStep: 'Sign in again and allow everything Contact Desk asks for. If you cannot, ask your HubSpot Super Admin.',
  },
};

const syncHelp: Partial<Record<ErrorKind, ErrorHelp>> = {
  offline: { title: 'Sync stopped: no connection', nextStep: 'Your contacts on this computer are still here.' },
  'hubspot-unreachable': { title: "Sync stopped: HubSpot can't be reached", nextStep: 'Your contacts on this computer are still here.' },
  'hubspot-down': { title: 'Sync stopped: HubSpot is not responding', nextStep: 'Your contacts on this computer are still here.' },
  'rate-limited': { title: 'Sync paused: HubSpot asked us to slow down', nextStep: 'Nothing fetched so far is lost.' },
  'daily-limit': { title: 'Sync stopped for today', nextStep: null },
  revoked: { title: 'Sync stopped: please sign in again', nextStep: 'Your contacts on this computer are still here.' },
  'missing-scope': { title: 'Sync stopped: a permission is missing', nextStep: 'Sign in again and allow everything Contact Desk asks for.' },
  busy: { title: 'A sync is already running', nextStep: null },
};

const exportHelp: Partial<Record<ErrorKind, ErrorHelp>> = {
  'permission-denied': { title: 'That folder cannot be written to', nextStep: 'Export again and choose another folder, such as Documents.' },
  'folder-missing': { title: 'That folder no longer exists', nextStep: 'Export again and choose another folder.' },
  'disk-full': { title: 'The disk is full', nextStep: 'Free some space or choose another drive, then export again. No partial file was left behind.' },
  busy: { title: 'The export didn’t start', nextStep: null },
  'bad-input': { title: 'The export didn’t start', nextStep: null },
  internal: { title: 'The export didn’t finish', nextStep: 'No file was saved.' },
};

const generalHelp: Partial<Record<ErrorKind, ErrorHelp>> = {
  offline: { title: 'No connection to HubSpot', nextStep: null },
  'hubspot-unreachable': { title: "HubSpot can't be reached", nextStep: null },
  'hubspot-down': { title: 'HubSpot is not responding', nextStep: null },
  'rate-limited': { title: 'HubSpot asked us to slow down', nextStep: null },
  'daily-limit': { title: 'HubSpot\'s daily limit is reached', nextStep: null },
  revoked: { title: 'Please sign in again', nextStep: null },
  'not-signed-in': { title: 'You are not signed in', nextStep: null },
  'bad-input': { title: 'Contact Desk could not do that', nextStep: null },
  internal: { title: 'Something went wrong', nextStep: null },
};

const previewHelp: Partial<Record<ErrorKind, ErrorHelp>> = {
  internal: { title: 'The preview server stopped', nextStep: 'Start it again with npm run preview if it is not running, then click Reload page.' },
};

const byContext = { 'sign-in': signInHelp, sync: syncHelp, export: exportHelp, general: generalHelp, preview: previewHelp };
export type ErrorContext = keyof typeof byContext;

export function helpFor(error: Pick<ErrorView, 'kind'>, context: ErrorContext): ErrorHelp {
  return byContext[context][error.kind] ?? generalHelp[error.kind] ?? { title: 'Something went wrong', nextStep: null };
}

/** Turns anything a call threw into an ErrorView (ApiError already is one in all but name). */
export function toErrorView(error: unknown): ErrorView {
  if (typeof error === 'object' && error !== null && 'kind' in error && 'message' in error) {
    const { kind, message, details } = error as ErrorView;
    return details === undefined ? { kind, message } : { kind, message, details };
  }
  return { kind: 'internal', message: 'Something went wrong inside Contact Desk. Try again; if it keeps happening, restart the app.' };
}
