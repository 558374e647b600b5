/**
 * Builds the app's services from the shell's ports and exposes them as the IPC handlers. Both
 * shells (Electron desktop and the browser preview) call only this.
 */
import type { EventName, Events, Handlers } from '../ipc/contract.ts';
import type { Settings, StatusView } from '../ipc/types.ts';
import type { HubSpotConfig } from './auth/hubspot-config.ts';
import type { AppConfig } from './config.ts';
import { AppError } from './errors.ts';
import type { Ports } from './ports.ts';
import { createSettingsStore } from './settings.ts';

export type ResolvedConfig = AppConfig & { hubspot: HubSpotConfig };

export interface Services {
  handlers: Handlers;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  status: {
    current(): StatusView;
    onChange(listener: (status: StatusView) => void): () => void;
    checkNow(): Promise<StatusView>;
    notifyWake(): void;
    notifyNetworkChange(online: boolean): void;
  };
  syncNow(): Promise<void>;
  signOut(): Promise<void>;
  settings(): Settings;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

const notReady = (): never => {
  throw new AppError('internal', 'This part of Contact Desk is not ready yet.');
};

export function createServices(config: ResolvedConfig, ports: Ports, app: { version: string; shell: 'desktop' | 'preview' }): Services {
  const settings = createSettingsStore(ports.store);
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const listener of listeners) listener(event, payload);
  };
  void emit;

  const handlers: Handlers = {
    getAppInfo: async () => ({
      name: 'Contact Desk',
      version: app.version,
      mode: config.mode,
      shell: app.shell,
      platform: process.platform,
      account: null,
    }),
    getAuthState: async () => ({ status: 'signed-out' }),
    startSignIn: notReady,
    cancelSignIn: notReady,
    reopenSignInPage: notReady,
    rememberSignIn: notReady,
    signOut: notReady,
    getContactsSummary: notReady,
    queryContacts: notReady,
    listProperties: notReady,
    syncNow: notReady,
    cancelSync: notReady,
    getSyncProgress: notReady,
    startExport: notReady,
    cancelExport: notReady,
    showExportInFolder: notReady,
    getStatus: notReady,
    checkConnection: notReady,
    getSettings: async () => settings.get(),
    updateSettings: async (changes) => settings.update(changes),
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: { current: notReady, onChange: notReady, checkNow: notReady, notifyWake: notReady, notifyNetworkChange: notReady },
    syncNow: notReady,
    signOut: notReady,
    settings: () => settings.get(),
    start: async () => {},
    dispose: async () => {},
  };
}
