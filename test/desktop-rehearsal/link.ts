/**
 * The wire between the app process (the real dist/desktop/main.cjs with the Electron stand-in) and
 * the rehearsal host (the test, which drives Chromium). Two method tables, one per direction, like
 * the app's own IPC contract: a name, what it takes, what it answers. Messages travel over the
 * child process's IPC channel with structured-clone serialization ('advanced').
 */

export interface FrameInfo {
  /** The frame's URL as Electron would report it (app://contact-desk/… for the app's page). */
  url: string;
  isTop: boolean;
}

export interface ProtocolResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** One thing the stand-in saw the app do (or that the OS did to it), in order. */
export interface StandInRecord {
  seq: number;
  /** The Electron API or event, as named in Electron's docs: 'dialog.showErrorBox', 'BrowserWindow.show', 'app#will-quit'. */
  api: string;
  detail: Record<string, unknown>;
}

export type PageEventName = 'did-start-loading' | 'dom-ready' | 'did-finish-load' | 'did-fail-load' | 'ready-to-show' | 'render-process-gone';

/** Calls the app process makes to the host. */
export type HostMethods = {
  record: { input: StandInRecord; result: void };
  'page.create': { input: { windowId: number; webContentsId: number }; result: void };
  'page.load': { input: { windowId: number; url: string }; result: void };
  'page.send': { input: { windowId: number; channel: string; args: unknown[] }; result: void };
  'page.reload': { input: { windowId: number }; result: void };
  'page.close': { input: { windowId: number }; result: void };
  'page.focus': { input: { windowId: number }; result: void };
  /** A question only the person at the computer can answer: the test answers it. */
  'ask.saveDialog': { input: { options: Record<string, unknown> }; result: { canceled: boolean; filePath?: string } };
  'ask.openDialog': { input: { options: Record<string, unknown> }; result: { canceled: boolean; filePaths?: string[] } };
  'ask.messageBox': { input: { options: Record<string, unknown> }; result: { response: number; checkboxChecked: boolean } };
  /** The OS keychain: resolves when it has answered (at once unless the test holds it). */
  'ask.keychainReady': { input: Record<string, never>; result: void };
};

/** Calls the host makes to the app process. */
export type AppMethods = {
  'protocol.request': { input: { url: string; method: string; headers: Record<string, string> }; result: ProtocolResponse | null };
  'webRequest.beforeRequest': { input: { url: string; resourceType: string; webContentsId: number }; result: { cancel: boolean } };
  'webContents.willNavigate': { input: { windowId: number; url: string }; result: { prevented: boolean } };
  'webContents.windowOpen': { input: { windowId: number; url: string }; result: { action: 'allow' | 'deny' } };
  'ipc.invoke': { input: { windowId: number; frame: FrameInfo; channel: string; args: unknown[] }; result: { ok: true; value: unknown } | { ok: false; message: string } };
  'page.event': { input: { windowId: number; name: PageEventName; details?: Record<string, unknown> }; result: void };
  /** What the person (or the OS) does to the app. */
  'user.clickTrayItem': { input: { id: string }; result: void };
  'user.clickAppMenuItem': { input: { labels: string[] }; result: void };
  'user.closeWindow': { input: { windowId: number }; result: void };
  'user.clickNotification': { input: { index: number }; result: void };
  'os.emit': { input: { target: 'app' | 'window' | 'powerMonitor'; event: string; args?: unknown[] }; result: void };
  'os.permissionRequest': { input: { permission: string }; result: { granted: boolean } };
  /** Quit from the OS or the keyboard (Cmd+Q, the session ending); `times: 2` asks twice in a row. */
  'os.quit': { input: { times?: number }; result: void };
};

export const flushMessage = { kind: 'flush' } as const;

export type MethodTable = Record<string, { input: unknown; result: unknown }>;

type Message =
  /** Sent last before the app process exits: its delivery says every earlier message arrived. */
  | { kind: 'flush' }
  | { kind: 'call'; id: number; method: string; input: unknown }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; message: string };

export interface Endpoint {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

export type Handlers<T extends MethodTable> = { [K in keyof T]: (input: T[K]['input']) => T[K]['result'] | Promise<T[K]['result']> };

/** One side of the link: calls the other side's methods, answers its own. */
export interface Link<Remote extends MethodTable> {
  call<K extends keyof Remote & string>(method: K, input: Remote[K]['input']): Promise<Remote[K]['result']>;
  /** Calls in the order they were made; failures are reported through onError instead of rejecting. */
  post<K extends keyof Remote & string>(method: K, input: Remote[K]['input']): void;
  /** Rejects every call still waiting (the other side has gone). */
  close(reason: string): void;
}

export function createLink<Local extends MethodTable, Remote extends MethodTable>(endpoint: Endpoint, handlers: Partial<Handlers<Local>>, onError: (error: unknown) => void): Link<Remote> {
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  endpoint.onMessage((raw) => {
    const message = raw as Message;
    if (message.kind === 'flush') return;
    if (message.kind === 'reply') {
      const call = waiting.get(message.id);
      waiting.delete(message.id);
      if (!call) return;
      if (message.ok) call.resolve(message.value);
      else call.reject(new Error(message.message));
      return;
    }
    const handler = handlers[message.method as keyof Local] as ((input: unknown) => unknown) | undefined;
    const answer = (reply: Message) => endpoint.send(reply);
    if (!handler) return answer({ kind: 'reply', id: message.id, ok: false, message: `rehearsal link: no handler for "${message.method}"` });
    Promise.resolve()
      .then(() => handler(message.input))
      .then(
        (value) => answer({ kind: 'reply', id: message.id, ok: true, value }),
        (error: unknown) => answer({ kind: 'reply', id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
      );
  });
  const call = (method: string, input: unknown) =>
    new Promise<never>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      endpoint.send({ kind: 'call', id, method, input } satisfies Message);
    });
  return {
    call: call as Link<Remote>['call'],
    post: (method, input) => void call(method, input).catch(onError),
    close(reason) {
      for (const [, pending] of waiting) pending.reject(new Error(reason));
      waiting.clear();
    },
  };
}
