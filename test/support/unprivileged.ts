/**
 * Running a Node script as an unprivileged user, for tests about file permissions: root ignores
 * them, and CI containers run the tests as root. As root the script runs as `nobody` (through
 * util-linux's `setpriv`, which every Debian/Ubuntu has), after the folders it is given are handed
 * to that user; as anyone else it simply runs as a child process.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chownSync, existsSync } from 'node:fs';

const nobody = 65534;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));
const isRoot = process.getuid?.() === 0;

/** Why the tests cannot run the script unprivileged here, or false when they can. */
export function unprivilegedSkipReason(): string | false {
  if (process.platform === 'win32') return 'no POSIX permissions on Windows';
  if (isRoot && !setpriv) return 'running as root without setpriv (util-linux) to drop to an unprivileged user';
  return false;
}

/** Runs `node script ...folders` unprivileged; the folders (created by the caller) become the user's. */
export function runUnprivileged(script: string, folders: string[]): SpawnSyncReturns<string> {
  const node = [process.execPath, script, ...folders];
  if (!isRoot) return spawnSync(node[0]!, node.slice(1), { encoding: 'utf8' });
  for (const folder of folders) chownSync(folder, nobody, nobody);
  return spawnSync(setpriv!, [`--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups', ...node], { encoding: 'utf8' });
}
