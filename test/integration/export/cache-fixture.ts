/**
 * A real contacts cache filled from the sandbox's generated contacts (hostile values included),
 * with the sandbox already stopped when the tests export: exporting must never need the network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openContactsCache, type CachedContact } from '../../../electron/core/contacts/cache.ts';
import type { Logger } from '../../../electron/core/ports.ts';
import { storedSandboxOwner } from '../../../bench/sandbox-data.ts';
import { startSandbox } from '../../../sandbox/server.ts';
import type { SandboxOwner } from '../../../sandbox/owners.ts';
import { CONTACT_PROPERTIES } from '../../../sandbox/properties.ts';

/** Twelve columns, as in the benchmark, covering every hostile kind of value. */
export const COLUMNS = ['hs_object_id', 'firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'jobtitle', 'city', 'country', 'zip', 'lifecyclestage'];

export interface CacheFixture {
  folder: string;
  dbPath: string;
  /** The sandbox's contacts in id order, then the extra ones, as they were when the cache was filled. */
  contacts: CachedContact[];
  /** The sandbox's owners, active and archived, cached as the owners sync stores them. */
  owners: SandboxOwner[];
  /** The sandbox's address; nothing listens there any more. */
  stoppedSandboxUrl: string;
  remove(): void;
}

/** `extra`: contacts of the test's own, added after the sandbox's (hostile values the sandbox does not plant yet). */
export async function cacheFromSandbox(contactCount: number, extra: readonly CachedContact[] = []): Promise<CacheFixture> {
  const folder = mkdtempSync(join(tmpdir(), 'contact-desk-export-'));
  const dbPath = join(folder, 'contacts.sqlite');
  const sandbox = await startSandbox({ contacts: contactCount, seed: 7 });
  let contacts: CachedContact[];
  let owners: SandboxOwner[];
  try {
    contacts = [...sandbox.admin.allContacts(), ...extra];
    owners = [...sandbox.admin.owners(), ...sandbox.admin.owners({ archived: true })];
  } finally {
    await sandbox.close();
  }
  const cache = openContactsCache(dbPath);
  try {
    await cache.replaceProperties(CONTACT_PROPERTIES);
    await cache.replaceOwners(owners.map(storedSandboxOwner), Date.parse('2026-03-05T10:42:00Z'));
    for (let i = 0; i < contacts.length; i += 500) await cache.upsertContacts(contacts.slice(i, i + 500));
    await cache.updateSyncState({ lastSyncedAt: Date.parse('2026-03-05T10:42:00Z') });
  } finally {
    await cache.close();
  }
  return { folder, dbPath, contacts, owners, stoppedSandboxUrl: sandbox.url, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** A logger that keeps what it is told, so tests can check nothing secret or odd was logged. */
export function recordingLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}
