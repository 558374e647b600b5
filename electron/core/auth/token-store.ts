import { z } from 'zod';
import type { ErrorView } from '../../ipc/types.ts';
import { isAppError, toErrorView } from '../errors.ts';
import type { KeyValueStore, Logger, SecretBox } from '../ports.ts';

/** The tokens of one signed-in session, as kept in memory and (encrypted) on disk. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which HubSpot rejects the access token. */
  expiresAt: number;
  /** How long the access token was issued for, in ms; sets how early it is refreshed. */
  lifetimeMs: number;
}

export type LoadedTokens =
  | { status: 'none' }
  | { status: 'unreadable' }
  /** The OS keychain did not unlock: the saved sign-in is still there, for a later start. */
  | { status: 'locked'; reason: ErrorView }
  | { status: 'found'; tokens: SessionTokens };

/** Tokens at rest: only ever the secret box's ciphertext (base64) under one store key. */
export interface TokenStore {
  save(tokens: SessionTokens): Promise<void>;
  load(): Promise<LoadedTokens>;
  forget(): Promise<void>;
}

const storeKey = 'auth.tokens';

const savedSchema = z.object({
  version: z.literal(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number(),
  lifetimeMs: z.number().positive(),
});

export function createTokenStore(deps: { secretBox: SecretBox; store: KeyValueStore; log: Logger }): TokenStore {
  const { secretBox, store, log } = deps;
  // Writes run one after another so a slow encrypt cannot land after a newer write or a forget.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (write: () => Promise<void>): Promise<void> => {
    const next = queue.then(write);
    queue = next.catch(() => {});
    return next;
  };

  return {
    save(tokens) {
      return enqueue(async () => {
        const plaintext = JSON.stringify({ version: 1, ...tokens } satisfies z.infer<typeof savedSchema>);
        const ciphertext = await secretBox.encrypt(plaintext);
        store.set(storeKey, Buffer.from(ciphertext).toString('base64'));
      });
    },

    async load() {
      await queue;
      const stored = store.get(storeKey);
      if (stored === undefined || stored === null) return { status: 'none' };
      try {
        if (typeof stored !== 'string') throw new Error('not a string');
        const plaintext = await secretBox.decrypt(Buffer.from(stored, 'base64'));
        const { version: _version, ...tokens } = savedSchema.parse(JSON.parse(plaintext));
        return { status: 'found', tokens };
      } catch (error) {
        if (isAppError(error) && error.kind === 'storage-locked') {
          log.warn('The saved sign-in is locked in the OS keychain; it is kept for the next start');
          return { status: 'locked', reason: toErrorView(error) };
        }
        // A different OS user, a reset keychain or a damaged file: the sign-in cannot be recovered.
        log.warn('The saved sign-in could not be read', { problem: error instanceof Error ? error.name : typeof error });
        return { status: 'unreadable' };
      }
    },

    forget() {
      return enqueue(async () => store.delete(storeKey));
    },
  };
}
