/** Native dialogs: where to save an export, About, and the errors that stop the app from starting. */
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';

const exportFilters = { csv: { name: 'CSV file', extensions: ['csv'] }, xlsx: { name: 'Excel workbook', extensions: ['xlsx'] } };

/** The Save dialog for an export (CSV or workbook, from the suggested name's extension); null when the user cancels. */
export async function chooseExportPath(window: BrowserWindow | null, suggestedName: string): Promise<string | null> {
  const extension = suggestedName.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
  const options = {
    title: 'Export contacts',
    buttonLabel: 'Export',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [exportFilters[extension]],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  return result.filePath.toLowerCase().endsWith(`.${extension}`) ? result.filePath : `${result.filePath}.${extension}`;
}

/** Scheduled exports (issue 17): the native folder picker; null when the user cancels. */
export async function chooseFolderPath(window: BrowserWindow | null): Promise<string | null> {
  const options = {
    title: 'Choose the folder for the scheduled export',
    buttonLabel: 'Choose folder',
    defaultPath: app.getPath('documents'),
    properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

export async function showAbout(window: BrowserWindow | null): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'About Contact Desk',
    message: `Contact Desk ${app.getVersion()}`,
    detail: 'See your HubSpot contacts, export them to CSV even offline, and know at a glance whether the connection works.',
    buttons: ['OK'],
  };
  if (window) await dialog.showMessageBox(window, options);
  else await dialog.showMessageBox(options);
}

/** For failures before any window exists; works before the app is ready. */
export function showStartupError(message: string): void {
  dialog.showErrorBox('Contact Desk cannot start', message);
}
