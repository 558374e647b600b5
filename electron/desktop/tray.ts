/** The tray icon: icon, tooltip and menu come from the core's pure trayModel(status). */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { StatusView } from '../ipc/types.ts';
import { trayModel, type TrayIconId, type TrayMenuId } from '../core/status/tray-model.ts';

export interface StatusTrayOptions {
  /** Folder with the status engineer's PNGs: `<id>.png`, `<id>@2x.png`, `<id>Template.png`... */
  iconDir: string;
  status: { current(): StatusView; onChange(listener: (status: StatusView) => void): () => void };
  onCommand(command: TrayMenuId): void;
  /** Windows: a left click on the icon opens the window (elsewhere a click opens the menu). */
  onClick(): void;
  /** Scheduled exports (issue 17): a line for the tooltip about the next one, and when it changes. */
  nextExport?: { line(): string | null; onChange(listener: () => void): () => void };
}

export function createStatusTray(options: StatusTrayOptions): { dispose(): void } {
  const mac = process.platform === 'darwin';
  const images = new Map<TrayIconId, NativeImage>();
  // `…Template.png` marks a macOS template image (drawn in the menu bar's colour); Electron picks the
  // @2x file next to it by itself on high-density screens.
  const imageFor = (id: TrayIconId) => {
    let image = images.get(id);
    if (!image) {
      image = nativeImage.createFromPath(join(options.iconDir, `${id}${mac ? 'Template' : ''}.png`));
      images.set(id, image);
    }
    return image;
  };

  let current = options.status.current();
  const tray = new Tray(imageFor(trayModel(current, Date.now()).icon));
  if (process.platform === 'win32') tray.on('click', () => options.onClick());

  const render = () => {
    const model = trayModel(current, Date.now());
    tray.setImage(imageFor(model.icon));
    const nextExport = options.nextExport?.line() ?? null;
    tray.setToolTip(nextExport ? `${model.tooltip}\n${nextExport}` : model.tooltip);
    const template: MenuItemConstructorOptions[] = [];
    for (const item of model.menu) {
      if (item.separatorBefore) template.push({ type: 'separator' });
      template.push({ id: item.id, label: item.label, enabled: item.enabled, click: () => options.onCommand(item.id) });
    }
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };

  render();
  const unsubscribe = options.status.onChange((status) => {
    current = status;
    render();
  });

  const unsubscribeExports = options.nextExport?.onChange(render);

  return {
    dispose() {
      unsubscribeExports?.();
      unsubscribe();
      tray.destroy();
    },
  };
}
