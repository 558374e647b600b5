/**
 * The file an export is written to before it is complete: a hidden file beside the target (same
 * folder, so the final rename never crosses disks), synced to disk, then renamed over the target.
 * Until that rename the target is untouched, so a crash, a cancel or a full disk never leaves a
 * half-written export under the name the user chose.
 *
 * Synchronous on purpose: it only runs inside the export worker, where blocking calls are the
 * simplest form of backpressure.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { exportFailure } from './export-errors.ts';
import type { ExportFile } from './export-file.ts';

const partialPrefix = (targetPath: string) => `.${basename(targetPath)}.partial-`;

export function partialPathFor(targetPath: string): string {
  return join(dirname(targetPath), partialPrefix(targetPath) + randomBytes(6).toString('hex'));
}

/** A partial file untouched this long belongs to an export that died with the app. */
const ABANDONED_AFTER_MS = 15 * 60_000;

/**
 * Deletes partial files for `targetPath` left by an export that was running when the app crashed
 * or the computer lost power. A running export writes its file every moment, so it is never stale.
 */
export function removeAbandonedPartials(targetPath: string, now: number): void {
  const folder = dirname(targetPath);
  const prefix = partialPrefix(targetPath);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.startsWith(prefix));
  } catch {
    return; // a missing or unreadable folder is reported when the export tries to write there
  }
  for (const name of names) {
    try {
      const path = join(folder, name);
      if (now - statSync(path).mtimeMs > ABANDONED_AFTER_MS) rmSync(path, { force: true });
    } catch {
      // best effort: a file we cannot remove is no reason to fail this export
    }
  }
}

export class PartialFile implements ExportFile {
  readonly path: string;
  readonly #targetName: string;
  #fd: number | null;
  #bytes = 0;
  /** Reused for every write: encoding each chunk into a fresh Buffer costs more than the write itself. */
  #buffer = Buffer.allocUnsafe(0);

  /** Creates the file (it must not exist yet); throws the user-facing AppError when it can't. */
  constructor(path: string, targetName: string) {
    this.path = path;
    this.#targetName = targetName;
    try {
      this.#fd = openSync(path, 'wx');
    } catch (error) {
      throw exportFailure('create-file', error, targetName);
    }
  }

  get bytesWritten(): number {
    return this.#bytes;
  }

  write(text: string): void {
    if (text === '') return;
    const maxBytes = text.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 code unit
    if (this.#buffer.length < maxBytes) this.#buffer = Buffer.allocUnsafe(maxBytes);
    const length = this.#buffer.write(text, 0, 'utf8');
    this.writeBytes(this.#buffer.subarray(0, length));
  }

  writeBytes(bytes: Uint8Array): void {
    const fd = this.#open();
    try {
      let offset = 0;
      while (offset < bytes.length) {
        const written = writeSync(fd, bytes, offset, bytes.length - offset);
        this.#bytes += written;
        offset += written;
      }
    } catch (error) {
      throw exportFailure('write', error, this.#targetName);
    }
  }

  /** Syncs the data to disk and renames the file over `targetPath`. */
  commit(targetPath: string): void {
    const fd = this.#open();
    try {
      fsyncSync(fd);
      this.#fd = null;
      closeSync(fd);
    } catch (error) {
      throw exportFailure('write', error, this.#targetName);
    }
    try {
      renameSync(this.path, targetPath);
    } catch (error) {
      throw exportFailure('replace', error, this.#targetName);
    }
    syncFolder(dirname(targetPath));
  }

  /** Closes and deletes the file; safe to call at any point, any number of times. */
  discard(): void {
    if (this.#fd !== null) {
      const fd = this.#fd;
      this.#fd = null;
      try {
        closeSync(fd);
      } catch {
        // Closing can report a deferred write error; the file is being thrown away regardless.
      }
    }
    rmSync(this.path, { force: true });
  }

  #open(): number {
    if (this.#fd === null) throw new Error('The partial export file is already closed.');
    return this.#fd;
  }
}

/** Makes the rename itself durable. Folders can't be opened for syncing on Windows; nothing to do there. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the file's data is already synced, only the directory entry may lag.
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // nothing was written through this descriptor
  }
}
