/**
 * For shells that must not touch the OS: the browser preview, and an unpackaged desktop build (its
 * command would start a bare Electron at sign-in). The request is kept in the app's store, so the
 * setting still works, persists across restarts, and shows what the OS would have been asked.
 */
import type { KeyValueStore } from '../ports.ts';
import type { LaunchCommand, LoginItemPort } from './login-item-port.ts';

export const recordedLoginItemKey = 'openAtLogin.recorded';

export interface RecordedLoginItem {
  enabled: boolean;
  command: LaunchCommand;
  at: number;
}

export function createRecordedLoginItem(store: KeyValueStore, command: LaunchCommand, now: () => number): LoginItemPort {
  return {
    async read() {
      const recorded = store.get(recordedLoginItemKey) as RecordedLoginItem | undefined;
      return { enabled: recorded?.enabled === true };
    },
    async write(enabled) {
      const record: RecordedLoginItem = { enabled, command, at: now() };
      store.set(recordedLoginItemKey, record);
    },
  };
}
