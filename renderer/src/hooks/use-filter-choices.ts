import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorView, FilterChoices } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import type { ListControls } from '../components/FiltersPanel.tsx';
import { toErrorView } from '../lib/error-help.ts';
import { useApiEvent } from './use-api-event.ts';

export interface FilterChoicesState {
  choices: FilterChoices | null;
  lists: ListControls;
  /** Why the lists or a list's members could not be fetched, in the app's words. */
  error: ErrorView | null;
  /** Problems the last refresh after a sync ran into (a list that could not be refreshed…). */
  refreshProblems: string[];
  reload(): void;
}

/**
 * What the Filters panel offers besides the properties: owners, "Me", the HubSpot lists. Loaded
 * again when the lists change (after a sync); a chosen list's members are fetched at once, and
 * `onMembers` runs when they are in the cache (the table then loads again).
 */
export function useFilterChoices(onMembers: () => void): FilterChoicesState {
  const [choices, setChoices] = useState<FilterChoices | null>(null);
  // a failed fetch or refresh stays until the next one; a failed load, until a load succeeds
  const [error, setError] = useState<ErrorView | null>(null);
  const [loadError, setLoadError] = useState<ErrorView | null>(null);
  const [fetching, setFetching] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshProblems, setRefreshProblems] = useState<string[]>([]);
  const onMembersRef = useRef(onMembers);
  onMembersRef.current = onMembers;

  const reload = useCallback(() => {
    api.getFilterChoices().then(
      (loaded) => {
        setChoices(loaded);
        setLoadError(null);
      },
      (failure: unknown) => setLoadError(toErrorView(failure)),
    );
  }, []);
  useEffect(reload, [reload]);
  // a load that met the saved contacts reloading is tried again once they are back
  useApiEvent('cacheStatus', ({ state }) => {
    if (state === 'ready') reload();
  });

  useApiEvent('listsChanged', ({ problems }) => {
    setRefreshProblems(problems);
    reload();
    onMembersRef.current();
  });

  const refresh = useCallback(() => {
    setRefreshing(true);
    setError(null);
    api
      .refreshLists()
      .then(setChoices, (failure: unknown) => setError(toErrorView(failure)))
      .finally(() => setRefreshing(false));
  }, []);

  const fetch = useCallback(
    (listId: string) => {
      setFetching(choices?.lists.find((list) => list.listId === listId)?.name ?? 'the list');
      setError(null);
      api
        .fetchListMembers({ listId })
        .then(
          () => undefined,
          (failure: unknown) => setError(toErrorView(failure)),
        )
        .finally(() => {
          setFetching(null);
          reload();
          onMembersRef.current();
        });
    },
    [choices, reload],
  );

  return { choices, lists: { fetching, refreshing, fetch, refresh }, error: error ?? loadError, refreshProblems, reload };
}
