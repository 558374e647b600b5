/** The user's settings, kept in the shell's key-value store. */
import type { Settings } from '../ipc/types.ts';
import type { KeyValueStore } from './ports.ts';

export const defaultVisibleColumns = ['firstname', 'lastname', 'email', 'phone', 'hubspot_owner_id', 'company', 'jobtitle', 'lifecyclestage'];

export const defaultSettings: Settings = {
  checkIntervalMinutes: 5,
  closeToTray: true,
  visibleColumns: defaultVisibleColumns,
  extraSyncedProperties: [],
};

const storeKey = 'settings';

export interface SettingsStore {
  get(): Settings;
  update(changes: Partial<Settings>): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
}

export function createSettingsStore(store: KeyValueStore): SettingsStore {
  const listeners = new Set<(settings: Settings) => void>();
  const get = (): Settings => {
    const saved = store.get(storeKey);
    return { ...defaultSettings, ...(typeof saved === 'object' && saved !== null ? (saved as Partial<Settings>) : {}) };
  };
  return {
    get,
    update(changes) {
      const next = { ...get(), ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) };
      store.set(storeKey, next);
      for (const listener of listeners) listener(next);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
