/** The application menu: the platform's standard roles, Settings… under File, and About and Open logs folder under Help. */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  showAbout(): void;
  openSettings(): void;
  /** Scheduled exports (issue 17). */
  openSchedules?: () => void;
  openLogsFolder(): void;
}

export function installAppMenu(actions: AppMenuActions): void {
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => actions.openSettings() },
        ...(actions.openSchedules ? [{ label: 'Scheduled exports…', click: actions.openSchedules }] : []),
        { type: 'separator' },
        mac ? { role: 'close' as const } : { role: 'quit' as const },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open logs folder', click: () => actions.openLogsFolder() },
        { type: 'separator' },
        { label: 'About Contact Desk', click: () => actions.showAbout() },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
