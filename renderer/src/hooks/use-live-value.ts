import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName, Events } from '../../../electron/ipc/contract.ts';
import type { ErrorView } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { toErrorView } from '../lib/error-help.ts';

export interface LiveValue<T> {
  value: T | null;
  /** Why the first load failed (null once any value arrived). */
  error: ErrorView | null;
  /**
   * Runs a call that answers with the value (e.g. checkConnection). Its answer and the events can
   * arrive in either order, so if an event came in meanwhile, the value is read again instead.
   */
  update(call: () => Promise<T>): Promise<void>;
  reload(): void;
}

/**
 * A value the app pushes: loaded once, then kept current by its event. An event that arrives while
 * the first load is still on its way wins over the load's (older) answer.
 */
export function useLiveValue<E extends EventName>(event: E, load: () => Promise<Events[E]>): LiveValue<Events[E]> {
  const [value, setValue] = useState<Events[E] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const pushedSince = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const push = useCallback((next: Events[E]) => {
    pushedSince.current += 1;
    setValue(next);
    setError(null);
  }, []);

  const reload = useCallback(() => {
    const before = pushedSince.current;
    loadRef.current().then(
      (loaded) => {
        if (pushedSince.current !== before) return;
        setValue(loaded);
        setError(null);
      },
      (failure: unknown) => {
        if (pushedSince.current === before) setError(toErrorView(failure));
      },
    );
  }, []);

  const update = useCallback(
    async (call: () => Promise<Events[E]>) => {
      const before = pushedSince.current;
      const answer = await call();
      if (pushedSince.current === before) push(answer);
      else reload();
    },
    [push, reload],
  );

  useEffect(() => {
    const unsubscribe = api.on(event, push);
    reload();
    return unsubscribe;
  }, [event, push, reload]);

  return { value, error, update, reload };
}
