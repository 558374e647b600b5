/**
 * A small, real TokenSource for tests: signs in through the sandbox's programmatic "Connect app"
 * and its token endpoint, and refreshes ahead of expiry with the refresh grant (shared by concurrent
 * callers). The app uses the auth engineer's session instead.
 */
import { AppError } from '../../electron/core/errors.ts';
import type { TokenSource } from '../../electron/core/hubspot/token-source.ts';
import type { Sandbox } from '../../sandbox/server.ts';

export interface SandboxTokens extends TokenSource {
  /** How many refresh grants succeeded. */
  refreshes(): number;
  refreshToken(): string;
}

interface Issued {
  access: string;
  refresh: string;
  expiresAt: number;
}

/** Refresh this long before HubSpot would reject the token. */
const marginMs = 5000;

async function tokenRequest(sandbox: Pick<Sandbox, 'url' | 'clientId' | 'clientSecret'>, form: Record<string, string>): Promise<Issued> {
  // The sandbox's faults hit the token endpoint too; retry them like the real session would.
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${sandbox.url}/oauth/2026-03/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: sandbox.clientId, client_secret: sandbox.clientSecret, ...form }),
        signal: AbortSignal.timeout(10_000),
      });
      text = await response.text();
    } catch (error) {
      if (attempt >= 8) throw new AppError('hubspot-down', 'The sandbox token endpoint did not answer.', { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      continue;
    }
    if (response.status >= 500 || response.status === 429) {
      if (attempt >= 8) throw new AppError('hubspot-down', `The sandbox token endpoint answered ${response.status}.`);
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      continue;
    }
    if (!response.ok) throw new AppError('revoked', `The sandbox refused the token request (${response.status}).`);
    const body = JSON.parse(text) as { access_token: string; refresh_token: string; expires_in: number };
    return { access: body.access_token, refresh: body.refresh_token, expiresAt: Date.now() + body.expires_in * 1000 };
  }
}

export async function signInToSandbox(sandbox: Sandbox): Promise<SandboxTokens> {
  const redirectUri = sandbox.redirectUris[0] as string;
  const code = sandbox.admin.authorize({ redirectUri });
  const issued = await tokenRequest(sandbox, { grant_type: 'authorization_code', code, redirect_uri: redirectUri });
  return tokensFrom(sandbox, issued);
}

/** For a child process handed only the refresh token. */
export async function tokensFromRefreshToken(sandbox: Pick<Sandbox, 'url' | 'clientId' | 'clientSecret'>, refreshToken: string): Promise<SandboxTokens> {
  return tokensFrom(sandbox, { access: '', refresh: refreshToken, expiresAt: 0 });
}

function tokensFrom(sandbox: Pick<Sandbox, 'url' | 'clientId' | 'clientSecret'>, first: Issued): SandboxTokens {
  let current = first;
  let refreshing: Promise<string> | null = null;
  let refreshCount = 0;

  const refresh = (): Promise<string> => {
    refreshing ??= tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: current.refresh })
      .then((issued) => {
        // a refresh that does not rotate keeps the old refresh token
        current = { ...issued, refresh: issued.refresh || current.refresh };
        refreshCount++;
        return current.access;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };

  return {
    async accessToken() {
      if (refreshing) return refreshing;
      if (Date.now() < current.expiresAt - marginMs) return current.access;
      return refresh();
    },
    async refreshAfterUnauthorized(rejected) {
      if (refreshing) return refreshing;
      if (rejected !== current.access) return current.access;
      return refresh();
    },
    refreshes: () => refreshCount,
    refreshToken: () => current.refresh,
  };
}
