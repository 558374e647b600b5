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

export function startCheckpointer(path: string, writerDb: DatabaseSync, options: CheckpointerOptions = {}): Checkpointer {
  const restartFrames = options.restartFrames ?? RESTART_FRAMES;
  /** Set by the thread (Atomics) once its connection is closed. */
  let closedFlag = new Int32Array(new SharedArrayBuffer(4));
  let thread: Worker | null = null;
  /** The thread could not run: SQLite's own checkpoints are back for good. */
  let failed = false;
  let stopped = false;
  let running = false;
  let askedAgain = false;
  /** Pages in the WAL at the thread's last report. */
  let walFrames = 0;
  /** The thread's last report: everything in the WAL is in the database file too. */
  let copiedAll = false;
  let idleTimer: NodeJS.Timeout | null = null;
  let waiting: (() => void)[] = [];

  const settle = () => {
    const resolve = waiting;
    waiting = [];
    for (const done of resolve) done();
  };
  const stopThread = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const closing = thread;
    thread = null;
    running = false;
    askedAgain = false;
    if (!closing) return;
    closing.removeAllListeners();
    closing.postMessage('close');
    // a checkpoint in progress ends first, then the thread's connection closes
    Atomics.wait(closedFlag, 0, 0, CLOSE_WAIT_MS);
  };
  const fallBack = () => {
    failed = true;
    thread = null;
    running = false;
    if (writerDb.isOpen) writerDb.exec(`PRAGMA wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_FRAMES}`);
    settle();
  };

  /** The thread starts with the first commit and stops after a quiet minute (it costs a JavaScript heap of its own). */
  const ensureThread = (): Worker | null => {
    if (thread || failed || stopped) return thread;
    try {
      closedFlag = new Int32Array(new SharedArrayBuffer(4));
      const started = new Worker(checkpointerThread.source, { eval: true, workerData: checkpointerThread.workerData(path, closedFlag) });
      started.on('message', (report: CheckpointReport) => {
        running = false;
        if (report.log >= 0) walFrames = report.log;
        copiedAll = report.log >= 0 && report.log === report.checkpointed;
        if (askedAgain) {
          checkpointer.committed();
          return;
        }
        settle();
        idleTimer = setTimeout(() => checkpointer.quiet(), IDLE_STOP_MS);
        idleTimer.unref();
      });
      started.on('error', fallBack);
      started.on('exit', () => thread === started && fallBack());
      thread = started;
      // the writer's own checkpoints stop; this thread makes them
      writerDb.exec('PRAGMA wal_autocheckpoint = 0');
    } catch {
      fallBack();
    }
    return thread;
  };

  const checkpointHere = (mode: 'PASSIVE' | 'TRUNCATE') => {
    const { log, checkpointed } = writerDb.prepare(`PRAGMA wal_checkpoint(${mode})`).get() as { log: number; checkpointed: number };
    walFrames = log === checkpointed ? 0 : log;
  };

  /** After a commit, with the thread idle: the rest of the WAL is copied here, so it can start over. */
  const finishHere = () => {
    try {
      checkpointHere('PASSIVE');
    } catch {
      // (a full disk) the frames stay in the WAL, which stays correct; the next commit tries again
    }
  };

  /**
   * Cuts the -wal file back to nothing, never waiting: a reader still on an older snapshot (an
   * export running) makes SQLite answer "busy" at once, and the file keeps its size until the next time.
   */
  const truncateCopiedLog = () => {
    if (!copiedAll || !writerDb.isOpen || writerDb.isTransaction) return;
    const { timeout } = writerDb.prepare('PRAGMA busy_timeout').get() as { timeout: number };
    try {
      writerDb.exec('PRAGMA busy_timeout = 0');
      checkpointHere('TRUNCATE');
    } catch {
      // (a full disk) the WAL stays as it is, which stays correct
    } finally {
      writerDb.exec(`PRAGMA busy_timeout = ${timeout}`);
    }
  };

  const checkpointer: Checkpointer = {
    committed() {
      copiedAll = false;
      askedAgain = false;
      if (running) {
        askedAgain = true;
        return;
      }
      if (walFrames >= restartFrames) {
        finishHere();
        settle();
        return;
      }
      const worker = ensureThread();
      if (!worker) return;
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      running = true;
      worker.postMessage('checkpoint');
    },
    idle() {
      if (!running && !askedAgain) return Promise.resolve();
      return new Promise((resolve) => waiting.push(resolve));
    },
    quiet() {
      if (running || askedAgain) return;
      stopThread();
      truncateCopiedLog();
    },
    close() {
      stopped = true;
      stopThread();
      settle();
    },
  };
  return checkpointer;
}
