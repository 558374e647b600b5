/**
 * What a shell (Electron desktop, browser preview, tests) must provide to the core. The core never
 * reaches for the OS or Electron itself: everything arrives here at start-up.
 */
import type { LoginItemPort } from './login-item/login-item-port.ts';

/** Wall-clock time and timers, injectable so tests control time instead of sleeping. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): Timer;
  clearTimeout(timer: Timer): void;
}
export type Timer = ReturnType<typeof setTimeout>;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer),
};

/**
 * Encrypts small secrets (tokens) for storage at rest. In Electron: safeStorage's async API.
 * `protection` says how much the OS really protects them: on Linux with the `basic_text` backend
 * it is 'weak' and the refresh token is not persisted without the user's consent.
 *
 * The OS may take its time to answer (a locked keychain asks the user first): `ready` settles once
 * it has, and `protection` is only meaningful from then on. `decrypt` rejects with an AppError of
 * kind 'storage-locked' when the store cannot open the secret now but may later: it is not lost.
 */
export interface SecretBox {
  readonly ready: Promise<void>;
  readonly protection: 'os' | 'weak';
  encrypt(plaintext: string): Promise<Uint8Array>;
  decrypt(ciphertext: Uint8Array): Promise<string>;
}

/** Small key-value persistence for ciphertext and settings (electron-store in the desktop shell). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Where an export goes: a path the user picked, or null when they cancelled the Save dialog. */
export interface ExportTarget {
  path: string;
  /** Called once the file is complete (the preview turns it into a browser download). */
  onComplete?: (path: string) => void;
}

export interface Ports {
  /** The app's data directory (cache, settings); it exists. */
  dataDir: string;
  clock: Clock;
  secretBox: SecretBox;
  store: KeyValueStore;
  /** Opens a URL in the user's browser (the core only passes the configured HubSpot consent URL). */
  openInBrowser(url: string): Promise<void>;
  /** Asks the user where to save an export; null when they cancel. */
  chooseExportTarget(suggestedName: string): Promise<ExportTarget | null>;
  /** Shows a finished export in the file manager. */
  showInFolder(path: string): void;
  /** Brings the app window to the front (after the browser sign-in). */
  focusApp(): void;
  /** A desktop notification (status changes); the preview ignores it. */
  notify(title: string, body: string): void;
  /** Scheduled exports (issue 17): the native folder picker; absent where folders are typed (the preview). */
  chooseFolder?: () => Promise<string | null>;
  /** Scheduled exports (issue 17): a notification about a run; clicking it shows `file` in its folder. Falls back to `notify`. */
  notifyExport?: (title: string, body: string, file: string | null) => void;
  /** The OS's apps-that-open-at-sign-in list (the preview only records requests). */
  loginItem: LoginItemPort;
  log: Logger;
  /** The cache worker's entry module; the app's own unless a test passes one that fails on purpose. */
  cacheWorkerEntry?: URL;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
