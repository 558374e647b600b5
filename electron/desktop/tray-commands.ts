/** What each tray menu item does: core work runs in the core; dialogs open in the window's page. */
import { app } from 'electron';
import type { Logger } from '../core/ports.ts';
import type { Services } from '../core/services.ts';
import type { TrayMenuId } from '../core/status/tray-model.ts';
import { sendEvent } from './ipc.ts';
import type { MainWindow } from './windows.ts';

export function trayCommandRunner(options: { services: Services; window: MainWindow; log: Logger }): (command: TrayMenuId) => void {
  const { services, window, log } = options;
  const report = (what: string) => (error: unknown) => log.warn(`tray: ${what} failed`, { error });
  const showThenAsk = (command: 'open-export-dialog' | 'open-sign-out-dialog') => {
    window.show();
    sendEvent(window.send, 'menuCommand', { command });
  };
  return (command) => {
    switch (command) {
      case 'check-now':
        return void services.status.checkNow().catch(report('check now'));
      case 'sync-now':
        return void services.syncNow().catch(report('sync now'));
      case 'export':
        return showThenAsk('open-export-dialog');
      case 'sign-out':
        return showThenAsk('open-sign-out-dialog');
      case 'open':
      case 'sign-in':
      case 'status':
        return window.show();
      case 'quit':
        return app.quit();
    }
  };
}
