import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../api.ts';
import { ContactPageLoader, type RowsQuery } from '../lib/page-loader.ts';

/** The table's rows for one search/sort/columns/filters, loaded in pages as they scroll into view. */
export function useContactRows(query: RowsQuery): ContactPageLoader {
  const [loader] = useState(() => new ContactPageLoader((page) => api.queryContacts(page)));
  const { search, sort, columns, filters } = query;
  useEffect(() => loader.setQuery({ search, sort, columns, ...(filters ? { filters } : {}) }), [loader, search, sort, columns, filters]);
  useSyncExternalStore(loader.subscribe, loader.getSnapshot);
  return loader;
}
