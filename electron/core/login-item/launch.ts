/**
 * How Contact Desk is started at sign-in, and how it knows it was: pure functions of the platform's
 * signals, so the decision is tested for all three platforms without Electron.
 */
import type { LaunchCommand } from './login-item-port.ts';

/** Added to the command the OS runs at sign-in (Windows' Run key, Linux's autostart entry). */
export const openedAtLoginArg = '--opened-at-login';

export interface LoginCommandInput {
  platform: string;
  /** process.execPath */
  execPath: string;
  env: Record<string, string | undefined>;
  /** An unpackaged Electron needs the app's folder as its first argument. */
  appPath?: string;
}

/**
 * The running executable, marked as started at sign-in. An AppImage runs from a temporary mount that
 * changes at every start: the OS must run the image file itself, which AppImage names in APPIMAGE.
 */
export function loginCommand({ platform, execPath, env, appPath }: LoginCommandInput): LaunchCommand {
  const executable = platform === 'linux' && env.APPIMAGE ? env.APPIMAGE : execPath;
  return { executable, args: [...(appPath ? [appPath] : []), openedAtLoginArg] };
}

export interface LaunchSignals {
  platform: string;
  /** process.argv */
  argv: readonly string[];
  /** macOS: app.getLoginItemSettings().wasOpenedAtLogin (macOS passes a login item no arguments). */
  wasOpenedAtLogin: boolean;
}

/** Started at sign-in: no window, only the tray icon; opening it from the tray shows the window. */
export function startsInTray({ platform, argv, wasOpenedAtLogin }: LaunchSignals): boolean {
  if (argv.includes(openedAtLoginArg)) return true;
  return platform === 'darwin' && wasOpenedAtLogin;
}
