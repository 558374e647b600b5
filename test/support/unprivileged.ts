/**
 * Running part of a test as an unprivileged user, for tests about file permissions: root ignores
 * them, and CI containers run the tests as root. As root, the given folders are handed to `nobody`
 * and the callback runs with that effective user and group (seteuid/setegid; root's saved user id
 * lets the process take root back afterwards); as anyone else it simply runs.
 *
 * The callback must be synchronous: nothing else of the test process may run while it is `nobody`.
 */
import { chownSync } from 'node:fs';

const nobody = 65534;

/** Why this cannot run here, or false when it can. */
export function unprivilegedSkipReason(): string | false {
  if (process.platform === 'win32') return 'no POSIX permissions on Windows';
  if (process.getuid?.() === 0 && (typeof process.seteuid !== 'function' || typeof process.setegid !== 'function')) return 'running as root without seteuid';
  return false;
}

export function asUnprivilegedUser<T>(folders: string[], run: () => T): T {
  if (process.geteuid?.() !== 0) return run();
  for (const folder of folders) chownSync(folder, nobody, nobody);
  process.setegid!(nobody);
  process.seteuid!(nobody);
  try {
    return run();
  } finally {
    process.seteuid!(0);
    process.setegid!(0);
  }
}
