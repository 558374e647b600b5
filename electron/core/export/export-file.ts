/**
 * The export's file port: how the worker creates the file it writes, fills it and puts it in place.
 *
 * The default is `PartialFile` (partial-file.ts): a hidden file beside the target, synced and renamed
 * over it at the end. A worker thread cannot be handed functions, so another implementation is
 * named by module: `ExportJobOptions.fileOpener = { module, options }` makes the worker import that
 * module and call its `openExportFile(path, targetName, options)`. The product ships only the
 * default; the test suite uses this port to stand in for a full disk where no small disk can be
 * mounted, and to pause an export half-way at a known row without timing.
 */
import { PartialFile } from './partial-file.ts';

export interface ExportFile {
  readonly path: string;
  readonly bytesWritten: number;
  /** Appends text as UTF-8. Throws the user-facing AppError when the disk refuses. */
  write(text: string): void;
  writeBytes(bytes: Uint8Array): void;
  /** Makes the file durable and puts it under `targetPath`, replacing what was there. */
  commit(targetPath: string): void;
  /** Closes and deletes the file; safe at any point, any number of times. */
  discard(): void;
}

/** What a file-opener module exports. `options` is plain data (it crosses into the worker by structured clone). */
export type OpenExportFile = (path: string, targetName: string, options: unknown) => ExportFile;

/** Names a module exporting `openExportFile`, and the options it is given. */
export interface FileOpenerChoice {
  module: string;
  options?: unknown;
}

export const openPartialFile: OpenExportFile = (path, targetName) => new PartialFile(path, targetName);

/** The opener the worker uses: the default, or the named module's `openExportFile`. */
export async function loadFileOpener(choice: FileOpenerChoice | undefined): Promise<(path: string, targetName: string) => ExportFile> {
  if (!choice) return (path, targetName) => openPartialFile(path, targetName, undefined);
  const loaded = (await import(choice.module)) as { openExportFile?: OpenExportFile };
  const open = loaded.openExportFile;
  if (typeof open !== 'function') throw new Error(`The export file module ${choice.module} does not export openExportFile.`);
  return (path, targetName) => open(path, targetName, choice.options);
}
