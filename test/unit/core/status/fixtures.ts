/** Sign-in states and small observable sources shared by the status tests. */
import type { Account, AuthState, SyncProgress } from '../../../../electron/ipc/types.ts';

export const acme: Account = {
  hubId: 4411,
  domain: 'acme.hubspot.com',
  userEmail: 'pat@acme.example',
  scopes: ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'],
  missingScopes: [],
};

export const globex: Account = { ...acme, hubId: 5522, domain: 'globex.hubspot.com', userEmail: 'sam@globex.example' };

export const signedInAs = (account: Account = acme): AuthState => ({ status: 'signed-in', account, storage: { protection: 'os', remembered: true } });

export const idleSync: SyncProgress = { running: false, kind: null, fetched: 0, total: null, startedAt: null, lastSyncedAt: null, error: null };

/** The smallest thing with `get`, `set` and change listeners, standing in for the auth session and the sync. */
export function observable<T>(initial: T) {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next: T) {
      value = next;
      for (const listener of listeners) listener(next);
    },
    subscribe(listener: (value: T) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
}
