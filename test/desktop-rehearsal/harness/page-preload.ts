/**
 * What runs in the window's page before its scripts: the real dist/desktop/preload.cjs, given the
 * `require` a sandboxed preload gets — here only 'electron' with contextBridge and ipcRenderer —
 * with ipcRenderer bridged to the stand-in's ipcMain through a Playwright binding. Like Electron
 * (nodeIntegrationInSubFrames: false), only the top frame gets the preload.
 *
 * What it cannot copy: Electron's isolated world. contextBridge here defines the bridge on the
 * page's own window (frozen), so the rehearsal proves the preload's contract, not context isolation.
 */

/** The name of the binding the host exposes to every frame of the app's windows. */
export const ipcBinding = '__rehearsalIpc';
/** The page function the host calls to deliver webContents.send messages. */
export const deliverFunction = '__rehearsalDeliver';

/** Runs in the page (serialised with toString): no imports, no closures over this module. */
function preloadRunner(bindingName: string, deliverName: string, runPreload: (require: (name: string) => unknown, module: { exports: unknown }, exports: unknown) => void): void {
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const page = globalThis as unknown as Record<string, unknown> & {
    top: unknown;
    location: { href: string };
    document: { readyState: string; addEventListener(type: string, listener: () => void, options: { once: boolean }): void };
    requestAnimationFrame(callback: () => void): void;
  };
  // A new window's first document (about:blank, before loadURL) is not a page load: no preload, so
  // a message sent to it is lost, as in Electron, and the rehearsal notices.
  if (page.top !== page || page.location.href === 'about:blank') return;
  const call = page[bindingName] as (message: Record<string, unknown>) => Promise<unknown>;

  // Electron's 'ready-to-show': the page has been rendered once.
  const painted = () => page.requestAnimationFrame(() => page.requestAnimationFrame(() => void call({ op: 'painted' })));
  if (page.document.readyState === 'loading') page.document.addEventListener('DOMContentLoaded', painted, { once: true });
  else painted();

  const strict = <T extends object>(name: string, object: T): T =>
    new Proxy(object, {
      get(target, key) {
        if (typeof key === 'symbol' || key in target) return (target as Record<PropertyKey, unknown>)[key];
        void call({ op: 'unimplemented', name: `${name}.${String(key)}` });
        throw new Error(`The rehearsal's sandboxed preload does not offer ${name}.${String(key)}`);
      },
    });

  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer: Record<string, unknown> = strict('ipcRenderer', {
    // docs (ipc-renderer): invoke(channel, ...args) — "Arguments will be serialized with the Structured Clone Algorithm".
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      let cloned: unknown[];
      try {
        cloned = structuredClone(args);
      } catch {
        return Promise.reject(new Error('An object could not be cloned.'));
      }
      return call({ op: 'invoke', channel, args: cloned });
    },
    on(channel: string, listener: Listener) {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  });
  Object.defineProperty(page, deliverName, {
    value: (channel: string, args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer, senderId: 0 }, ...args);
    },
  });
  const contextBridge = strict('contextBridge', {
    exposeInMainWorld(key: string, api: object) {
      Object.defineProperty(page, key, { value: Object.freeze(api), enumerable: true });
    },
  });
  const electron = strict('electron', { contextBridge, ipcRenderer });
  const sandboxedRequire = (name: string): unknown => {
    if (name === 'electron') return electron;
    void call({ op: 'unimplemented', name: `require('${name}') in the sandboxed preload` });
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  runPreload(sandboxedRequire, module, module.exports);
}

/** The init script: the runner, with the preload bundle's text as its body. */
export function preloadInitScript(preloadSource: string): string {
  return `(${preloadRunner.toString()})(${JSON.stringify(ipcBinding)}, ${JSON.stringify(deliverFunction)}, function (require, module, exports) {\n${preloadSource}\n});`;
}
