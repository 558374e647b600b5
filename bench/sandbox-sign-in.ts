/**
 * Signs the bench in to an out-of-process sandbox the way the app does after the consent page:
 * "Connect app" (programmatically), then the authorization-code grant at the token endpoint.
 */
import { tokensFromRefreshToken } from '../test/support/sandbox-tokens.ts';
import type { SandboxTokens } from '../test/support/sandbox-tokens.ts';
import type { RemoteSandbox } from './remote-sandbox.ts';

export async function signInToRemoteSandbox(sandbox: RemoteSandbox): Promise<SandboxTokens> {
  const redirectUri = sandbox.redirectUris[0];
  if (redirectUri === undefined) throw new Error('The sandbox has no redirect URI registered.');
  const code = await sandbox.call({ method: 'authorize', redirectUri });
  const response = await fetch(`${sandbox.url}/oauth/2026-03/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      redirect_uri: redirectUri,
      code,
    }),
  });
  if (!response.ok) throw new Error(`The sandbox refused the sign-in (HTTP ${response.status}).`);
  const body = (await response.json()) as { refresh_token?: unknown };
  if (typeof body.refresh_token !== 'string') throw new Error('The sandbox answered the sign-in without a refresh token.');
  return tokensFromRefreshToken(sandbox, body.refresh_token);
}
