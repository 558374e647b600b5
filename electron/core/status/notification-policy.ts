/**
 * When to raise a desktop notification about the connection: once when it is lost, once when it
 * comes back — never on every check.
 *
 * The previous *status* alone cannot decide this: "Checking…" and "Waiting for HubSpot" sit between
 * the states that matter, and a single failed check on a shaky network should not produce a
 * "lost" / "again" pair. So the policy remembers what the user was last told (`Announced`) and is
 * given how many checks in a row have failed.
 */
import type { ConnectionState, StatusView } from '../../ipc/types.ts';

/** 'unknown': nothing established since start or sign-in; 'good': seen connected; 'lost': the user was told it was lost. */
export type Announced = 'unknown' | 'good' | 'lost';

export interface Notice {
  title: string;
  body: string;
}

/** Problems that clear up by themselves: only announced once a retry has confirmed them. */
const passingTrouble = new Set<ConnectionState>(['offline', 'hubspot-unreachable', 'hubspot-unavailable']);
/** Problems that need the user: announced at once. */
const lastingTrouble = new Set<ConnectionState>(['needs-sign-in', 'missing-scopes']);
const working = new Set<ConnectionState>(['connected', 'syncing']);

export const failuresBeforeAnnouncing = 2;

export function notificationFor(previous: Announced, next: StatusView, failuresInARow: number): { announced: Announced; notice: Notice | null } {
  if (next.state === 'signed-out') return { announced: 'unknown', notice: null };

  if (working.has(next.state)) {
    const notice = previous === 'lost' ? { title: 'Connected again', body: `Contact Desk is connected to ${next.portal ?? 'HubSpot'} again.` } : null;
    return { announced: 'good', notice };
  }

  const troubleConfirmed = lastingTrouble.has(next.state) || (passingTrouble.has(next.state) && failuresInARow >= failuresBeforeAnnouncing);
  if (troubleConfirmed && previous === 'good') {
    return { announced: 'lost', notice: { title: 'HubSpot connection lost', body: next.sentence } };
  }
  // Checking, waiting out a rate limit, a first failure, or trouble already announced (or present
  // since start, which the tray already shows): nothing new to say.
  return { announced: previous, notice: null };
}
