/**
 * Copies the writer's write-ahead log (WAL) into the database file on a thread of its own, so the
 * sync's writes never wait for the disk.
 *
 * Why (measured with bench part `scale`): with SQLite's own checkpoints, the writer copied the WAL
 * into the file right after a commit and waited for the disk to confirm it (fsync); that wait was
 * two thirds of a sync's write cost per contact, and grew with the cache: at 1,000,000 contacts
 * every new contact changes a page of its own in each of the ten sort indexes, all of which the
 * disk must write. A checkpoint needs no lock the writer holds (PASSIVE: it copies what is
 * committed and skips nothing it cannot), so it runs beside the writer on another connection.
 *
 * The WAL starts over from its beginning only when a transaction begins after all of it has been
 * copied. While pages arrive back to back the background copy never quite catches up, so once it
 * reports the WAL past RESTART_FRAMES the writer copies the little that is left itself after its
 * next commit; the WAL then starts over. That copy stops the writer (at 1,000,000 contacts 110 to
 * 330 ms: what is left, and two waits for the disk), so the WAL may grow to about 256 MB first:
 * measured over 100 pages of 100 written back to back at 1,000,000, the writer stopped once instead
 * of four times (with a 64 MB limit) and a contact cost 0.27-0.29 ms instead of 0.36-0.37. At 10,000
 * the background copy keeps up and the writer never stops. SQLite looks a page up only in the part
 * of the WAL not copied yet, so a long WAL does not slow readers; the -wal file keeps its largest
 * size on disk (SQLite reuses it) until the writing stops. If the thread fails, the writer goes back
 * to SQLite's own checkpoints. Checkpoints are safe at any moment: a crash mid-copy loses nothing
 * committed.
 *
 * The thread (about 14 MB: a JavaScript heap of its own) runs only while the cache is being
 * written: it starts with the first commit and stops after a quiet minute. Then, once everything
 * in the WAL is in the file, the writer cuts the -wal file back to nothing, so a long sync does not
 * leave a quarter of a gigabyte on disk.
 */
import { Worker } from 'node:worker_threads';
import type { DatabaseSync } from 'node:sqlite';
import { checkpointerThread } from './cache-connection.ts';
import type { CheckpointReport } from './cache-connection.ts';

/** About 256 MB of WAL (4 KB pages): how long the WAL may grow before the writer finishes the copy and it starts over. */
const RESTART_FRAMES = 65_536;
/** SQLite's own default, used again if the thread fails. */
const SQLITE_AUTOCHECKPOINT_FRAMES = 1000;
/** The thread stops after this long without a commit. */
const IDLE_STOP_MS = 60_000;
/** How long stopping waits for a checkpoint in progress to end, so the thread's connection closes cleanly. */
const CLOSE_WAIT_MS = 10_000;

export interface Checkpointer {
  /** The writer committed: what the WAL holds is copied into the database file soon, on the other thread. */
  committed(): void;
  /** Resolves once no checkpoint is running or asked for (for tests). */
  idle(): Promise<void>;
  /** What a quiet minute does (exposed for tests): the thread stops and the copied WAL is cut back to nothing on disk. */
  quiet(): void;
  close(): void;
}

export interface CheckpointerOptions {
  /** The WAL size (in pages) at which the writer completes the copy itself; tests lower it. */
  restartFrames?: number;
}

/** The checkpointer's thread, with the flag it sets (Atomics) once its connection is closed. */
interface CheckpointThread {
  worker: Worker;
  closedFlag: Int32Array;
}

/** What one checkpointer knows: its writer, its thread, and what the thread last reported. */
interface CheckpointerState {
  readonly path: string;
  readonly writerDb: DatabaseSync;
  readonly restartFrames: number;
  thread: CheckpointThread | null;
  /** The thread could not run: SQLite's own checkpoints are back for good. */
  failed: boolean;
  stopped: boolean;
  running: boolean;
  askedAgain: boolean;
  /** Pages in the WAL at the thread's last report. */
  walFrames: number;
  /** The thread's last report: everything in the WAL is in the database file too. */
  copiedAll: boolean;
  idleTimer: NodeJS.Timeout | null;
  waiting: (() => void)[];
}

export function startCheckpointer(path: string, writerDb: DatabaseSync, options: CheckpointerOptions = {}): Checkpointer {
  const state: CheckpointerState = {
    path,
    writerDb,
    restartFrames: options.restartFrames ?? RESTART_FRAMES,
    thread: null,
    failed: false,
    stopped: false,
    running: false,
    askedAgain: false,
    walFrames: 0,
    copiedAll: false,
    idleTimer: null,
    waiting: [],
  };
  return {
    committed: () => committed(state),
    idle: () => idle(state),
    quiet: () => quiet(state),
    close: () => close(state),
  };
}

