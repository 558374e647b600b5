/** Starts the sandbox in its own process (sandbox-process.ts) and drives its admin surface over IPC. */
import type { SandboxOptions } from '../sandbox/server.ts';
import { forkWithCalls } from './child-calls.ts';
import type { AdminCall, AdminResults, ReadyMessage } from './sandbox-protocol.ts';

export interface RemoteSandbox {
  url: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  call<M extends AdminCall['method']>(call: Extract<AdminCall, { method: M }>): Promise<AdminResults[M]>;
  close(): Promise<void>;
}

const entry = new URL('./sandbox-process.ts', import.meta.url);

export async function startRemoteSandbox(options: SandboxOptions): Promise<RemoteSandbox> {
  const child = await forkWithCalls<ReadyMessage>(entry, [JSON.stringify(options)], 'sandbox');
  const { ready } = child;
  return {
    url: ready.url,
    clientId: ready.clientId,
    clientSecret: ready.clientSecret,
    redirectUris: ready.redirectUris,
    call: <M extends AdminCall['method']>(adminCall: Extract<AdminCall, { method: M }>) => child.call(adminCall) as Promise<AdminResults[M]>,
    close: () => child.close(),
  };
}
