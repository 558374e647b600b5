/**
 * HubSpot's owners (active and archived), kept in the cache so the Contact owner column and the
 * export show names offline. The sync replaces them all at each run (owners-sync.ts). Without the
 * `crm.objects.owners.read` scope they are marked unavailable, and the column shows the ids.
 */
import type { OwnerDirectory, OwnerFacts } from '../values/owner-names.ts';
import type { SchemaPart } from './cache-schema.ts';
import type { Reader } from './cache-reader.ts';
import type { Writer } from './cache-writer.ts';

export const OWNERS_SCHEMA: SchemaPart = {
  name: 'owners',
  version: 1,
  create: `
    CREATE TABLE owners (
      id TEXT PRIMARY KEY,
      user_id TEXT,
      email TEXT,
      first_name TEXT,
      last_name TEXT,
      archived INTEGER NOT NULL,
      type TEXT NOT NULL
    ) STRICT;
    CREATE TABLE owners_fetch (
      only INTEGER PRIMARY KEY CHECK (only = 1),
      available INTEGER NOT NULL,
      fetched_at INTEGER NOT NULL
    ) STRICT;`,
  migrations: [],
  clear: 'DELETE FROM owners; DELETE FROM owners_fetch;',
};

/** An owner as the cache keeps it: what the names need, plus `userId` and `type` for "Me" and filters. */
export interface StoredOwner extends OwnerFacts {
  userId: string | null;
  type: string;
}

export interface OwnersSnapshot {
  /** False until owners were fetched, or when the account did not grant the owners scope. */
  available: boolean;
  fetchedAt: number | null;
  owners: StoredOwner[];
}

/** Replaces every owner in one transaction; `owners: null` records that they could not be read (no scope). */
export function replaceOwners(w: Writer, owners: readonly StoredOwner[] | null, fetchedAt: number): number {
  return w.transaction(() => {
    w.conn.statement('DELETE FROM owners').run();
    const insert = w.conn.statement('INSERT OR REPLACE INTO owners (id, user_id, email, first_name, last_name, archived, type) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const owner of owners ?? []) insert.run(owner.id, owner.userId, owner.email, owner.firstName, owner.lastName, owner.archived ? 1 : 0, owner.type);
    w.conn
      .statement('INSERT INTO owners_fetch (only, available, fetched_at) VALUES (1, ?, ?) ON CONFLICT (only) DO UPDATE SET available = excluded.available, fetched_at = excluded.fetched_at')
      .run(owners === null ? 0 : 1, fetchedAt);
    return owners?.length ?? 0;
  });
}

/** Every owner, active and archived, and whether the list is there at all (for the owner filter and "Me"). */
export function readOwners(r: Reader): OwnersSnapshot {
  const fetch = r.conn.statement('SELECT available, fetched_at FROM owners_fetch WHERE only = 1').get() as { available: number; fetched_at: number } | undefined;
  const rows = r.conn.statement('SELECT id, user_id, email, first_name, last_name, archived, type FROM owners ORDER BY id').all() as {
    id: string; user_id: string | null; email: string | null; first_name: string | null; last_name: string | null; archived: number; type: string;
  }[];
  return {
    available: fetch?.available === 1,
    fetchedAt: fetch?.fetched_at ?? null,
    owners: rows.map((row) => ({
      id: row.id, userId: row.user_id, email: row.email, firstName: row.first_name, lastName: row.last_name, archived: row.archived === 1, type: row.type,
    })),
  };
}

/** The owners by id for showing names, or null when there are none to show (not fetched, or no scope). */
export function ownerDirectory(r: Reader): OwnerDirectory {
  const snapshot = readOwners(r);
  return snapshot.available ? new Map(snapshot.owners.map((owner) => [owner.id, owner])) : null;
}
