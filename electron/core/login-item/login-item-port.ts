/**
 * "Open Contact Desk when I sign in to this computer": what a shell provides so the core can read
 * and change the operating system's list of apps that open at sign-in. The desktop shell uses
 * Electron's login items on Windows and macOS (os-login-item.ts) and an XDG autostart entry on
 * Linux (xdg-autostart.ts); the browser preview and unpackaged builds only record the request
 * (recorded-login-item.ts).
 */

/** What the OS runs at sign-in. */
export interface LaunchCommand {
  executable: string;
  args: readonly string[];
}

export interface LoginItemState {
  /** Whether the OS will open Contact Desk at the next sign-in: false once the user removed or disabled it there. */
  enabled: boolean;
  /** Registered, but for another executable or other arguments (an older install): write it again. */
  stale?: boolean;
  /** Why it is not working as set, in one sentence (macOS waiting for the user's approval). */
  problem?: string;
}

export interface LoginItemPort {
  read(): Promise<LoginItemState>;
  /** Adds or removes Contact Desk; rejects with an AppError whose message says why, in one sentence. */
  write(enabled: boolean): Promise<void>;
}
