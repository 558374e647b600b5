import type { Account, AuthState, ErrorView, TokenStorageView } from '../../ipc/types.ts';
import { AppError, isAppError, toErrorView } from '../errors.ts';
import type { TokenSource } from '../hubspot/token-source.ts';
import type { Ports } from '../ports.ts';
import { accountFromIntrospection } from './account.ts';
import { createAuthRecords } from './auth-records.ts';
import type { HubSpotConfig } from './hubspot-config.ts';
import { createTokenSession, sessionTokensFrom } from './session.ts';
import { startSignInAttempt } from './sign-in-attempt.ts';
import type { AttemptOutcome, AuthorizationGrant, SignInAttempt } from './sign-in-attempt.ts';
import { createTokenClient } from './token-client.ts';
import { createTokenStore } from './token-store.ts';
import type { SessionTokens } from './token-store.ts';

export type { HubSpotConfig };

export interface AuthService {
  state(): AuthState;
  onChange(listener: (state: AuthState) => void): () => void;
  /** At start-up: the saved sign-in, checked with HubSpot when it can be reached. */
  restore(): Promise<AuthState>;
  /** Starts a sign-in in the browser and returns at once; the outcome arrives through onChange. */
  startSignIn(): Promise<AuthState>;
  cancelSignIn(): AuthState;
  reopenSignInPage(): Promise<void>;
  /** On weak storage (no OS keychain): whether the user allows keeping the sign-in on disk. */
  rememberSignIn(remember: boolean): Promise<AuthState>;
  /** Forgets the tokens here and tells HubSpot to revoke them when it can be reached. */
  signOut(): Promise<{ revokedAtHubSpot: boolean }>;
  /** The signed-in account, or the one whose sign-in needs renewing; null when signed out. */
  account(): Account | null;
  readonly tokens: TokenSource;
  dispose(): Promise<void>;
}

export interface AuthServiceDeps {
  config: HubSpotConfig;
  ports: Pick<Ports, 'clock' | 'secretBox' | 'store' | 'openInBrowser' | 'focusApp' | 'log'>;
  fetch?: typeof fetch;
}

interface SignedIn {
  tokens: SessionTokens;
  account: Account;
}

