/** Checks a synced cache against the sandbox, contact by contact, on every synced property. */
import type { ContactsCache } from '../electron/core/contacts/cache.ts';
import type { RemoteSandbox } from './remote-sandbox.ts';
import { formatNumber } from './report.ts';
import { contactDigest } from './sandbox-protocol.ts';

export interface Comparison {
  expected: number;
  cached: number;
  missing: number;
  unexpected: number;
  stale: number;
}

/** Every contact the sandbox has against every contact in the cache, on every synced property. */
export async function compareWithSandbox(sandbox: RemoteSandbox, cache: ContactsCache, properties: string[]): Promise<Comparison> {
  const expected = await sandbox.call({ method: 'digests', properties });
  const remote = new Map(expected.map((contact) => [contact.id, contact.digest]));
  const idColumn = properties.indexOf('hs_object_id');
  if (idColumn < 0) throw new Error('The comparison needs hs_object_id among the properties.');
  let cached = 0;
  let unexpected = 0;
  let stale = 0;
  const seen = new Set<string>();
  for (const cells of cache.rows({ columns: properties, search: '' })) {
    cached++;
    const id = String(cells[idColumn]);
    seen.add(id);
    const digest = remote.get(id);
    if (digest === undefined) unexpected++;
    else if (digest !== contactDigest(cells)) stale++;
  }
  const missing = expected.filter((contact) => !seen.has(contact.id)).length;
  return { expected: expected.length, cached, missing, unexpected, stale };
}

export const isClean = (c: Comparison) => c.missing === 0 && c.unexpected === 0 && c.stale === 0 && c.cached === c.expected;
export const describeComparison = (c: Comparison) => `${formatNumber(c.cached)} cached of ${formatNumber(c.expected)}: ${c.missing} missing, ${c.unexpected} not in HubSpot, ${c.stale} with other values`;
