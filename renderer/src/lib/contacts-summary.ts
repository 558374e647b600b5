/**
 * The contacts summary on screen has two sources that can arrive in any order: answers to
 * getContactsSummary and contactsChanged events (the count alone). The core answers calls on
 * several cache readers at once, so an answer asked for before a sync wrote its contacts can arrive
 * after the event that counted them, or after a newer answer. Whatever arrives last, the screen keeps
 * the newest count.
 */
import type { ContactsSummary } from '../../../electron/ipc/types.ts';

export interface SummaryTracker {
  /** Call when asking for a summary; give the answer to the returned function: what to show, or null to drop it. */
  ask(): (answer: ContactsSummary) => ContactsSummary | null;
  /** Call with each contactsChanged event's count. */
  pushed(count: number): void;
}

export function createSummaryTracker(): SummaryTracker {
  let asked = 0;
  let newestShown = 0;
  let pushes = 0;
  let pushedCount = 0;
  return {
    ask() {
      const id = ++asked;
      const pushesBefore = pushes;
      return (answer) => {
        if (id < newestShown) return null; // a newer answer is already on screen
        newestShown = id;
        return pushes === pushesBefore ? answer : { ...answer, count: pushedCount };
      };
    },
    pushed(count) {
      pushes += 1;
      pushedCount = count;
    },
  };
}
