/**
 * What the tray, the header and notifications say about the connection to HubSpot: a pure function
 * of the sign-in state, the sync and the last connection check.
 */
import type { Account, AuthState, ConnectionState, ErrorView, MissingScope, StatusView, SyncProgress } from '../../ipc/types.ts';

export type CheckOutcome = { ok: true } | { ok: false; error: ErrorView };

export interface StatusInputs {
  auth: AuthState;
  sync: SyncProgress | null;
  /** The result of the last finished check for this sign-in; null before the first one. */
  lastOutcome: CheckOutcome | null;
  checkedAt: number | null;
  lastSuccessAt: number | null;
  /**
   * A check is running that the user should see as "Checking…": the first one, or one they asked
   * for. Background re-checks keep showing the last answer so the tray does not flicker.
   */
  showChecking: boolean;
  /**
   * What the OS last said about this computer's network (the shell reports changes through the
   * monitor's notifyNetworkChange); true until it says otherwise. See stateForFailure.
   */
  networkOnline?: boolean;
}

type Action = StatusView['action'];
/** Every state but signed-out describes a sign-in that exists (or existed). */
type SignedInState = Exclude<ConnectionState, 'signed-out'>;

const checkAgain: Action = { label: 'Check again', command: 'check-connection' };
const signIn: Action = { label: 'Sign in', command: 'sign-in' };
const signInAgain: Action = { label: 'Sign in again', command: 'sign-in' };
const noActionNeeded: Action = { label: 'No action needed', command: 'wait' };
const savedContactsStillHere = 'Your saved contacts are still here, and you can export them.';

export function statusView(inputs: StatusInputs): StatusView {
  const { auth } = inputs;
  const times = { lastSuccessAt: inputs.lastSuccessAt, checkedAt: inputs.checkedAt };

  switch (auth.status) {
    case 'restoring':
      return {
        state: 'checking',
        label: auth.step === 'unlocking' ? 'Unlocking…' : 'Checking…',
        sentence: auth.step === 'unlocking' ? 'Contact Desk is unlocking the sign-in saved on this computer.' : 'Contact Desk is checking your saved sign-in with HubSpot.',
        action: null,
        lastSuccessAt: null,
        checkedAt: null,
        portal: null,
      };
    case 'signed-out':
      return {
        state: 'signed-out',
        label: 'Not signed in',
        sentence: 'Sign in to HubSpot to see and export your contacts.',
        action: signIn,
        lastSuccessAt: null,
        checkedAt: null,
        portal: null,
      };
    case 'signing-in':
      return {
        state: 'signed-out',
        label: 'Signing in…',
        sentence: 'Finish signing in on the HubSpot page that opened in your web browser.',
        action: null,
        lastSuccessAt: null,
        checkedAt: null,
        portal: null,
      };
    case 'needs-sign-in': {
      const portal = auth.account?.domain ?? null;
      const state: SignedInState = auth.reason.kind === 'missing-scope' ? 'missing-scopes' : 'needs-sign-in';
      return { ...describe(state, portal, auth.reason, auth.account?.missingScopes ?? []), ...times, portal };
    }
    case 'signed-in':
      return {
        ...describe(signedInState(inputs, auth.account), auth.account.domain, failure(inputs), auth.account.missingScopes),
        ...times,
        portal: auth.account.domain,
      };
  }
}

function failure(inputs: StatusInputs): ErrorView | null {
  return inputs.lastOutcome && !inputs.lastOutcome.ok ? inputs.lastOutcome.error : null;
}

function signedInState(inputs: StatusInputs, account: Account): SignedInState {
  if (inputs.showChecking) return 'checking';
  const error = failure(inputs);
  if (error) return stateForFailure(error, inputs.networkOnline ?? true);
  // an optional scope turns one feature off; only a required one stops the connection
  if (account.missingScopes.some((scope) => !scope.optional)) return 'missing-scopes';
  if (inputs.sync?.running) return 'syncing';
  return inputs.lastOutcome ? 'connected' : 'checking';
}

