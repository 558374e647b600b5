/**
 * A bench helper process (the sandbox, the preview) driven over Node's IPC channel: the child
 * sends one ready message, then answers calls `{ ...call, callId }` with `{ callId, ok, result | error }`.
 * Both sides of that exchange live here, so each process only says what its calls do.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export type CallReply = { callId: number; ok: true; result: unknown } | { callId: number; ok: false; error: string };

export interface ChildWithCalls<Ready> {
  ready: Ready;
  pid: number;
  call(call: { method: string }): Promise<unknown>;
  /** Asks the child to close (its `close` call) and waits until it has exited. */
  close(): Promise<void>;
}

/** `env` is added to this process's environment (not put on the command line, which any local user can read). */
export async function forkWithCalls<Ready>(entry: URL, args: string[], name: string, env: Record<string, string> = {}): Promise<ChildWithCalls<Ready>> {
  const child: ChildProcess = fork(entry, args, { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env } });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextCallId = 1;
  let exited = false;

  const ready = await new Promise<Ready>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The ${name} process stopped before it was ready (exit code ${code}).`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', (message: Ready) => {
      child.off('exit', onExit);
      child.off('error', reject);
      resolve(message);
    });
  });

  child.on('message', (message: CallReply) => {
    const waiter = pending.get(message.callId);
    if (!waiter) return;
    pending.delete(message.callId);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${name}: ${message.error}`));
  });
  child.on('exit', (code) => {
    exited = true;
    for (const waiter of pending.values()) waiter.reject(new Error(`The ${name} process stopped (exit code ${code}).`));
    pending.clear();
  });

  const call = (message: { method: string }): Promise<unknown> => {
    if (exited) return Promise.reject(new Error(`The ${name} process has stopped.`));
    const callId = nextCallId++;
    return new Promise<unknown>((resolve, reject) => {
      pending.set(callId, { resolve, reject });
      child.send({ ...message, callId });
    });
  };

  return {
    ready,
    pid: child.pid as number,
    call,
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call({ method: 'close' }).catch(() => child.kill());
      await gone;
    },
  };
}

/**
 * The child's side: answers every call with `answer`'s result (or its error's message), then says
 * it is ready. A `close` call, or the bench going away without one, runs `close` and ends the process.
 */
export function answerCalls<Call extends { method: string }>(answer: (call: Call) => Promise<unknown>, ready: unknown, close: () => Promise<void>): void {
  const send = (message: unknown): void => {
    process.send?.(message);
  };
  const closeAndExit = async (): Promise<void> => {
    await close();
    setImmediate(() => process.exit(0));
  };
  process.on('disconnect', () => void closeAndExit());
  process.on('message', (message: Call & { callId: number }) => {
    (message.method === 'close' ? closeAndExit() : answer(message)).then(
      (result) => send({ callId: message.callId, ok: true, result } satisfies CallReply),
      (error: unknown) => send({ callId: message.callId, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies CallReply),
    );
  });
  send(ready);
}
