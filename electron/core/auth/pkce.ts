import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';

/** The per-attempt secrets of one authorization request (RFC 7636 PKCE S256 + a one-time state). */
export interface AuthorizationSecrets {
  codeVerifier: string;
  codeChallenge: string;
  state: string;
}

export async function createAuthorizationSecrets(): Promise<AuthorizationSecrets> {
  const codeVerifier = generateRandomCodeVerifier();
  return { codeVerifier, codeChallenge: await calculatePKCECodeChallenge(codeVerifier), state: generateRandomState() };
}
