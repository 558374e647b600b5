/**
 * Which folders a schedule may write to. A folder the user picked in the native folder picker is
 * theirs to choose (a team share included); any other path, such as one typed in the preview's
 * folder field or sent by a misbehaving page, must be an ordinary absolute folder under one of the
 * allowed roots (the user's home or the app's data folder): no relative paths, no `..`, no network
 * (UNC) or device paths.
 */
import { realpathSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { AppError } from '../errors.ts';

export interface FolderRules {
  platform: NodeJS.Platform;
  /** Folders typed paths must be inside (home, data folder). */
  roots: readonly string[];
  /** Folders the user picked in the native picker (or saved before): accepted as they are. */
  isPicked(folder: string): boolean;
}

const refuse = (sentence: string) => new AppError('bad-input', sentence);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const UNIX_SYSTEM = /^\/(dev|proc|sys)(\/|$)/;

/** Throws `bad-input` saying why, unless the folder is one a schedule may write to. */
export function checkScheduleFolder(folder: string, rules: FolderRules): void {
  if (CONTROL.test(folder)) throw refuse('That folder path contains characters a folder name can’t have.');
  if (/^[\\/]{2}[.?][\\/]/.test(folder)) throw refuse('That is a device path, not a folder. Choose a folder such as Documents.');
  const segments = folder.split(/[\\/]+/);
  if (segments.includes('..')) throw refuse('A folder path can’t contain “..”. Choose the folder itself.');
  if (segments.some((segment) => WINDOWS_DEVICE.test(segment))) throw refuse('That is a device name, not a folder. Choose a folder such as Documents.');
  if (rules.isPicked(folder)) return;
  if (/^[\\/]{2}/.test(folder)) throw refuse('Network folders (\\\\server\\share) can only be chosen with the folder picker.');
  const path = rules.platform === 'win32' ? win32 : posix;
  if (!(rules.platform === 'win32' ? /^[a-z]:[\\/]/i.test(folder) : folder.startsWith('/'))) {
    throw refuse('Give the folder’s full path, starting from the drive or “/”.');
  }
  if (rules.platform !== 'win32' && UNIX_SYSTEM.test(folder)) throw refuse('That is a system folder. Choose a folder such as Documents.');
  const real = realOrSame(path.resolve(folder));
  const inside = rules.roots.some((root) => {
    const base = realOrSame(path.resolve(root));
    const relative = path.relative(base, real);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  });
  if (!inside) throw refuse('Choose a folder inside your home folder or Contact Desk’s data folder.');
}

/** The folder's real path (symbolic links followed) when it exists: a link can't lead a schedule outside the roots. */
function realOrSame(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}
