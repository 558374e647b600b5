/**
 * The reference client for the full-sync benchmark: HubSpot's own Node SDK fetching every contact
 * with `crm.contacts.getAll`, its retries and its rate limiter switched on.
 *
 * In @hubspot/api-client 13 both are off unless asked for: `numberOfApiCallRetries` (1-6) adds the
 * RetryDecorator (waits out 5xx and 429s), `limiterOptions` adds the Bottleneck LimiterDecorator.
 * We pass the limiter settings the SDK's README recommends (DEFAULT_LIMITER_OPTIONS: at most 9
 * requests a second, 6 at once).
 */
import { Client, DEFAULT_LIMITER_OPTIONS } from '@hubspot/api-client';

export interface SdkSyncResult {
  ms: number;
  contacts: number;
  uniqueIds: number;
  /** Lines the SDK's retry decorator printed ("Request failed with status code ..."). */
  retriesLogged: number;
  error: string | null;
}

export async function syncWithSdk(baseUrl: string, accessToken: string, properties: string[]): Promise<SdkSyncResult> {
  const client = new Client({ accessToken, basePath: baseUrl, numberOfApiCallRetries: 6, limiterOptions: DEFAULT_LIMITER_OPTIONS });
  // The retry decorator reports each retry on console.error: count those lines instead of printing them.
  const consoleError = console.error;
  let retriesLogged = 0;
  console.error = () => {
    retriesLogged++;
  };
  const started = performance.now();
  try {
    const all = await client.crm.contacts.getAll(100, undefined, properties);
    const ms = performance.now() - started;
    return { ms, contacts: all.length, uniqueIds: new Set(all.map((contact) => contact.id)).size, retriesLogged, error: null };
  } catch (error) {
    const ms = performance.now() - started;
    const message = error instanceof Error ? error.message : String(error);
    return { ms, contacts: 0, uniqueIds: 0, retriesLogged, error: message.slice(0, 200) };
  } finally {
    console.error = consoleError;
  }
}
