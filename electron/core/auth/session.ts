import { AppError, isAppError } from '../errors.ts';
import type { TokenSource } from '../hubspot/token-source.ts';
import type { Clock, Logger } from '../ports.ts';
import type { IssuedTokens } from './token-client.ts';
import type { SessionTokens } from './token-store.ts';

/**
 * The one place that holds the live tokens and refreshes them: ahead of expiry, once more when
 * HubSpot rejects a token, with concurrent callers sharing one refresh.
 */
export interface TokenSession extends TokenSource {
  /** Starts a session with tokens from a sign-in or from storage. */
  begin(tokens: SessionTokens): void;
  /** Ends the session; a refresh still in flight is discarded. Returns the tokens it held. */
  end(): SessionTokens | null;
  current(): SessionTokens | null;
}

export interface TokenSessionDeps {
  clock: Clock;
  log: Logger;
  refresh(refreshToken: string): Promise<IssuedTokens>;
  /** Called with every new set of tokens (rotation included) before they are handed out. */
  persist(tokens: SessionTokens): Promise<void>;
  /** HubSpot refused the refresh token: the session is over until the user signs in again. */
  onRevoked(error: AppError): void;
}

const notSignedIn = () => new AppError('not-signed-in', "Contact Desk isn't signed in to HubSpot. Click Connect to HubSpot to sign in.");

/** Refresh when less than 10% of the token's lifetime is left, but at most 5 minutes and at least 5 seconds early. */
export function refreshMarginMs(lifetimeMs: number): number {
  const margin = Math.min(5 * 60_000, Math.max(5_000, lifetimeMs * 0.1));
  return Math.min(margin, lifetimeMs / 2);
}

export function sessionTokensFrom(issued: IssuedTokens, sentAt: number, previousRefreshToken?: string): SessionTokens {
  const refreshToken = issued.refreshToken ?? previousRefreshToken;
  if (!refreshToken) throw new AppError('hubspot-error', "HubSpot sent an answer Contact Desk doesn't understand. Try signing in again.");
  const lifetimeMs = issued.expiresInSeconds * 1000;
  return { accessToken: issued.accessToken, refreshToken, expiresAt: sentAt + lifetimeMs, lifetimeMs };
}

export function createTokenSession(deps: TokenSessionDeps): TokenSession {
  const { clock, log } = deps;
  let tokens: SessionTokens | null = null;
  let revoked: AppError | null = null;
  /** Bumped by begin/end so a refresh that outlives its session cannot bring it back. */
  let generation = 0;
  let inFlight: Promise<string> | null = null;

  const refresh = (): Promise<string> => {
    if (inFlight) return inFlight;
    const held = tokens;
    if (!held) return Promise.reject(revoked ?? notSignedIn());
    const startedIn = generation;
    const run = (async () => {
      const sentAt = clock.now();
      let issued: IssuedTokens;
      try {
        issued = await deps.refresh(held.refreshToken);
      } catch (error) {
        if (isAppError(error) && error.kind === 'revoked' && startedIn === generation) {
          tokens = null;
          revoked = error;
          log.warn('HubSpot no longer accepts the refresh token; a new sign-in is needed');
          deps.onRevoked(error);
        }
        throw error;
      }
      if (startedIn !== generation) throw revoked ?? notSignedIn();
      const fresh = sessionTokensFrom(issued, sentAt, held.refreshToken);
      if (fresh.refreshToken !== held.refreshToken) log.info('HubSpot rotated the refresh token');
      try {
        await deps.persist(fresh);
      } catch (error) {
        log.error('Could not save the refreshed sign-in', { problem: error instanceof Error ? error.name : typeof error });
      }
      if (startedIn !== generation) throw revoked ?? notSignedIn();
      tokens = fresh;
      return fresh.accessToken;
    })();
    inFlight = run;
    const clear = () => {
      if (inFlight === run) inFlight = null;
    };
    run.then(clear, clear);
    return run;
  };

  const accessToken = async (): Promise<string> => {
    const held = tokens;
    if (!held) throw revoked ?? notSignedIn();
    const remaining = held.expiresAt - clock.now();
    if (remaining > refreshMarginMs(held.lifetimeMs)) return held.accessToken;
    try {
      return await refresh();
    } catch (error) {
      // Refreshing early is a courtesy: while the current token still works, a network hiccup is not fatal.
      if (isAppError(error) && error.kind !== 'revoked' && tokens === held && held.expiresAt - clock.now() > 1_000) return held.accessToken;
      throw error;
    }
  };

  return {
    accessToken,
    refreshAfterUnauthorized(rejected) {
      if (inFlight) return inFlight;
      if (tokens && tokens.accessToken !== rejected) return accessToken();
      return refresh();
    },
    begin(next) {
      generation++;
      tokens = next;
      revoked = null;
      inFlight = null;
    },
    end() {
      generation++;
      const held = tokens;
      tokens = null;
      revoked = null;
      inFlight = null;
      return held;
    },
    current: () => tokens,
  };
}
