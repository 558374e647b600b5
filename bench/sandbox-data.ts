/**
 * The sandbox's data as a sandbox started with the same seed, size and end time serves it, without
 * a server: its contact generator (owners assigned from its roster) and its owners. The bench fills
 * caches from this, so a filled cache equals what a sync of that sandbox leaves.
 */
import type { StoredOwner } from '../electron/core/contacts/owners-store.ts';
import type { ContactGenerator } from '../sandbox/contacts-data.ts';
import type { SandboxOwner } from '../sandbox/owners.ts';
import { SandboxState } from '../sandbox/state.ts';

export interface SandboxData {
  generator: ContactGenerator;
  /** Active and archived owners, as the owners sync stores them. */
  owners: StoredOwner[];
}

export function sandboxData(seed: number, total: number, endMs: number): SandboxData {
  const state = new SandboxState({ seed, contacts: total, dataEndTime: endMs });
  const owners = [...state.owners.list(false), ...state.owners.list(true)].map(storedSandboxOwner);
  return { generator: state.store.generator, owners };
}

/** A sandbox owner as the owners sync stores it. */
export const storedSandboxOwner = (owner: SandboxOwner): StoredOwner => ({
  id: owner.id,
  userId: owner.userId === undefined ? null : String(owner.userId),
  email: owner.email ?? null,
  firstName: owner.firstName ?? null,
  lastName: owner.lastName ?? null,
  archived: owner.archived,
  type: owner.type,
});
