/**
 * Linux: Contact Desk opens at sign-in through an XDG autostart entry,
 * `$XDG_CONFIG_HOME/autostart/<app id>.desktop` (`~/.config/autostart/…` by default), which GNOME,
 * KDE, Xfce and the other desktops read. The app writes and removes it itself. The file is named
 * after the app id, so turning the setting on again, or a newer install fixing an entry that points
 * at an older path, replaces it: there is never a second one.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { AppError } from '../errors.ts';
import { desktopEntryText, execValue, parseExec, readDesktopEntry } from './desktop-entry.ts';
import type { LaunchCommand, LoginItemPort, LoginItemState } from './login-item-port.ts';

/** The autostart folder of the XDG Base Directory spec: a relative XDG_CONFIG_HOME is ignored, as the spec says. */
export function autostartDir(env: Record<string, string | undefined>, home: string): string {
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart');
}

export interface AutostartOptions {
  /** The autostart folder (autostartDir). */
  dir: string;
  /** The file is `<appId>.desktop`. */
  appId: string;
  name: string;
  comment: string;
  /** An icon theme name (the deb installs `contact-desk`) or an absolute path. */
  icon: string;
  command: LaunchCommand;
}

export const autostartFile = (options: Pick<AutostartOptions, 'dir' | 'appId'>) => join(options.dir, `${options.appId}.desktop`);

export function autostartEntryText(options: AutostartOptions): string {
  return desktopEntryText([
    ['Type', 'Application'],
    ['Version', '1.0'],
    ['Name', options.name],
    ['Comment', options.comment],
    ['Exec', execValue([options.command.executable, ...options.command.args])],
    ['Icon', options.icon],
    ['Terminal', 'false'],
    ['X-GNOME-Autostart-enabled', 'true'],
  ]);
}

const sameCommand = (args: readonly string[], command: LaunchCommand) => args.length === command.args.length + 1 && [command.executable, ...command.args].every((arg, i) => args[i] === arg);

/** What the file says: absent, disabled by the user (Hidden, or switched off in the desktop's settings), or on. */
export function readAutostartEntry(text: string | null, command: LaunchCommand): LoginItemState {
  if (text === null) return { enabled: false };
  const keys = readDesktopEntry(text);
  if (keys.get('Hidden') === 'true' || keys.get('X-GNOME-Autostart-enabled') === 'false') return { enabled: false };
  return { enabled: true, stale: !sameCommand(parseExec(keys.get('Exec') ?? ''), command) };
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code ?? '';

const doing = { add: 'add itself to', remove: 'remove itself from', read: 'tell whether it is among' } as const;

/** One sentence, without the folder's path (the window never shows paths the user did not pick; the log has it as the cause). */
export function autostartProblem(action: keyof typeof doing, error: unknown): AppError {
  const cant = `Contact Desk can't ${doing[action]} the apps that open when you sign in`;
  const problem = (kind: ConstructorParameters<typeof AppError>[0], message: string) => new AppError(kind, message, { cause: error });
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return problem('permission-denied', `${cant}, because this computer doesn't let it use your autostart folder (ask your IT team).`);
    case 'EROFS':
      return problem('permission-denied', `${cant}, because your home folder is read-only.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return problem('disk-full', `${cant}, because the disk is full.`);
    case 'ENOTDIR':
      return problem('folder-missing', `${cant}, because your autostart folder is a file, not a folder.`);
    default:
      return problem('internal', `${cant} (${errorCode(error) || 'unknown error'}).`);
  }
}

/** Writes next to the file, then renames over it: a reader sees the old file or the new one, never half of one. */
async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}

/**
 * mkdir -p, one level at a time: a recursive mkdir reports ENOENT where a parent could not be made
 * (a read-only home), and the sentence must say why. Returns the first folder it made, if any.
 */
async function makeFolders(dir: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let folder = dir; ; folder = dirname(folder)) {
    const exists = await stat(folder).then(() => true, (error: unknown) => (errorCode(error) === 'ENOENT' ? false : Promise.reject(error)));
    if (exists || folder === dirname(folder)) break;
    missing.unshift(folder);
  }
  for (const [i, folder] of missing.entries()) {
    await mkdir(folder).catch(async (error: unknown) => {
      if (errorCode(error) === 'EEXIST') return; // made meanwhile by someone else: fine (a file there fails the next step)
      if (i > 0) await removeEmptyFolders(dirname(folder), missing[0]!);
      throw error;
    });
  }
  return missing[0];
}

/** Undoes a mkdir -p that was for nothing: `dir` and its parents up to `top`, each only if empty. */
async function removeEmptyFolders(dir: string, top: string): Promise<void> {
  for (let folder = dir; folder.startsWith(top); folder = dirname(folder)) {
    if (!(await rmdir(folder).then(() => true, () => false))) return;
    if (folder === top) return;
  }
}

export function createXdgAutostart(options: AutostartOptions): LoginItemPort {
  const file = autostartFile(options);
  return {
    async read() {
      let text: string | null = null;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') throw autostartProblem('read', error);
      }
      return readAutostartEntry(text, options.command);
    },
    async write(enabled) {
      let created: string | undefined;
      try {
        if (!enabled) return void (await rm(file, { force: true }));
        created = await makeFolders(options.dir);
        await replaceFile(file, autostartEntryText(options));
      } catch (error) {
        if (created !== undefined) await removeEmptyFolders(options.dir, created);
        throw autostartProblem(enabled ? 'add' : 'remove', error);
      }
    },
  };
}
