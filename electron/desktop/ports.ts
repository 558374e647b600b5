/** What the core needs from the desktop (see core/ports.ts), made of Electron's pieces. */
import { Notification, shell } from 'electron';
import { AppError } from '../core/errors.ts';
import { systemClock, type KeyValueStore, type Logger, type Ports, type SecretBox } from '../core/ports.ts';
import { chooseExportPath, chooseFolderPath } from './dialogs.ts';
import { createDesktopLoginItem } from './login-item.ts';
import { isAllowedExternalUrl } from './security-policy.ts';
import type { MainWindow } from './windows.ts';

export interface DesktopPortsOptions {
  dataDir: string;
  secretBox: SecretBox;
  store: KeyValueStore;
  log: Logger;
  /** The only origin whose pages may be opened in the browser: the configured HubSpot consent page. */
  consentOrigin: string;
  mainWindow(): MainWindow | null;
}

export function createDesktopPorts(options: DesktopPortsOptions): Ports {
  const { log } = options;
  return {
    dataDir: options.dataDir,
    clock: systemClock,
    secretBox: options.secretBox,
    store: options.store,
    loginItem: createDesktopLoginItem(options.store),
    log,
    async openInBrowser(url) {
      if (!isAllowedExternalUrl(url, [options.consentOrigin])) {
        log.error('browser: refused to open a page outside the HubSpot sign-in origin');
        throw new AppError('permission-denied', 'Contact Desk only opens the HubSpot sign-in page in your browser, and this was not it.');
      }
      try {
        await shell.openExternal(url, { activate: true });
      } catch (error) {
        log.error('browser: could not open the sign-in page', { error });
        throw new AppError('internal', 'Contact Desk could not open your web browser. Check that a default browser is set on this computer, then try again.');
      }
    },
    async chooseExportTarget(suggestedName) {
      const path = await chooseExportPath(options.mainWindow()?.window ?? null, suggestedName);
      return path === null ? null : { path };
    },
    showInFolder(path) {
      shell.showItemInFolder(path);
    },
    focusApp() {
      options.mainWindow()?.show();
    },
    notify(title, body) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      notification.on('click', () => options.mainWindow()?.show());
      notification.show();
    },
    // Scheduled exports (issue 17)
    chooseFolder: () => chooseFolderPath(options.mainWindow()?.window ?? null),
    notifyExport(title, body, file) {
      if (!Notification.isSupported()) return;
      const showFile = () => (file ? shell.showItemInFolder(file) : options.mainWindow()?.show());
      // The "Show in folder" button exists on macOS; elsewhere clicking the notification does it.
      const notification = new Notification({ title, body: file ? `${body} Click to show it in its folder.` : body, ...(file ? { actions: [{ type: 'button' as const, text: 'Show in folder' }] } : {}) });
      notification.on('click', showFile);
      notification.on('action', showFile);
      notification.show();
    },
  };
}
