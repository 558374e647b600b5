/**
 * Where the HubSpot client gets its access token. The auth session implements it structurally;
 * tests use a small one that talks to the sandbox's token endpoint.
 */
export interface TokenSource {
  /** A valid access token, refreshed ahead of expiry (concurrent callers share one refresh). Throws AppError 'not-signed-in' | 'revoked' | 'offline' | 'hubspot-down'. */
  accessToken(): Promise<string>;
  /** After a 401 with `rejected`: refresh once (shared) unless a newer token already exists; returns the token to retry with. Throws like accessToken(). */
  refreshAfterUnauthorized(rejected: string): Promise<string>;
}
