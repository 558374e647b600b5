/**
 * The cache writer's thread runs below the main thread's CPU priority (Linux only).
 *
 * Measured in part scale (1,000,000 cached, 2 cores, Chromium on the same machine): while a full
 * sync writes about 1,600 contacts a second, the writer thread uses about 11 s of CPU in 20 s,
 * the main thread 1.5 s. The main thread's own work is short (routing messages), but each time it
 * wakes it waited for a core behind the writer and the browser: the page's calls came back up to
 * 100+ ms late. At a lower priority (a higher nice value) the writer still gets every core nobody
 * else wants, but a waking main thread (the window, IPC) goes first.
 *
 * Linux: each thread has its own nice value, set by `setpriority()` with the thread's id; threads
 * started by a thread inherit it (the writer's checkpointer thread too). Elsewhere nothing is done:
 * macOS and Windows set thread priorities by other means than Node's os.setPriority, which
 * addresses processes there.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The writer's nice value: Linux's 10 weighs about a tenth of a normal thread when both want a core. */
export const WRITER_NICE = 10;

/** The calling thread's id on Linux (`/proc/thread-self` links to `<pid>/task/<tid>`), or null. */
export function currentThreadId(readLink: (path: string) => string = readlinkSync, platform: NodeJS.Platform = process.platform): number | null {
  if (platform !== 'linux') return null;
  try {
    const match = /^\d+\/task\/(\d+)$/.exec(readLink('/proc/thread-self'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Lowers the calling thread's (and the threads it starts later) CPU priority to `nice`. Returns
 * whether it did; never throws: the cache works the same without it, only less politely.
 */
export function lowerThreadPriority(nice: number, deps: { threadId?: () => number | null; set?: (id: number, nice: number) => void } = {}): boolean {
  const id = (deps.threadId ?? currentThreadId)();
  if (id === null) return false;
  try {
    (deps.set ?? setPriority)(id, nice);
    return true;
  } catch {
    return false;
  }
}
