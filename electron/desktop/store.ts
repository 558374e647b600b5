/** The KeyValueStore port over electron-store: one JSON file in the data folder, written atomically. */
import { ipcMain } from 'electron';
import Store from 'electron-store';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore, Logger } from '../core/ports.ts';

const fileName = 'contact-desk-store';

export function createKeyValueStore(dataDir: string, log: Logger): KeyValueStore {
  const store = openStore(dataDir, log);
  // electron-store answers any renderer that asks with the app's data folder over a sync IPC
  // channel of its own. Our renderer never needs it, and must not learn file system paths.
  ipcMain.removeAllListeners('electron-store-get-data');
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}

function openStore(dataDir: string, log: Logger): Store<Record<string, unknown>> {
  const open = () => new Store<Record<string, unknown>>({ cwd: dataDir, name: fileName, accessPropertiesByDotNotation: false, clearInvalidConfig: false, watch: false, configFileMode: 0o600 });
  try {
    return open();
  } catch (error) {
    // A damaged file (a disk error; writes themselves are atomic) must not keep the app from
    // starting: keep it aside for support and start afresh. The user signs in again.
    const damaged = join(dataDir, `${fileName}.json`);
    const keptAs = join(dataDir, `${fileName}.damaged-${Date.now()}.json`);
    log.error('store: the settings file could not be read; starting with a fresh one', { error, keptAs });
    renameSync(damaged, keptAs);
    return open();
  }
}
