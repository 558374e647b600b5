import { z } from 'zod';
import type { Account, ErrorView } from '../../ipc/types.ts';
import type { KeyValueStore } from '../ports.ts';

/**
 * The non-secret facts about the sign-in that outlive a restart: the last known account (shown when
 * HubSpot cannot be reached, or when a sign-in is needed again), why a new sign-in is needed, and
 * the user's consent to keep the sign-in on a computer without secure storage.
 */
export interface AuthRecords {
  account(): Account | null;
  setAccount(account: Account | null): void;
  signInNeeded(): ErrorView | null;
  setSignInNeeded(reason: ErrorView | null): void;
  rememberOnWeakStorage(): boolean;
  setRememberOnWeakStorage(remember: boolean): void;
}

const keys = { account: 'auth.account', signInNeeded: 'auth.signInNeeded', remember: 'auth.rememberOnWeakStorage' } as const;

const accountSchema = z.object({
  hubId: z.number(),
  domain: z.string(),
  userEmail: z.string(),
  userId: z.number().optional(),
  scopes: z.array(z.string()),
  missingScopes: z.array(z.object({ scope: z.string(), blocks: z.string(), optional: z.boolean().optional() })),
});
const reasonSchema = z.object({ kind: z.string(), message: z.string() });

export function createAuthRecords(store: KeyValueStore): AuthRecords {
  const put = (key: string, value: unknown) => (value === null ? store.delete(key) : store.set(key, value));
  return {
    account: () => accountSchema.safeParse(store.get(keys.account)).data ?? null,
    setAccount: (account) => put(keys.account, account),
    signInNeeded: () => {
      const parsed = reasonSchema.safeParse(store.get(keys.signInNeeded));
      return parsed.success ? ({ kind: parsed.data.kind, message: parsed.data.message } as ErrorView) : null;
    },
    setSignInNeeded: (reason) => put(keys.signInNeeded, reason && { kind: reason.kind, message: reason.message }),
    rememberOnWeakStorage: () => store.get(keys.remember) === true,
    setRememberOnWeakStorage: (remember) => store.set(keys.remember, remember),
  };
}
