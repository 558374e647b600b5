import { useEffect, useRef } from 'react';
import type { EventName, Events } from '../../../electron/ipc/contract.ts';
import { api } from '../api.ts';

/** Listens to one app event for as long as the component is mounted; the listener may change freely. */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [event]);
}
