import type { HubSpotConfig } from './hubspot-config.ts';

/** The consent page URL opened in the user's browser. */
export function buildAuthorizationUrl(
  config: Pick<HubSpotConfig, 'authBaseUrl' | 'clientId' | 'scopes' | 'optionalScopes'>,
  request: { redirectUri: string; state: string; codeChallenge: string },
): string {
  const url = new URL('/oauth/authorize', config.authBaseUrl);
  // URLSearchParams would write the scope separator as '+'; HubSpot documents %20.
  const parameters: [string, string][] = [
    ['client_id', config.clientId],
    ['scope', config.scopes.join(' ')],
    ['redirect_uri', request.redirectUri],
    ...(config.optionalScopes?.length ? [['optional_scope', config.optionalScopes.join(' ')] as [string, string]] : []),
    ['state', request.state],
    ['code_challenge', request.codeChallenge],
    ['code_challenge_method', 'S256'],
  ];
  url.search = parameters.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return url.href;
}
