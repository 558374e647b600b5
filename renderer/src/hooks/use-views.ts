import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ContactsQuery, ErrorView, PropertyInfo, SavedView, ViewDefinition, ViewFilter } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { toErrorView } from '../lib/error-help.ts';
import { ALL_CONTACTS, builtInViews, isBuiltIn, isModified, viewName } from '../lib/view-model.ts';

type Sort = ContactsQuery['sort'];

/** What the contacts screen owns and a view sets: its columns, sort and search box. */
export interface ScreenState {
  columns: string[] | null;
  sort: Sort | null;
  search: string;
  properties: readonly PropertyInfo[] | null;
  apply(changes: { columns?: string[]; sort?: Sort; search: string }): void;
}

export interface Views {
  saved: SavedView[];
  currentId: string;
  currentName: string;
  filters: ViewFilter[];
  setFilters(filters: ViewFilter[]): void;
  /** What is on screen differs from the chosen view. */
  modified: boolean;
  /** Why the last views action failed (the name dialog shows its own). */
  error: ErrorView | null;
  /** The search the last chosen view put in the box: applied at once, not after the typing delay. */
  appliedSearch: string | null;
  choose(id: string): void;
  saveAs(name: string): Promise<void>;
  saveChanges(): Promise<void>;
  rename(name: string): Promise<void>;
  remove(): Promise<void>;
}

/** Columns a view shows that the sync does not fetch yet are added to it, as the column chooser does. */
async function showColumns(columns: string[], properties: readonly PropertyInfo[] | null): Promise<void> {
  const settings = await api.getSettings();
  const unsynced = columns.filter((name) => properties?.find((property) => property.name === name)?.synced === false && !settings.extraSyncedProperties.includes(name));
  await api.updateSettings(unsynced.length > 0 ? { visibleColumns: columns, extraSyncedProperties: [...settings.extraSyncedProperties, ...unsynced] } : { visibleColumns: columns });
}

/** The View menu's state: the saved views, the one in use (restored after a restart), and its filters. */
export function useViews(screen: ScreenState): Views {
  const [saved, setSaved] = useState<SavedView[]>([]);
  const [currentId, setCurrentId] = useState(ALL_CONTACTS);
  const [filters, setFilters] = useState<ViewFilter[]>([]);
  const [error, setError] = useState<ErrorView | null>(null);
  const [lastUsed, setLastUsed] = useState<string | null>(null);
  const [appliedSearch, setAppliedSearch] = useState<string | null>(null);
  const screenRef = useRef(screen);
  screenRef.current = screen;

  const apply = useCallback((id: string, views: readonly SavedView[]) => {
    const view = views.find((candidate) => candidate.id === id);
    const builtIn = builtInViews.find((candidate) => candidate.id === id);
    setCurrentId(view || builtIn ? id : ALL_CONTACTS);
    setAppliedSearch(view?.search ?? '');
    if (view) {
      setFilters(view.filters);
      screenRef.current.apply({ columns: view.columns, sort: view.sort, search: view.search });
      showColumns(view.columns, screenRef.current.properties).catch((failure: unknown) => setError(toErrorView(failure)));
    } else {
      setFilters(builtIn?.filters ?? []);
      screenRef.current.apply({ search: '' });
    }
  }, []);

  useEffect(() => {
    api.getViews().then(
      (state) => {
        setSaved(state.saved);
        setLastUsed(state.lastUsed);
      },
      (failure: unknown) => setError(toErrorView(failure)),
    );
  }, []);

  // The last used view comes back once the screen has its columns (they may be the view's own).
  const screenReady = screen.columns !== null;
  useEffect(() => {
    if (lastUsed === null || !screenReady) return;
    apply(lastUsed, saved);
    setLastUsed(null);
  }, [lastUsed, screenReady, saved, apply]);

  const current: ViewDefinition | null =
    screen.columns && screen.sort ? { filters, search: screen.search, columns: screen.columns, sort: screen.sort } : null;
  const base = saved.find((view) => view.id === currentId) ?? builtInViews.find((view) => view.id === currentId);
  const modified = current !== null && base !== undefined && isModified(current, base);

  const run = useCallback(async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(toErrorView(failure));
    }
  }, []);

  return useMemo(
    () => ({
      saved,
      currentId,
      currentName: viewName(currentId, saved),
      filters,
      setFilters,
      modified,
      error,
      appliedSearch,
      choose(id) {
        setError(null);
        apply(id, saved);
        api.useView({ id }).catch((failure: unknown) => setError(toErrorView(failure)));
      },
      // Name refusals reach the dialog that asked for the name: these reject.
      async saveAs(name) {
        if (current === null) return;
        const view = await api.saveView({ name, definition: current });
        setSaved((views) => [...views, view]);
        setCurrentId(view.id);
      },
      async rename(name) {
        const view = await api.updateView({ id: currentId, name });
        setSaved((views) => views.map((candidate) => (candidate.id === view.id ? view : candidate)));
      },
      saveChanges: () =>
        run(async () => {
          if (current === null || isBuiltIn(currentId)) return;
          const view = await api.updateView({ id: currentId, definition: current });
          setSaved((views) => views.map((candidate) => (candidate.id === view.id ? view : candidate)));
        }),
      async remove() {
        const state = await api.deleteView({ id: currentId });
        setSaved(state.saved);
        apply(ALL_CONTACTS, state.saved);
      },
    }),
    [saved, currentId, filters, modified, error, appliedSearch, current, apply, run],
  );
}

