/** A Clock whose time only moves when the test says so. Timers fire in due order as time passes. */
import type { Clock, Timer } from '../../../../electron/core/ports.ts';

interface Pending {
  due: number;
  order: number;
  callback: () => void;
}

export interface ManualClock extends Clock {
  /** Moves time forward, firing due timers in order and letting the promises they start settle. */
  advance(ms: number): Promise<void>;
  /** Lets pending promise callbacks run without moving time. */
  settle(): Promise<void>;
  /** Delays of the timers still waiting, from now, soonest first. */
  pendingDelays(): number[];
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createManualClock(start = Date.UTC(2026, 4, 4, 9, 0)): ManualClock {
  let now = start;
  let order = 0;
  const timers = new Set<Pending>();

  const settle = async () => {
    for (let i = 0; i < 5; i++) await macrotask();
  };

  return {
    now: () => now,
    setTimeout(callback, ms) {
      const timer: Pending = { due: now + Math.max(0, ms), order: order++, callback };
      timers.add(timer);
      // The code under test only hands the handle back to clearTimeout.
      return timer as unknown as Timer;
    },
    clearTimeout(timer) {
      timers.delete(timer as unknown as Pending);
    },
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (;;) {
        const next = [...timers].filter((timer) => timer.due <= target).sort((a, b) => a.due - b.due || a.order - b.order)[0];
        if (!next) break;
        timers.delete(next);
        now = next.due;
        next.callback();
        await settle();
      }
      now = target;
      await settle();
    },
    settle,
    pendingDelays: () => [...timers].map((timer) => timer.due - now).sort((a, b) => a - b),
  };
}
