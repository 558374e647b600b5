/**
 * Fetches HubSpot's owners (active and archived) after each sync, so the Contact owner column and
 * the export show names, offline too. The owners scope is optional: without it the owners are
 * marked unavailable (the column shows the ids, the account's missing-scope notice says why), and
 * nothing turns red. Other failures keep the owners fetched last time and are tried again next sync.
 */
import { isAppError } from '../errors.ts';
import type { HubSpotOwner, OwnersApi } from '../hubspot/owners-api.ts';
import type { Clock, Logger } from '../ports.ts';
import type { ContactsCache } from './cache.ts';
import type { StoredOwner } from './owners-store.ts';

export const OWNERS_SCOPE = 'crm.objects.owners.read';

export interface OwnersSyncDeps {
  owners: OwnersApi;
  cache: Pick<ContactsCache, 'replaceOwners'>;
  clock: Clock;
  log: Logger;
  /** False when the signed-in account is known not to have granted the owners scope (no request then). */
  scopeGranted(): boolean;
}

export const storedOwner = (owner: HubSpotOwner): StoredOwner => ({
  id: owner.id,
  userId: owner.userId === null ? null : String(owner.userId),
  email: owner.email,
  firstName: owner.firstName,
  lastName: owner.lastName,
  archived: owner.archived,
  type: owner.type,
});

/** Refreshes the cached owners; a failure is logged, not thrown (only a cancel of the whole sync goes through). */
export function createOwnersSync(deps: OwnersSyncDeps): { refresh(signal?: AbortSignal): Promise<void> } {
  const { cache, clock, log } = deps;
  const markUnavailable = () => cache.replaceOwners(null, clock.now());
  return {
    async refresh(signal) {
      try {
        if (!deps.scopeGranted()) {
          await markUnavailable();
          return;
        }
        const owners = await deps.owners.listAllOwners(signal);
        const saved = await cache.replaceOwners(owners.map(storedOwner), clock.now());
        log.info('owners refreshed', { owners: saved });
      } catch (error) {
        if (isAppError(error) && error.kind === 'cancelled') throw error; // the sync was cancelled: it stops as a whole
        if (isAppError(error) && error.kind === 'missing-scope') {
          log.info('owners: the owners scope was not granted; the Contact owner column shows ids');
          await markUnavailable().catch(() => {});
          return;
        }
        log.warn('owners: could not refresh; the names fetched last time stay', { kind: isAppError(error) ? error.kind : 'internal' });
      }
    },
  };
}
