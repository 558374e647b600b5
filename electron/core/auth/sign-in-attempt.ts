import { AppError, isAppError } from '../errors.ts';
import type { Clock, Logger, Timer } from '../ports.ts';
import { buildAuthorizationUrl } from './authorization-url.ts';
import { redirectPath, redirectUriFor } from '../config.ts';
import { pages } from './callback-page.ts';
import type { CallbackPage } from './callback-page.ts';
import { readCallback } from './callback.ts';
import type { HubSpotConfig } from './hubspot-config.ts';
import { openLoopbackListener } from './loopback-listener.ts';
import type { LoopbackListener } from './loopback-listener.ts';
import { createAuthorizationSecrets } from './pkce.ts';

/** What HubSpot handed back, ready to be exchanged for tokens. */
export interface AuthorizationGrant {
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

export type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** One sign-in in the browser, from the consent URL to the redeemed code. */
export interface SignInAttempt<T> {
  readonly authorizationUrl: string;
  readonly startedAt: number;
  readonly expiresAt: number;
  /** Settles once: redeemed, declined, failed, timed out or cancelled. Never rejects. */
  readonly outcome: Promise<AttemptOutcome<T>>;
  cancel(): Promise<void>;
}

export interface SignInAttemptDeps<T> {
  config: Pick<HubSpotConfig, 'authBaseUrl' | 'clientId' | 'scopes' | 'optionalScopes' | 'redirectPorts'>;
  clock: Clock;
  log: Logger;
  /** Exchanges the code; its result is what the attempt succeeds with. The browser waits for it. */
  redeem(grant: AuthorizationGrant, signal: AbortSignal): Promise<T>;
  /** After HubSpot sent the user back (approved or not). */
  onReturn(): void;
  timeoutMs?: number;
}

export const signInTimeoutMs = 5 * 60_000;

export const attemptSentences = {
  timedOut: 'Signing in took too long, so Contact Desk stopped waiting. Click Connect to HubSpot to try again.',
  cancelled: 'Signing in was cancelled.',
  declined: (description: string | null) =>
    `Contact Desk was not given access to HubSpot${description ? ` (HubSpot said: “${description}”)` : ''}. To try again, click Connect to HubSpot and choose Connect app.`,
};

const refusalSentences = {
  notThisAttempt: 'This sign-in link does not match the sign-in Contact Desk is waiting for. Go back to Contact Desk and use the page it opened.',
  alreadyUsed: 'Contact Desk has already received this sign-in. You can close this tab and return to Contact Desk.',
} as const;

/** Throws AppError 'ports-busy' when no registered port is free. */
export async function startSignInAttempt<T>(deps: SignInAttemptDeps<T>): Promise<SignInAttempt<T>> {
  const { clock, log } = deps;
  const secrets = await createAuthorizationSecrets();
  const abort = new AbortController();
  let phase: 'waiting' | 'redeeming' | 'done' = 'waiting';
  let settle!: (outcome: AttemptOutcome<T>) => void;
  const outcome = new Promise<AttemptOutcome<T>>((resolve) => (settle = resolve));
  let listener: LoopbackListener | null = null;
  let timer: Timer | null = null;

  const finish = (result: AttemptOutcome<T>): boolean => {
    if (phase === 'done') return false;
    phase = 'done';
    if (timer) clock.clearTimeout(timer);
    abort.abort();
    settle(result);
    void listener?.close();
    return true;
  };
  const fail = (error: AppError) => finish({ ok: false, error });

  const onCallback = async (query: URLSearchParams): Promise<CallbackPage> => {
    if (phase === 'done') return pages.refused(409, refusalSentences.alreadyUsed);
    const verdict = readCallback(query, secrets.state);
    if (verdict.kind === 'refused') {
      log.warn('Refused a sign-in callback', { reason: verdict.reason });
      return pages.refused(400, refusalSentences.notThisAttempt);
    }
    if (phase === 'redeeming') return pages.refused(409, refusalSentences.alreadyUsed);

    if (verdict.kind === 'denied') {
      log.info('HubSpot sign-in was declined', { error: verdict.error });
      const error = new AppError('declined', attemptSentences.declined(verdict.description), { details: { hubspotError: verdict.error } });
      fail(error);
      deps.onReturn();
      return pages.failed(error.message);
    }

    phase = 'redeeming';
    try {
      const value = await deps.redeem({ code: verdict.code, redirectUri, codeVerifier: secrets.codeVerifier }, abort.signal);
      if (!finish({ ok: true, value })) return pages.failed(attemptSentences.cancelled);
      deps.onReturn();
      return pages.connected();
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError('internal', 'Something went wrong inside Contact Desk while signing in. Try again.', { cause: error });
      if (!fail(appError)) return pages.failed(attemptSentences.cancelled);
      deps.onReturn();
      return pages.failed(appError.message);
    }
  };

  listener = await openLoopbackListener({ ports: deps.config.redirectPorts, callbackPath: redirectPath, onCallback, log });
  const redirectUri = redirectUriFor(listener.port);
  const startedAt = clock.now();
  const timeoutMs = deps.timeoutMs ?? signInTimeoutMs;
  timer = clock.setTimeout(() => {
    if (fail(new AppError('timed-out', attemptSentences.timedOut))) log.info('The sign-in timed out');
  }, timeoutMs);
  log.info('Waiting for the HubSpot sign-in', { port: listener.port });

  const openListener = listener;
  return {
    authorizationUrl: buildAuthorizationUrl(deps.config, { redirectUri, state: secrets.state, codeChallenge: secrets.codeChallenge }),
    startedAt,
    expiresAt: startedAt + timeoutMs,
    outcome,
    async cancel() {
      fail(new AppError('cancelled', attemptSentences.cancelled));
      await openListener.close();
    },
  };
}
