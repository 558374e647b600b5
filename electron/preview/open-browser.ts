/**
 * Opening the preview's launch link in the default browser, where there is one: `open` on macOS,
 * `start` on Windows, `xdg-open` in a Linux desktop session. Without a graphical session (a server,
 * CI, SSH) xdg-open would fall back to a text browser in this very terminal, so there the link is
 * only printed. CONTACT_DESK_PREVIEW_OPEN=0 turns opening off.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface BrowserCommand {
  command: string;
  args: string[];
  /** Windows: the arguments are passed as written (cmd's own quoting). */
  verbatim?: boolean;
}

/** Only what the preview prints: http on loopback, a path and a base64url token. Nothing a shell would read. */
const safeUrl = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}\/(\?launch=[\w-]+)?$/;

export function browserCommand(url: string, platform: NodeJS.Platform, env: Record<string, string | undefined>): BrowserCommand | null {
  if (!safeUrl.test(url) || env.CONTACT_DESK_PREVIEW_OPEN === '0') return null;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd.exe', args: ['/d', '/s', '/c', `start "" "${url}"`], verbatim: true };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  const xdgOpen = findOnPath('xdg-open', env.PATH ?? '');
  return xdgOpen ? { command: xdgOpen, args: [url] } : null;
}

/** Starts the browser and returns at once: true when the opener started, false when there is none. */
export function openInDefaultBrowser(url: string, platform: NodeJS.Platform = process.platform, env: Record<string, string | undefined> = process.env): Promise<boolean> {
  const opener = browserCommand(url, platform, env);
  if (opener === null) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: opener.verbatim ?? false, env });
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
    child.once('error', () => resolve(false));
  });
}

function findOnPath(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}
