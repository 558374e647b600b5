/** What the bench and its out-of-process sandbox (sandbox-process.ts) say to each other. */
import { createHash } from 'node:crypto';
import type { SandboxStats } from '../sandbox/server.ts';

export type AdminCall =
  | { method: 'stats' }
  | { method: 'resetStats' }
  | { method: 'setLatency'; ms: number; jitterMs?: number }
  | { method: 'authorize'; redirectUri: string }
  | { method: 'updateContacts'; changes: { id: string; properties: Record<string, string | null> }[] }
  | { method: 'contactCount' }
  /** Every live contact, in id order, with a digest of the given properties' values. */
  | { method: 'digests'; properties: string[] }
  | { method: 'close' };

export interface AdminResults {
  stats: SandboxStats;
  resetStats: void;
  setLatency: void;
  authorize: string;
  updateContacts: number;
  contactCount: number;
  digests: ContactDigest[];
  close: void;
}

export interface ContactDigest {
  id: string;
  digest: string;
}

export interface ReadyMessage {
  type: 'ready';
  url: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** One string per contact that changes when any of the values does; both sides compute it the same way. */
export function contactDigest(values: readonly (string | null | undefined)[]): string {
  return createHash('sha1').update(JSON.stringify(values.map((value) => value ?? null))).digest('base64');
}
