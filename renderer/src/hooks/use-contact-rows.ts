import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../api.ts';
import { ContactPageLoader, type RowsQuery } from '../lib/page-loader.ts';

/**
 * The table's rows for one search/sort/columns/filters, loaded in pages as they scroll into view.
 * The caller redraws when the total, an error or a notice about the filters or sort changes; the
 * table itself subscribes to the rows (useLoadedRows), so pages arriving while scrolling redraw
 * only the table.
 */
export function useContactRows(query: RowsQuery): ContactPageLoader {
  const [loader] = useState(() => new ContactPageLoader((page) => api.queryContacts(page)));
  const { search, sort, columns, filters } = query;
  useEffect(() => loader.setQuery({ search, sort, columns, ...(filters ? { filters } : {}) }), [loader, search, sort, columns, filters]);
  useSyncExternalStore(loader.subscribe, loader.getStatusSnapshot);
  return loader;
}

/** Redraws the caller whenever the loader's rows change. */
export function useLoadedRows(loader: ContactPageLoader): void {
  useSyncExternalStore(loader.subscribe, loader.getSnapshot);
}
