/**
 * Runs in the sandboxed page before its scripts. Exposes exactly the contract's bridge — no
 * ipcRenderer, no Node — so the page can call the app's channels and listen to its events, and
 * nothing else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge, ipcChannelFor, ipcEventChannel, type EventName } from '../ipc/contract.ts';
import type { IpcResult } from '../ipc/types.ts';

// A value IPC cannot carry (a function, a DOM node) rejects before reaching the app; it becomes the
// same error value as any other malformed call.
const cannotSend: IpcResult<never> = { ok: false, error: { kind: 'bad-input', message: 'Contact Desk could not send this request. Try again.' } };

const bridge = createBridge(
  (channel, input) => (ipcRenderer.invoke(ipcChannelFor(channel), input) as Promise<IpcResult<unknown>>).catch(() => cannotSend),
  (listener) => {
    const handler = (_event: IpcRendererEvent, name: EventName, payload: unknown) => listener(name, payload);
    ipcRenderer.on(ipcEventChannel, handler);
    return () => ipcRenderer.removeListener(ipcEventChannel, handler);
  },
);

contextBridge.exposeInMainWorld('contactDeskBridge', bridge);
