/** Starts the sandbox in its own process (sandbox-process.ts) and drives its admin surface over IPC. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { SandboxOptions } from '../sandbox/server.ts';
import type { AdminCall, AdminReply, AdminResults, ReadyMessage } from './sandbox-protocol.ts';

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
  const child: ChildProcess = fork(entry, [JSON.stringify(options)], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextCallId = 1;
  let exited = false;

  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The sandbox process stopped before it was ready (exit code ${code}).`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', (message: ReadyMessage) => {
      child.off('exit', onExit);
      child.off('error', reject);
      resolve(message);
    });
  });

  child.on('message', (message: AdminReply) => {
    const waiter = pending.get(message.callId);
    if (!waiter) return;
    pending.delete(message.callId);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`sandbox: ${message.error}`));
  });
  child.on('exit', (code) => {
    exited = true;
    for (const waiter of pending.values()) waiter.reject(new Error(`The sandbox process stopped (exit code ${code}).`));
    pending.clear();
  });

  const call = <M extends AdminCall['method']>(adminCall: Extract<AdminCall, { method: M }>): Promise<AdminResults[M]> => {
    if (exited) return Promise.reject(new Error('The sandbox process has stopped.'));
    const callId = nextCallId++;
    return new Promise<AdminResults[M]>((resolve, reject) => {
      pending.set(callId, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...adminCall, callId });
    });
  };

  return {
    url: ready.url,
    clientId: ready.clientId,
    clientSecret: ready.clientSecret,
    redirectUris: ready.redirectUris,
    call,
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call({ method: 'close' }).catch(() => child.kill());
      await gone;
    },
  };
}
