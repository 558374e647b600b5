/**
 * The app's data is readable by this user only: the data folder 0700, the contact cache 0600.
 * Folders and files are created that way (SQLite then gives the cache's -wal and -shm files the
 * mode of the database file), and ones left by an older version, or created by hand, are tightened
 * when the app starts. Tightening only removes the group's and others' bits; it never adds any.
 *
 * Windows has no POSIX modes: there the folders live in the user's profile, whose ACLs already keep
 * other users out, and these functions only create what is missing.
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

const posix = process.platform !== 'win32';
const groupAndOthers = 0o077;

/** Creates the folder (and missing parents) as 0700, or takes group and others off an existing one. */
export function ensurePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (posix) tighten(dir);
}

/**
 * Creates the file empty as 0600 if it does not exist, else tightens it; `companions` (a database's
 * -wal and -shm) are tightened where they exist. Call before the file is first opened by anyone else.
 */
export function ensurePrivateFile(path: string, companions: readonly string[] = []): void {
  try {
    // 'wx': only when missing; the mode applies to a file being created (the umask can only narrow it).
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!posix) return;
  tighten(path);
  for (const companion of companions) {
    try {
      tighten(companion);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

function tighten(path: string): void {
  const mode = statSync(path).mode & 0o777;
  if (mode & groupAndOthers) chmodSync(path, mode & ~groupAndOthers);
}