const sentences = {
  unreadableSaved: "Contact Desk couldn't read the sign-in it saved on this computer — sign in again.",
  notKeptOnWeakStorage:
    "Contact Desk didn't keep your sign-in because this computer has no secure place to store it. Connect to HubSpot again, or choose to stay signed in after you connect.",
  alreadySignedIn: 'Contact Desk is already signed in to HubSpot. Sign out first to connect a different account.',
  noAttempt: 'This sign-in has already ended. Click Connect to HubSpot to start again.',
  revokeNotSent:
    "You're signed out on this computer, but Contact Desk couldn't reach HubSpot to cancel its access. You can remove Contact Desk under Connected Apps in your HubSpot settings.",
  inactiveToken: "HubSpot no longer accepts Contact Desk's access — sign in again.",
} as const;

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const { config, ports } = deps;
  const { clock, secretBox, store, log } = ports;
  const client = createTokenClient({ config, log, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const tokenStore = createTokenStore({ secretBox, store, log });
  const records = createAuthRecords(store);
  const listeners = new Set<(state: AuthState) => void>();

  let state: AuthState = { status: 'signed-out' };
  /** The running sign-in and the state to go back to if it does not succeed. */
  let attempt: { run: SignInAttempt<SignedIn>; resume: AuthState } | null = null;
  /** Bumped whenever who is signed in changes, so slower work started before cannot overwrite it. */
  let epoch = 0;
  let startTicket = 0;
  let disposed = false;

  const remembered = () => secretBox.protection === 'os' || records.rememberOnWeakStorage();
  const storageView = (): TokenStorageView => ({ protection: secretBox.protection, remembered: remembered() });
  const signedIn = (account: Account): AuthState => ({ status: 'signed-in', account, storage: storageView() });

  const setState = (next: AuthState): AuthState => {
    state = next;
    for (const listener of listeners) {
      try {
        listener(next);
      } catch (error) {
        log.error('An auth state listener failed', { problem: error instanceof Error ? error.name : typeof error });
      }
    }
    return next;
  };
  /** While a sign-in runs, the screen keeps showing it; the change applies if the attempt fails. */
  const setSettledState = (next: AuthState): AuthState => {
    if (attempt) {
      attempt.resume = next;
      return state;
    }
    return setState(next);
  };

  const needSignIn = (reason: ErrorView): AuthState => {
    records.setSignInNeeded(reason);
    return setSettledState({ status: 'needs-sign-in', reason, account: records.account() });
  };

  const persist = async (tokens: SessionTokens) => {
    await secretBox.ready; // `remembered()` depends on what the OS keychain answered
    if (remembered()) await tokenStore.save(tokens);
    else await tokenStore.forget();
  };

  const session = createTokenSession({
    clock,
    log,
    refresh: (refreshToken) => client.refresh(refreshToken),
    persist,
    onRevoked(error) {
      epoch++;
      void tokenStore.forget();
      needSignIn(toErrorView(error));
    },
  });

  /** Who the token belongs to, per HubSpot; null when HubSpot no longer accepts it. */
  async function accountFor(accessToken: string, signal?: AbortSignal): Promise<Account | null> {
    const introspection = await client.introspect(accessToken, signal);
    return introspection.active ? accountFromIntrospection(introspection, config.scopes, config.optionalScopes) : null;
  }

  async function redeem(grant: AuthorizationGrant, signal: AbortSignal): Promise<SignedIn> {
    const sentAt = clock.now();
    const tokens = sessionTokensFrom(await client.exchangeCode(grant, signal), sentAt);
    try {
      const account = await accountFor(tokens.accessToken, signal);
      if (!account) throw new AppError('hubspot-error', "HubSpot didn't confirm the new sign-in. Click Connect to HubSpot to try again.");
      return { tokens, account };
    } catch (error) {
      // Do not leave a working grant behind that nothing on this computer knows about.
      client.revoke(tokens.refreshToken).catch(() => {});
      throw error;
    }
  }

  async function settle(run: SignInAttempt<SignedIn>, outcome: AttemptOutcome<SignedIn>): Promise<void> {
    if (!attempt || attempt.run !== run) return;
    const { resume } = attempt;
    attempt = null;
    if (!outcome.ok) {
      setState(outcome.error.kind === 'cancelled' ? resume : withError(resume, toErrorView(outcome.error)));
      return;
    }
    const { tokens, account } = outcome.value;
    const signedInEpoch = ++epoch;
    session.begin(tokens);
    records.setAccount(account);
    records.setSignInNeeded(null);
    try {
      await persist(tokens);
    } catch (error) {
      log.error('Could not save the sign-in', { problem: error instanceof Error ? error.name : typeof error });
    }
    if (signedInEpoch !== epoch) return;
    log.info('Signed in to HubSpot', { hubId: account.hubId, missingScopes: account.missingScopes.length });
    setState(signedIn(account));
  }

  /** With saved tokens in the session: who they belong to, asked of HubSpot. */
  async function confirmRestored(lastKnown: Account | null): Promise<AuthState> {
    const startedIn = epoch;
    try {
      let token = await session.accessToken();
      let account = await accountFor(token);
      if (!account) {
        token = await session.refreshAfterUnauthorized(token);
        account = await accountFor(token);
      }
      if (startedIn !== epoch) return state;
      if (!account) {
        session.end();
        await tokenStore.forget();
        return needSignIn({ kind: 'revoked', message: sentences.inactiveToken });
      }
      records.setAccount(account);
      return setSettledState(signedIn(account));
    } catch (error) {
      if (startedIn !== epoch) return state;
      if (lastKnown) {
        // Offline or HubSpot down: the cached contacts stay usable; the status check will tell.
        log.warn('Restored the sign-in without checking it with HubSpot', { kind: isAppError(error) ? error.kind : 'internal' });
        return setSettledState(signedIn(lastKnown));
      }
      return setSettledState({ status: 'needs-sign-in', reason: toErrorView(error), account: null });
    }
  }

  const cancelRunning = async () => {
    if (!attempt) return;
    const { run } = attempt;
    attempt = null;
    await run.cancel();
  };

  return {
    state: () => state,

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async restore() {
      if (attempt) return state;
      const startedIn = epoch;
      // The window is up while the OS keychain answers (it may ask the user to unlock it first).
      setState({ status: 'restoring', step: 'unlocking' });
      await secretBox.ready;
      const loaded = await tokenStore.load();
      if (startedIn !== epoch || attempt) return state;
      const account = records.account();
      if (loaded.status === 'found') {
        session.begin(loaded.tokens);
        setState({ status: 'restoring', step: 'checking' });
        return confirmRestored(account);
      }
      // Not a lost sign-in: nothing is forgotten or recorded, so the next start tries again.
      if (loaded.status === 'locked') return setState({ status: 'needs-sign-in', reason: loaded.reason, account });
      if (loaded.status === 'unreadable') {
        await tokenStore.forget();
        return needSignIn({ kind: 'not-signed-in', message: sentences.unreadableSaved });
      }
      const reason = records.signInNeeded();
      if (reason) return setState({ status: 'needs-sign-in', reason, account });
      if (account && !remembered()) return setState({ status: 'signed-out', notice: sentences.notKeptOnWeakStorage });
      return setState({ status: 'signed-out' });
    },

    async startSignIn() {
      if (disposed) throw new AppError('cancelled', sentences.noAttempt);
      if (state.status === 'signed-in') throw new AppError('busy', sentences.alreadySignedIn);
      const ticket = ++startTicket;
      const resume = attempt ? attempt.resume : withoutMessages(state);
      await cancelRunning();

      let run: SignInAttempt<SignedIn>;
      try {
        run = await startSignInAttempt({ config, clock, log, redeem, onReturn: () => ports.focusApp() });
      } catch (error) {
        if (ticket !== startTicket || disposed) return state;
        return setState(withError(resume, toErrorView(error)));
      }
      if (ticket !== startTicket || disposed) {
        await run.cancel();
        return state;
      }
      attempt = { run, resume };
      void run.outcome.then((outcome) => settle(run, outcome));
      setState({ status: 'signing-in', startedAt: run.startedAt, expiresAt: run.expiresAt });
      ports.openInBrowser(run.authorizationUrl).catch((error: unknown) => {
        log.warn('Could not open the sign-in page in the browser', { problem: error instanceof Error ? error.name : typeof error });
      });
      return state;
    },

    cancelSignIn() {
      if (!attempt) return state;
      const { run, resume } = attempt;
      attempt = null;
      void run.cancel();
      return setState(resume);
    },

    async reopenSignInPage() {
      if (!attempt) throw new AppError('cancelled', sentences.noAttempt);
      await ports.openInBrowser(attempt.run.authorizationUrl);
    },

    async rememberSignIn(remember) {
      records.setRememberOnWeakStorage(remember);
      const tokens = session.current();
      if (remembered() && tokens) await tokenStore.save(tokens);
      if (!remembered()) await tokenStore.forget();
      if (state.status === 'signed-in') setState({ ...state, storage: storageView() });
      return state;
    },

    async signOut() {
      epoch++;
      ++startTicket;
      await cancelRunning();
      const held = session.end();
      await tokenStore.forget();
      records.setAccount(null);
      records.setSignInNeeded(null);
      setState({ status: 'signed-out' });
      if (!held) return { revokedAtHubSpot: true };
      try {
        await client.revoke(held.refreshToken);
        return { revokedAtHubSpot: true };
      } catch {
        if (state.status === 'signed-out' && !state.error) setState({ status: 'signed-out', notice: sentences.revokeNotSent });
        return { revokedAtHubSpot: false };
      }
    },

    account() {
      return state.status === 'signed-in' || state.status === 'needs-sign-in' ? state.account : null;
    },

    tokens: {
      accessToken: () => session.accessToken(),
      refreshAfterUnauthorized: (rejected) => session.refreshAfterUnauthorized(rejected),
    },

    async dispose() {
      disposed = true;
      ++startTicket;
      await cancelRunning();
      listeners.clear();
    },
  };
}

/** The state a new attempt falls back to: the same place, without the last attempt's messages. */
function withoutMessages(state: AuthState): AuthState {
  return state.status === 'needs-sign-in' ? state : { status: 'signed-out' };
}

function withError(resume: AuthState, error: ErrorView): AuthState {
  return resume.status === 'needs-sign-in' ? { ...resume, reason: error } : { status: 'signed-out', error };
}
