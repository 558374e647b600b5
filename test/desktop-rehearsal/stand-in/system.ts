/**
 * Electron's shell (docs: api/shell.md), dialog (api/dialog.md), Notification (api/notification.md),
 * powerMonitor (api/power-monitor.md), net (api/net.md) and nativeTheme (api/native-theme.md).
 * Whatever needs the person at the computer (a Save dialog, a message box) is asked of the test.
 */
import { EventEmitter } from 'node:events';
import { appImpl } from './app.ts';
import { newEvent } from './events.ts';
import { answer, host, record } from './host-link.ts';
import { strict } from './strict.ts';
import { emitOnWindows } from './windows.ts';

/** Dialog options as the test sees them: functions and windows left out. */
function plain(options: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
}

/** The optional leading BrowserWindow of dialog calls: docs "dialog.showSaveDialog([window, ]options)". */
function optionsOf(args: unknown[]): Record<string, unknown> {
  return (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>;
}

export const shell = strict('shell', {
  /** docs: shell.openExternal(url[, options]) — "Open the given external protocol URL in the desktop's default manner." */
  async openExternal(url: string, options?: { activate?: boolean }): Promise<void> {
    record('shell.openExternal', { url, activate: options?.activate ?? true });
  },
  /** docs: shell.showItemInFolder(fullPath) — "Show the given file in a file manager." */
  showItemInFolder(fullPath: string): void {
    record('shell.showItemInFolder', { fullPath });
  },
  /** docs: shell.openPath(path) — "Resolves with a string containing the error message corresponding to the failure if a failure occurred, otherwise ''." */
  async openPath(path: string): Promise<string> {
    record('shell.openPath', { path });
    return '';
  },
});

export const dialog = strict('dialog', {
  /** docs: dialog.showSaveDialog([window, ]options) — resolves { canceled, filePath } ("If the dialog is canceled, this will be an empty string"). */
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    const options = plain(optionsOf(args));
    record('dialog.showSaveDialog', { options, modal: args.length > 1 });
    const answer = await host.call('ask.saveDialog', { options });
    return { canceled: answer.canceled, filePath: answer.canceled ? '' : (answer.filePath ?? '') };
  },
  /** docs: dialog.showOpenDialog([window, ]options) — resolves { canceled, filePaths } ("An array of file paths chosen by the user. If the dialog is cancelled this will be an empty array."). */
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    const options = plain(optionsOf(args));
    record('dialog.showOpenDialog', { options, modal: args.length > 1 });
    const answer = await host.call('ask.openDialog', { options });
    return { canceled: answer.canceled, filePaths: answer.canceled ? [] : (answer.filePaths ?? []) };
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const options = plain(optionsOf(args));
    record('dialog.showMessageBox', { options, modal: args.length > 1 });
    return host.call('ask.messageBox', { options });
  },
  /** docs: dialog.showErrorBox(title, content) — "This API can be called safely before the ready event the app module emits". */
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', { title, content });
  },
});

const notifications: StandInNotification[] = [];
class StandInNotification extends EventEmitter {
  readonly title: string;
  readonly body: string;
  /** docs: Notification.isSupported() — "Whether or not desktop notifications are supported on the current system". */
  static isSupported(): boolean {
    return true;
  }
  constructor(options: { title?: string; body?: string } = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    return strict('Notification', this);
  }
  /** docs: notification.show() — "Immediately shows the notification to the user". */
  show(): void {
    notifications.push(this);
    record('Notification.show', { index: notifications.length - 1, title: this.title, body: this.body });
    this.emit('show', newEvent());
  }
  close(): void {
    this.emit('close', newEvent());
  }
}

const powerMonitorImpl = new EventEmitter();
let online = true;

answer('user.clickNotification', ({ index }) => {
  const notification = notifications[index];
  if (!notification) throw new Error(`rehearsal: no notification ${index}`);
  notification.emit('click', newEvent());
});
answer('os.emit', ({ target, event, args = [] }) => {
  if (target === 'window') return emitOnWindows(event, args);
  if (target === 'powerMonitor') {
    if (event === 'network') online = args[0] === true;
    else powerMonitorImpl.emit(event, newEvent(), ...args);
    return;
  }
  record(`app#${event}`, { listeners: appImpl.listenerCount(event) });
  appImpl.emit(event, newEvent(), ...args);
});
answer('os.quit', ({ times = 1 }) => {
  for (let asked = 0; asked < times; asked++) appImpl.quit();
});

export const Notification = strict('Notification', StandInNotification);
export const powerMonitor = strict('powerMonitor', powerMonitorImpl);
/** docs: net.isOnline() — "Whether there is currently internet connection." */
export const net = strict('net', { isOnline: () => online });
export const nativeTheme = strict('nativeTheme', Object.assign(new EventEmitter(), { shouldUseDarkColors: false, shouldUseHighContrastColors: false, themeSource: 'system' as const }));
