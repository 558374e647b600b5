/** The HubSpot app Contact Desk signs in with, and where HubSpot lives. */
export interface HubSpotConfig {
  clientId: string;
  /** Ships inside the app, so not really secret (RFC 8252 §8.5), but never logged or shown. */
  clientSecret: string;
  /** Requested on the consent page; any not granted is reported as missing. */
  scopes: string[];
  /** Requested as `optional_scope`: the account may leave them out; each one missing turns one feature off. */
  optionalScopes?: string[];
  /** Registered loopback redirect ports, tried in order. */
  redirectPorts: number[];
  /** Origin of the consent page, e.g. https://app.hubspot.com */
  authBaseUrl: string;
  /** Origin of the API and token endpoints, e.g. https://api.hubapi.com */
  apiBaseUrl: string;
}
