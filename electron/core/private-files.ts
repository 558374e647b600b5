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
  const created = createEmpty(path, 0o600);
  if (!posix) return;
  // A file created 0600 is private from its first instant: a chmod after the fact would leave a
  // moment in which another user could open it and keep reading through that descriptor.
  if (!created) tighten(path);
  for (const companion of companions) {
    try {
      tighten(companion);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Creates the file empty with this mode (the umask can only narrow it); false if it already exists. */
function createEmpty(path: string, mode: number): boolean {
  try {
    closeSync(openSync(path, 'wx', mode));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function tighten(path: string): void {
  const mode = statSync(path).mode & 0o777;
  if (mode & groupAndOthers) chmodSync(path, mode & ~groupAndOthers);
}
