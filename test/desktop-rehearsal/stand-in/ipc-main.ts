/**
 * Electron's ipcMain (docs: api/ipc-main.md). Calls from the page arrive from the host with the
 * calling frame as Chromium reports it; the event the app's handler sees carries that frame as
 * senderFrame and the window's webContents as sender, as Electron's IpcMainInvokeEvent does.
 */
import { EventEmitter } from 'node:events';
import { answer, record } from './host-link.ts';
import { strict } from './strict.ts';
import { StandInBrowserWindow, webFrameMain } from './windows.ts';

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class StandInIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  /**
   * docs: ipcMain.handle(channel, listener) — "If listener returns a Promise, the eventual result of
   * the promise will be returned as a reply to the remote caller." A second handler for the same
   * channel is an error ("Attempted to register a second handler for '…'").
   */
  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
    record('ipcMain.handle', { channel });
  }

  handleOnce(channel: string, listener: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return listener(event, ...args);
    });
  }

  /** docs: ipcMain.removeHandler(channel) — "Removes any handler for channel, if present." */
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
    record('ipcMain.removeHandler', { channel });
  }
}

const ipcMainImpl = new StandInIpcMain();
export const ipcMain = strict('ipcMain', ipcMainImpl);

/** A page's ipcRenderer.invoke: "Error invoking remote method" is how Electron words a failed call. */
answer('ipc.invoke', async ({ windowId, frame, channel, args }) => {
  const window = StandInBrowserWindow.byId(windowId);
  const handler = ipcMainImpl.handlers.get(channel);
  if (!handler) return { ok: false, message: `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'` };
  const event = strict('IpcMainInvokeEvent', { type: 'frame', processId: 1, frameId: frame.isTop ? 1 : 2, sender: window.webContents, senderFrame: webFrameMain(window.webContents, frame) });
  try {
    return { ok: true, value: structuredClone(await handler(event, ...args)) };
  } catch (error) {
    return { ok: false, message: `Error invoking remote method '${channel}': ${String(error)}` };
  }
});
