/** Checks a synced cache against the sandbox, contact by contact, on every synced property. */
import { rows } from '../electron/core/contacts/cache-queries.ts';
import { openReader } from '../electron/core/contacts/cache-reader.ts';
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

/** Every contact the sandbox has against every contact in the cache file (what is committed), on every synced property. */
export async function compareWithSandbox(sandbox: RemoteSandbox, dbPath: string, properties: string[]): Promise<Comparison> {
  const expected = await sandbox.call({ method: 'digests', properties });
  const remote = new Map(expected.map((contact) => [contact.id, contact.digest]));
  const idColumn = properties.indexOf('hs_object_id');
  if (idColumn < 0) throw new Error('The comparison needs hs_object_id among the properties.');
  let cached = 0;
  let unexpected = 0;
  let stale = 0;
  const seen = new Set<string>();
  const reader = openReader(dbPath);
  try {
    for (const cells of rows(reader, { columns: properties, search: '' })) {
      cached++;
      const id = String(cells[idColumn]);
      seen.add(id);
      const digest = remote.get(id);
      if (digest === undefined) unexpected++;
      else if (digest !== contactDigest(cells)) stale++;
    }
  } finally {
    reader.close();
  }
  const missing = expected.filter((contact) => !seen.has(contact.id)).length;
  return { expected: expected.length, cached, missing, unexpected, stale };
}

export const isClean = (c: Comparison) => c.missing === 0 && c.unexpected === 0 && c.stale === 0 && c.cached === c.expected;
export const describeComparison = (c: Comparison) => `${formatNumber(c.cached)} cached of ${formatNumber(c.expected)}: ${c.missing} missing, ${c.unexpected} not in HubSpot, ${c.stale} with other values`;
