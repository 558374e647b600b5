import { useEffect, useState } from 'react';
import type { ContactsSummary, ErrorView, PropertyInfo } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { toggleColumn } from '../lib/columns.ts';
import { toErrorView } from '../lib/error-help.ts';

/**
 * The table's columns: the saved ones once the summary has loaded, then the person's choices, saved
 * as they make them. Showing a property that is not synced yet adds it to the synced ones.
 */
export function useVisibleColumns(summary: ContactsSummary | null, properties: PropertyInfo[] | null, markSynced: (name: string) => void) {
  const [columns, setColumns] = useState<string[] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const saved = summary?.visibleColumns;

  useEffect(() => {
    if (saved) setColumns((current) => current ?? saved);
  }, [saved]);

  const toggle = async (name: string, show: boolean) => {
    if (columns === null) return;
    const previous = columns;
    const next = toggleColumn(columns, name, show);
    setColumns(next);
    setError(null);
    try {
      const property = properties?.find((candidate) => candidate.name === name);
      const settings = await api.getSettings();
      const needsSync = show && property !== undefined && !property.synced && !settings.extraSyncedProperties.includes(name);
      await api.updateSettings(needsSync ? { visibleColumns: next, extraSyncedProperties: [...settings.extraSyncedProperties, name] } : { visibleColumns: next });
      if (needsSync) markSynced(name);
    } catch (failure) {
      setColumns(previous);
      setError(toErrorView(failure));
    }
  };

  return { columns, setColumns, error, toggle };
}
