/**
 * The data folder must exist before Electron is told about it: `app.setPath` throws for a folder
 * that does not exist (Electron docs, app.setPath: "If the path specifies a directory that does not
 * exist, an Error is thrown. In that case, the directory should be created with fs.mkdirSync or
 * similar."). Pure Node, so the sentences are tested without Electron.
 */
import { AppError } from '../core/errors.ts';
import { ensurePrivateFolder } from '../core/private-files.ts';

const reasons: Record<string, string> = {
  EACCES: 'this user may not write there',
  EPERM: 'this user may not write there',
  EROFS: 'that disk is read-only',
  ENOSPC: 'that disk is full',
  ENOTDIR: 'part of that path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENAMETOOLONG: 'the path is too long',
  EINVAL: 'the path is not valid here',
};

/** Creates the folder (and its parents) when missing, readable by this user only (0700; an existing one is tightened); a configuration error when it cannot. */
export function ensureDataFolder(dir: string): AppError | null {
  try {
    ensurePrivateFolder(dir);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = reasons[code] ?? `the system said ${code || 'no'}`;
    return new AppError(
      'bad-input',
      `Contact Desk could not create its data folder "${dir}": ${reason}. If CONTACT_DESK_DATA_DIR is set (in the environment or the build's settings), point it at a folder this user can write to.`,
      { cause: error },
    );
  }
}
