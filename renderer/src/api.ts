/**
 * The renderer's one way to talk to the app: the typed client of the IPC contract. In Electron the
 * preload provides the bridge; in the browser preview the page talks HTTP to the preview shell.
 */
import { channelNames, createBridge, type ContactDeskApi, type ContactDeskBridge, type EventName } from '../../electron/ipc/contract.ts';
import type { ErrorKind, ErrorView, IpcResult } from '../../electron/ipc/types.ts';

declare global {
  interface Window {
    contactDeskBridge?: ContactDeskBridge;
  }
}

export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly details: ErrorView['details'];
  constructor(view: ErrorView) {
    super(view.message);
    this.name = 'ApiError';
    this.kind = view.kind;
    this.details = view.details;
  }
}

const previewServerGone = 'The preview server stopped or restarted. Start it with npm run preview if it is not running, then reload this page.';
const connectionListeners = new Set<(lost: boolean) => void>();

/**
 * Browser preview only: tells whether the page has lost its preview server (stopped, or restarted
 * and so no longer knowing this browser's session). The Electron window never loses its main process.
 */
export function onShellConnection(listener: (lost: boolean) => void): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

/** The preview's server knows this browser by the session cookie it set when the launch link was opened. */
function previewBridge(): ContactDeskBridge {
  const invoke = async (channel: string, input: unknown): Promise<IpcResult<unknown>> => {
    try {
      const response = await fetch(`/ipc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input }),
      });
      return (await response.json()) as IpcResult<unknown>;
    } catch {
      return { ok: false, error: { kind: 'internal', message: previewServerGone } };
    }
  };
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const source = new EventSource('/events');
  // The browser retries a dropped stream by itself; a restarted server refuses the old session.
  source.onerror = () => connectionListeners.forEach((listener) => listener(true));
  source.onopen = () => connectionListeners.forEach((listener) => listener(false));
  source.onmessage = (message: MessageEvent<string>) => {
    const { event, payload } = JSON.parse(message.data) as { event: EventName; payload: unknown };
    for (const listener of listeners) listener(event, payload);
  };
  return createBridge(invoke, (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });
}

function unwrap(bridge: ContactDeskBridge): ContactDeskApi {
  const api: Record<string, unknown> = { on: bridge.on };
  for (const name of channelNames) {
    const call = bridge[name] as (input?: unknown) => Promise<IpcResult<unknown>>;
    api[name] = async (input?: unknown) => {
      const result = await call(input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    };
  }
  return api as ContactDeskApi;
}

export const api: ContactDeskApi = unwrap(window.contactDeskBridge ?? previewBridge());
