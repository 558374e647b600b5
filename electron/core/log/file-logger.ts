/**
 * The app's log: JSON lines, redacted, in the platform's log folder, rotated by size so it never
 * grows past maxBytes × maxFiles.
 *
 * Writes are synchronous appends on purpose: a line is on disk before the call returns, so the
 * lines leading up to a crash survive it, and each append reopens the file, so a user who empties
 * the logs folder while the app runs gets a fresh file rather than lines written into the void.
 * The app logs a few lines a minute; that cost is negligible.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../ports.ts';
import { ensurePrivateFolder } from '../private-files.ts';
import { logEntry, toJsonLine, type LogLevel } from './entry.ts';

export interface FileLoggerOptions {
  /** The folder for the log files; created when missing. */
  dir: string;
  /** Size past which the current file is rotated. Default 1 MB. */
  maxBytes?: number;
  /** How many files to keep, the current one included. Default 5. */
  maxFiles?: number;
  /** File name without extension. Default 'contact-desk'. */
  baseName?: string;
  now?: () => number;
}

export interface FileLogger extends Logger {
  readonly dir: string;
  /** The file being written now (older ones are `<baseName>.1.log` … `.N.log`, newest first). */
  readonly file: string;
}

const maxLineBytes = 64 * 1024;

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const { dir } = options;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const maxFiles = Math.max(1, options.maxFiles ?? 5);
  const baseName = options.baseName ?? 'contact-desk';
  const now = options.now ?? Date.now;
  const file = join(dir, `${baseName}.log`);
  const rotated = (index: number) => join(dir, `${baseName}.${index}.log`);

  let size = currentSize(file);
  let dropped = 0;
  try {
    // A folder left open to others (by an older version, or by hand) is closed at start-up.
    ensurePrivateFolder(dir);
  } catch {
    // Not yet possible (a file in the way, no permission): each write tries to create it again.
  }

  const rotate = () => {
    rmSync(rotated(maxFiles - 1), { force: true });
    for (let index = maxFiles - 2; index >= 1; index -= 1) renameIfPresent(rotated(index), rotated(index + 1));
    if (maxFiles > 1) renameIfPresent(file, rotated(1));
    else rmSync(file, { force: true });
    size = 0;
  };

  const append = (line: string) => {
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) rotate();
    appendFileSync(file, line, { mode: 0o600 });
    size += bytes;
  };

  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    let line = toJsonLine(logEntry(level, message, fields, now()));
    if (Buffer.byteLength(line) > Math.min(maxLineBytes, maxBytes)) {
      line = toJsonLine(logEntry(level, message, { fieldsOmitted: `the details were larger than ${Math.min(maxLineBytes, maxBytes)} bytes` }, now()));
    }
    // Logging must never take the app down: a full disk or a locked file costs log lines, nothing else.
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (dropped > 0) {
        append(toJsonLine(logEntry('warn', `${dropped} earlier log lines could not be written`, undefined, now())));
        dropped = 0;
      }
      append(line);
    } catch {
      dropped += 1;
    }
  };

  return {
    dir,
    file,
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

function currentSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