/**
 * Offline or HubSpot unreachable: the failure itself says which (see errorForNetworkFailure: silence
 * means offline, an answer that is not HubSpot's means unreachable), and when the OS says this
 * computer has no network at all, every failure to connect is "offline".
 */
export function stateForFailure(error: ErrorView, networkOnline = true): SignedInState {
  switch (error.kind) {
    case 'offline':
      return 'offline';
    case 'hubspot-unreachable':
      return networkOnline ? 'hubspot-unreachable' : 'offline';
    case 'rate-limited':
    case 'daily-limit':
      return 'rate-limited';
    case 'revoked':
    case 'not-signed-in':
      return 'needs-sign-in';
    case 'missing-scope':
      return 'missing-scopes';
    default:
      // 5xx, timeouts, answers we cannot use, and our own surprises: all mean "HubSpot did not
      // confirm the connection, and it is not the user's network".
      return 'hubspot-unavailable';
  }
}

type Description = Pick<StatusView, 'state' | 'label' | 'sentence' | 'action'>;

function describe(state: SignedInState, portal: string | null, error: ErrorView | null, missing: readonly MissingScope[]): Description {
  const at = portal ? ` ${portal}` : ' HubSpot';
  switch (state) {
    case 'checking':
      return { state, label: 'Checking…', sentence: `Checking the connection to${at}.`, action: null };
    case 'connected':
      return { state, label: 'Connected', sentence: `Contact Desk is connected to${at}.`, action: null };
    case 'syncing':
      return { state, label: 'Syncing', sentence: `Getting your latest contacts from${at}.`, action: null };
    case 'offline':
      return {
        state,
        label: 'Offline',
        sentence: `Contact Desk can't reach HubSpot. Check that this computer is connected to the internet. ${savedContactsStillHere}`,
        action: checkAgain,
      };
    case 'hubspot-unreachable':
      return {
        state,
        label: "HubSpot can't be reached",
        sentence: `This computer is online, but it can't connect to HubSpot's address: a firewall or proxy may be blocking it. Contact Desk will keep trying by itself. ${savedContactsStillHere}`,
        action: checkAgain,
      };
    case 'hubspot-unavailable':
      return {
        state,
        label: 'HubSpot not responding',
        sentence: `HubSpot isn't answering right now, which is usually temporary. Contact Desk will keep trying by itself. ${savedContactsStillHere}`,
        action: checkAgain,
      };
    case 'rate-limited':
      return error?.kind === 'daily-limit'
        ? {
            state,
            label: 'Paused until tomorrow',
            sentence: `This HubSpot account has used up today's allowance of requests. Contact Desk will connect again tomorrow. ${savedContactsStillHere}`,
            action: noActionNeeded,
          }
        : {
            state,
            label: 'Waiting for HubSpot',
            sentence: 'HubSpot asked Contact Desk to slow down for a moment. It will carry on by itself.',
            action: noActionNeeded,
          };
    case 'needs-sign-in':
      return {
        state,
        label: 'Sign-in needed',
        sentence: `HubSpot no longer accepts Contact Desk's sign-in${portal ? ` for ${portal}` : ''}: it was signed out there, or the app was removed from the account. Sign in again to keep your contacts up to date.`,
        action: signInAgain,
      };
    case 'missing-scopes': {
      const required = missing.filter((scope) => !scope.optional);
      const what = required.length > 0 ? `permission for ${joinWithAnd(required.map((scope) => scope.blocks))}` : 'every permission it needs';
      return {
        state,
        label: 'Permission missing',
        sentence: `Contact Desk doesn't have ${what} in${at}. Sign in again and approve everything HubSpot asks for; if you can't, ask a HubSpot Super Admin to do it.`,
        action: signInAgain,
      };
    }
  }
}

function joinWithAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
