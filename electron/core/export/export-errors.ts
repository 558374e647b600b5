import { AppError } from '../errors.ts';

/** What the export was doing when it failed: the same error code means different things in each. */
export type ExportStage = 'read-contacts' | 'create-file' | 'write' | 'replace';

const PERMISSION = new Set(['EACCES', 'EPERM', 'EROFS']);
const NO_FOLDER = new Set(['ENOENT', 'ENOTDIR']);
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);

export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns a failure at `stage` into the sentence the user sees. `fileName` is the file's name only. */
export function exportFailure(stage: ExportStage, error: unknown, fileName: string): AppError {
  const code = errorCodeOf(error);
  const options = { cause: error };
  if (stage === 'read-contacts') {
    return new AppError('internal', 'Contact Desk couldn’t read the contacts saved on this computer. Try again; if it keeps happening, sync with HubSpot and export once more.', options);
  }
  if (code && NO_SPACE.has(code)) {
    return new AppError('disk-full', 'The disk is full, so the export wasn’t saved. Free up some space or choose another drive, then try again.', options);
  }
  if (code && PERMISSION.has(code)) {
    if (stage === 'replace') {
      return new AppError('permission-denied', `“${fileName}” is open in another program, or can’t be replaced. Close it there, or save the export under another name.`, options);
    }
    return new AppError('permission-denied', 'Contact Desk can’t write to that folder. Choose another folder, such as Documents.', options);
  }
  if (code === 'EBUSY') {
    return new AppError('permission-denied', `“${fileName}” is open in another program. Close it there, or save the export under another name.`, options);
  }
  if (code && NO_FOLDER.has(code)) {
    return new AppError('folder-missing', 'The folder you chose isn’t there any more. Choose another folder and export again.', options);
  }
  if (code === 'ENAMETOOLONG') {
    return new AppError('internal', 'That file name is too long. Choose a shorter name and export again.', options);
  }
  if (code === 'EISDIR') {
    return new AppError('internal', 'There is already a folder with that name. Choose another file name and export again.', options);
  }
  return new AppError('internal', 'Contact Desk couldn’t save the export. Try again, or choose another folder.', options);
}