function committed(state: CheckpointerState): void {
  state.copiedAll = false;
  state.askedAgain = false;
  if (state.running) {
    state.askedAgain = true;
    return;
  }
  if (state.walFrames >= state.restartFrames) {
    finishHere(state);
    settle(state);
    return;
  }
  const thread = ensureThread(state);
  if (!thread) return;
  clearIdleTimer(state);
  state.running = true;
  thread.worker.postMessage('checkpoint');
}

function idle(state: CheckpointerState): Promise<void> {
  if (!state.running && !state.askedAgain) return Promise.resolve();
  return new Promise((resolve) => state.waiting.push(resolve));
}

function quiet(state: CheckpointerState): void {
  if (state.running || state.askedAgain) return;
  stopThread(state);
  truncateCopiedLog(state);
}

function close(state: CheckpointerState): void {
  state.stopped = true;
  stopThread(state);
  settle(state);
}

/** The thread finished a checkpoint: another if a commit came meanwhile, else the quiet minute starts. */
function onReport(state: CheckpointerState, report: CheckpointReport): void {
  state.running = false;
  if (report.log >= 0) state.walFrames = report.log;
  state.copiedAll = report.log >= 0 && report.log === report.checkpointed;
  if (state.askedAgain) {
    committed(state);
    return;
  }
  settle(state);
  state.idleTimer = setTimeout(() => quiet(state), IDLE_STOP_MS);
  state.idleTimer.unref();
}

function settle(state: CheckpointerState): void {
  const resolve = state.waiting;
  state.waiting = [];
  for (const done of resolve) done();
}

function clearIdleTimer(state: CheckpointerState): void {
  if (state.idleTimer) clearTimeout(state.idleTimer);
  state.idleTimer = null;
}

/** The thread starts with the first commit and stops after a quiet minute (it costs a JavaScript heap of its own). */
function ensureThread(state: CheckpointerState): CheckpointThread | null {
  if (state.thread || state.failed || state.stopped) return state.thread;
  try {
    state.thread = spawnThread(state);
    // the writer's own checkpoints stop; this thread makes them
    state.writerDb.exec('PRAGMA wal_autocheckpoint = 0');
  } catch {
    fallBack(state);
  }
  return state.thread;
}

function spawnThread(state: CheckpointerState): CheckpointThread {
  const closedFlag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(checkpointerThread.source, { eval: true, workerData: checkpointerThread.workerData(state.path, closedFlag) });
  const thread: CheckpointThread = { worker, closedFlag };
  worker.on('message', (report: CheckpointReport) => onReport(state, report));
  worker.on('error', () => fallBack(state));
  worker.on('exit', () => state.thread === thread && fallBack(state));
  return thread;
}

function stopThread(state: CheckpointerState): void {
  clearIdleTimer(state);
  const closing = state.thread;
  state.thread = null;
  state.running = false;
  state.askedAgain = false;
  if (!closing) return;
  closing.worker.removeAllListeners();
  closing.worker.postMessage('close');
  // a checkpoint in progress ends first, then the thread's connection closes
  Atomics.wait(closing.closedFlag, 0, 0, CLOSE_WAIT_MS);
}

/** The thread failed: the writer makes its own checkpoints again, as SQLite does by default. */
function fallBack(state: CheckpointerState): void {
  state.failed = true;
  state.thread = null;
  state.running = false;
  if (state.writerDb.isOpen) state.writerDb.exec(`PRAGMA wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_FRAMES}`);
  settle(state);
}

function checkpointHere(state: CheckpointerState, mode: 'PASSIVE' | 'TRUNCATE'): void {
  const { log, checkpointed } = state.writerDb.prepare(`PRAGMA wal_checkpoint(${mode})`).get() as { log: number; checkpointed: number };
  state.walFrames = log === checkpointed ? 0 : log;
}

/** After a commit, with the thread idle: the rest of the WAL is copied here, so it can start over. */
function finishHere(state: CheckpointerState): void {
  try {
    checkpointHere(state, 'PASSIVE');
  } catch {
    // (a full disk) the frames stay in the WAL, which stays correct; the next commit tries again
  }
}

/**
 * Cuts the -wal file back to nothing, never waiting: a reader still on an older snapshot (an
 * export running) makes SQLite answer "busy" at once, and the file keeps its size until the next time.
 */
function truncateCopiedLog(state: CheckpointerState): void {
  const { writerDb } = state;
  if (!state.copiedAll || !writerDb.isOpen || writerDb.isTransaction) return;
  const { timeout } = writerDb.prepare('PRAGMA busy_timeout').get() as { timeout: number };
  try {
    writerDb.exec('PRAGMA busy_timeout = 0');
    checkpointHere(state, 'TRUNCATE');
  } catch {
    // (a full disk) the WAL stays as it is, which stays correct
  } finally {
    writerDb.exec(`PRAGMA busy_timeout = ${timeout}`);
  }
}
