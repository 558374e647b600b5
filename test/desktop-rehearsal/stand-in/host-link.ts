/** The app process's end of the link to the rehearsal host (see ../link.ts). */
import { createLink, flushMessage, type AppMethods, type Handlers, type HostMethods } from '../link.ts';

if (!process.send) throw new Error('The Electron stand-in runs only inside the rehearsal: start it with test/desktop-rehearsal/harness/launch.ts.');
const send = process.send.bind(process);

const handlers: Partial<Handlers<AppMethods>> = {};
export const host = createLink<AppMethods, HostMethods>(
  { send: (message) => void send(message), onMessage: (listener) => process.on('message', listener) },
  handlers,
  (error) => process.stderr.write(`rehearsal stand-in: a message to the host failed: ${String(error)}\n`),
);

/** Registers the stand-in's answer to one of the host's calls. */
export function answer<K extends keyof AppMethods>(method: K, handler: Handlers<AppMethods>[K]): void {
  handlers[method] = handler as Partial<Handlers<AppMethods>>[K];
}

let seq = 0;
/** Tells the host what the app just did; the host keeps the list the tests read. */
export function record(api: string, detail: Record<string, unknown> = {}): void {
  host.post('record', { seq: ++seq, api, detail });
}

/** Lets every message already posted reach the host, then ends the process (app.exit, the end of quit). */
export function exitProcess(code: number): void {
  send(flushMessage, () => process.exit(code));
}
