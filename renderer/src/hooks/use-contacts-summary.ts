import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ContactsSummary, ErrorView, PropertyInfo } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { createSummaryTracker } from '../lib/contacts-summary.ts';
import { toErrorView } from '../lib/error-help.ts';
import { useApiEvent } from './use-api-event.ts';

/**
 * What the contacts screen knows of the cache as a whole: its summary (count, last sync, synced
 * properties), loaded at start and on demand, its count kept newest by contactsChanged events; and
 * HubSpot's property list, which arrives with the first sync.
 */
export function useContactsSummary() {
  const [summary, setSummary] = useState<ContactsSummary | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [properties, setProperties] = useState<PropertyInfo[] | null>(null);
  const tracker = useMemo(createSummaryTracker, []);

  const reloadSummary = useCallback(() => {
    const answered = tracker.ask();
    api.getContactsSummary().then(
      (answer) => {
        const loaded = answered(answer);
        if (loaded === null) return;
        setSummary(loaded);
        setError(null);
      },
      (failure: unknown) => setError(toErrorView(failure)),
    );
  }, [tracker]);

  const reloadProperties = useCallback(() => {
    api.listProperties().then(setProperties, () => setProperties((current) => current ?? []));
  }, []);

  useEffect(() => {
    reloadSummary();
    reloadProperties();
  }, [reloadSummary, reloadProperties]);

  useApiEvent('contactsChanged', ({ count }) => {
    tracker.pushed(count);
    setSummary((current) => (current ? { ...current, count } : current));
  });

  /** A property shown for the first time is synced from now on (the settings say so before the next sync lists it). */
  const markSynced = useCallback((name: string) => {
    setProperties((current) => current?.map((property) => (property.name === name ? { ...property, synced: true } : property)) ?? null);
  }, []);

  return { summary, error, properties, reloadSummary, reloadProperties, markSynced };
}
