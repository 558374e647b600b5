/**
 * Connects the contract to ipcMain: one handler per channel, each refusing any caller but our own
 * window's top frame before the router (which validates the input) sees the call.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelNames, ipcChannelFor, ipcEventChannel, type EventName, type Events } from '../ipc/contract.ts';
import type { Dispatch } from '../core/ipc-router.ts';
import type { IpcResult } from '../ipc/types.ts';
import type { Logger } from '../core/ports.ts';
import { isTrustedSender } from './security-policy.ts';

const refused: IpcResult<never> = {
  ok: false,
  error: { kind: 'permission-denied', message: 'This request did not come from the Contact Desk window, so it was refused.' },
};

export function registerIpcHandlers(options: { dispatch: Dispatch; mainWebContents: () => WebContents | null; log: Logger }): () => void {
  const { dispatch, log } = options;
  const isTrusted = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    return isTrustedSender({
      frameUrl: frame?.url ?? null,
      isTopFrame: frame !== null && frame.parent === null,
      isMainWindow: event.sender.id === options.mainWebContents()?.id,
    });
  };

  for (const name of channelNames) {
    const channel = ipcChannelFor(name);
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrusted(event)) {
        log.warn('ipc: refused a call from outside the app window', { channel: name });
        return refused;
      }
      return dispatch(name, input);
    });
  }
  return () => {
    for (const name of channelNames) ipcMain.removeHandler(ipcChannelFor(name));
  };
}

/** Events from the core to the page, as (eventName, payload) on the one event channel. */
export function forwardEvents(subscribe: (listener: (event: EventName, payload: unknown) => void) => () => void, send: (channel: string, ...args: unknown[]) => void): () => void {
  return subscribe((event, payload) => send(ipcEventChannel, event, payload));
}

/** One event from the desktop shell itself (the tray, the menu) to the page. */
export function sendEvent<E extends EventName>(send: (channel: string, ...args: unknown[]) => void, event: E, payload: Events[E]): void {
  send(ipcEventChannel, event, payload);
}
