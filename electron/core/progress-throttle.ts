import type { Clock, Timer } from './ports.ts';

/**
 * Passes values on at most once per `intervalMs`: the first at once, later ones after the interval,
 * always the latest. `now` sends a value at once (the interval starts again from it); `finish` sends
 * the final value at once; both drop anything pending. `cancel` drops it and sends nothing more.
 */
export function createThrottle<T>(clock: Clock, intervalMs: number, emit: (value: T) => void) {
  let lastEmitAt = -Infinity;
  let pending: { value: T } | null = null;
  let timer: Timer | null = null;
  let finished = false;

  const flush = () => {
    timer = null;
    if (!pending || finished) return;
    const { value } = pending;
    pending = null;
    lastEmitAt = clock.now();
    emit(value);
  };

  const dropPending = () => {
    pending = null;
    if (timer) clock.clearTimeout(timer);
    timer = null;
  };

  return {
    push(value: T): void {
      if (finished) return;
      pending = { value };
      if (timer) return;
      const wait = lastEmitAt + intervalMs - clock.now();
      if (wait <= 0) flush();
      else timer = clock.setTimeout(flush, wait);
    },
    now(value: T): void {
      if (finished) return;
      dropPending();
      lastEmitAt = clock.now();
      emit(value);
    },
    finish(value: T): void {
      if (finished) return;
      finished = true;
      dropPending();
      emit(value);
    },
    cancel(): void {
      finished = true;
      dropPending();
    },
  };
}
