/**
 * How the app ends. Quit (menu, tray, Cmd+Q) and the end of the OS session close the window for
 * real; any other close hides it to the tray (windows.ts). Before the process goes, the core
 * finishes writing (cache, sync state): will-quit waits for it, never longer than 5 s.
 */
import { app, powerMonitor, type BrowserWindow } from 'electron';
import type { Logger } from '../core/ports.ts';

const disposeTimeoutMs = 5_000;

export interface Quitting {
  /** True once the app is really quitting: closing the window then closes it. */
  isQuitting(): boolean;
  /** Wires the window and the core's shutdown; `stop` ends the shell's own listeners first. */
  wire(options: { window: BrowserWindow; stop(): void; dispose(): Promise<void>; log: Logger }): void;
}

export function createQuitting(): Quitting {
  let quitting = false;
  const quitForReal = () => {
    quitting = true;
    app.quit();
  };
  app.on('before-quit', () => {
    quitting = true;
  });

  return {
    isQuitting: () => quitting,
    wire({ window, stop, dispose, log }) {
      // Windows asks first ('query-session-end') and may still cancel: another program refuses, or
      // the user chooses Cancel. No event says so, so asking changes nothing here; only
      // 'session-end' is final (Electron docs, BrowserWindow 'session-end': "Once this event fires,
      // there is no way to prevent the session from ending").
      window.on('session-end', quitForReal);
      // macOS and Linux: the computer shuts down (Electron docs, powerMonitor 'shutdown').
      powerMonitor.on('shutdown', quitForReal);
      app.on('window-all-closed', () => app.quit());

      // A second quit while the core closes (Quit clicked twice, Cmd+Q, the computer shutting down)
      // waits too: only the quit that follows the core's close goes through.
      let core: 'running' | 'closing' | 'closed' = 'running';
      app.on('will-quit', (event) => {
        if (core === 'closed') return;
        event.preventDefault();
        if (core === 'closing') return;
        core = 'closing';
        stop();
        void withTimeout(dispose(), disposeTimeoutMs)
          .catch((error: unknown) => log.error('app: shutdown did not finish cleanly', { error }))
          .finally(() => {
            core = 'closed';
            log.info('app: stopped');
            app.quit();
          });
      });
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
