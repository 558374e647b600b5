/**
 * Windows and macOS: the OS's own login items, through Electron's app.getLoginItemSettings and
 * app.setLoginItemSettings. The core never imports Electron, so the shell hands over those two
 * methods; what their answers mean is decided here, where it is tested.
 *
 * Windows keeps a Run-key entry named after the app id, with the command and its arguments; Task
 * Manager's Startup tab can disable it (launchItems[].enabled). macOS 13+ registers the app itself
 * (SMAppService), which the user may have to approve in System Settings (status 'requires-approval');
 * a login item there gets no arguments, which is why the hidden start reads wasOpenedAtLogin.
 */
import { AppError } from '../errors.ts';
import type { LaunchCommand, LoginItemPort, LoginItemState } from './login-item-port.ts';

/** The parts of Electron's LoginItemSettings this reads (Electron.LoginItemSettings fits). */
export interface OsLoginItemSettings {
  openAtLogin: boolean;
  status?: string;
  executableWillLaunchAtLogin?: boolean;
  launchItems?: readonly { name: string; path: string; args: readonly string[]; enabled: boolean }[];
}

export interface OsLoginItemApi {
  getLoginItemSettings(options?: { path?: string; args?: string[] }): OsLoginItemSettings;
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[]; name?: string; enabled?: boolean }): void;
}

export interface OsLoginItemOptions {
  platform: 'win32' | 'darwin';
  api: OsLoginItemApi;
  command: LaunchCommand;
  /** Windows: the Run-key entry's name, the app's AppUserModelId. */
  name: string;
}

export const macApprovalNeeded =
  'macOS is waiting for your OK: open System Settings, then General › Login Items, and switch on Contact Desk.';

const samePath = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** What Electron's answer means for the setting. */
export function interpretLoginItemSettings(options: Pick<OsLoginItemOptions, 'platform' | 'command' | 'name'>, settings: OsLoginItemSettings): LoginItemState {
  if (options.platform === 'darwin') {
    if (settings.status === 'requires-approval') return { enabled: false, problem: macApprovalNeeded };
    return { enabled: settings.status === undefined ? settings.openAtLogin : settings.status === 'enabled' };
  }
  const entry = settings.launchItems?.find((item) => item.name === options.name);
  if (entry === undefined) return { enabled: settings.openAtLogin && settings.executableWillLaunchAtLogin !== false };
  const { executable, args } = options.command;
  const stale = !samePath(entry.path, executable) || entry.args.length !== args.length || entry.args.some((arg, i) => arg !== args[i]);
  return { enabled: entry.enabled, stale };
}

export function createOsLoginItem(options: OsLoginItemOptions): LoginItemPort {
  const { api, command, name, platform } = options;
  const query = platform === 'win32' ? { path: command.executable, args: [...command.args] } : undefined;
  const read = () => interpretLoginItemSettings(options, api.getLoginItemSettings(query));
  return {
    read: async () => read(),
    async write(enabled) {
      // Windows: `enabled: true` also switches it back on where Task Manager had disabled it.
      api.setLoginItemSettings(platform === 'win32' ? { openAtLogin: enabled, ...query, name, enabled: true } : { openAtLogin: enabled });
      const after = read();
      // macOS waiting for approval is not a failure: the setting shows what is missing (after.problem).
      if (after.enabled !== enabled && after.problem === undefined) {
        const system = platform === 'win32' ? 'Windows' : 'macOS';
        throw new AppError('permission-denied', `${system} didn't let Contact Desk ${enabled ? 'add itself to' : 'remove itself from'} the apps that open when you sign in (this computer's settings may not allow it: ask your IT team).`);
      }
    },
  };
}
