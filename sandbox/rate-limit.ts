/** Rolling-window counters: HubSpot's per-account limits and the stats' "max in any window". */
import { correlationId } from './http-util.ts';

/** timestamps in arrival order, pruned from the front */
export class TimeQueue {
  private items: number[] = [];
  private head = 0;

  push(t: number): void {
    this.items.push(t);
  }

  /** drop entries older than or equal to `cutoff` */
  prune(cutoff: number): void {
    while (this.head < this.items.length && (this.items[this.head] as number) <= cutoff) this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** the oldest timestamp still held */
  oldest(): number | undefined {
    return this.items[this.head];
  }
}

/** per-key rolling window limiter; only accepted requests count */
export class RollingLimiter {
  max: number;
  intervalMs: number;
  private readonly windows = new Map<string, TimeQueue>();

  constructor(max: number, intervalMs: number) {
    this.max = max;
    this.intervalMs = intervalMs;
  }

  /** takes a slot when one is free; `remaining` is what is left after this request */
  tryAcquire(key: string, now: number): { ok: boolean; remaining: number; retryAfterMs: number } {
    const q = this.queue(key);
    q.prune(now - this.intervalMs);
    if (q.size >= this.max) {
      const oldest = q.oldest() ?? now;
      return { ok: false, remaining: 0, retryAfterMs: Math.max(0, oldest + this.intervalMs - now) };
    }
    q.push(now);
    return { ok: true, remaining: this.max - q.size, retryAfterMs: 0 };
  }

  private queue(key: string): TimeQueue {
    let q = this.windows.get(key);
    if (!q) {
      q = new TimeQueue();
      this.windows.set(key, q);
    }
    return q;
  }
}

/** counts every attempt per key and remembers the most seen inside any window of `intervalMs` */
export class WindowMax {
  intervalMs: number;
  max = 0;
  private readonly windows = new Map<string, TimeQueue>();

  constructor(intervalMs: number) {
    this.intervalMs = intervalMs;
  }

  record(key: string, now: number): number {
    let q = this.windows.get(key);
    if (!q) {
      q = new TimeQueue();
      this.windows.set(key, q);
    }
    q.prune(now - this.intervalMs);
    q.push(now);
    if (q.size > this.max) this.max = q.size;
    return q.size;
  }

  reset(): void {
    this.max = 0;
    this.windows.clear();
  }
}

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

export function rateLimitBody(policy: RateLimitPolicy): Record<string, string> {
  const what = policy === 'TEN_SECONDLY_ROLLING' ? 'ten_secondly_rolling' : policy === 'SECONDLY' ? 'secondly' : 'daily';
  return {
    status: 'error',
    message: `You have reached your ${what} limit.`,
    errorType: 'RATE_LIMIT',
    correlationId: correlationId(),
    policyName: policy,
  };
}
