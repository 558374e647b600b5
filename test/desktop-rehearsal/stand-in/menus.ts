/**
 * Electron's Menu and MenuItem (docs: api/menu.md, api/menu-item.md), Tray (api/tray.md) and
 * nativeImage (api/native-image.md). What the app puts in its menus is recorded; the host can click
 * any item, which calls it the way Electron does: click(menuItem, window, event).
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { appImpl } from './app.ts';
import { newEvent } from './events.ts';
import { answer, record } from './host-link.ts';
import { strict, unimplemented } from './strict.ts';

interface MenuItemOptions {
  id?: string;
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  visible?: boolean;
  accelerator?: string;
  click?: (menuItem: unknown, window: unknown, event: unknown) => void;
  submenu?: MenuItemOptions[] | StandInMenu;
}

class StandInMenuItem {
  readonly id: string | undefined;
  readonly label: string;
  readonly type: string;
  readonly role: string | undefined;
  readonly enabled: boolean;
  readonly visible: boolean;
  readonly accelerator: string | undefined;
  readonly submenu: StandInMenu | undefined;
  readonly #click: MenuItemOptions['click'];

  constructor(options: MenuItemOptions) {
    this.id = options.id;
    this.role = options.role;
    this.label = options.label ?? options.role ?? '';
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.accelerator = options.accelerator;
    this.submenu = options.submenu === undefined ? undefined : options.submenu instanceof StandInMenu ? options.submenu : StandInMenu.buildFromTemplate(options.submenu);
    this.#click = options.click;
  }

  /** Roles are Electron's own behaviour; the rehearsal carries out only those it needs, loudly refusing the rest. */
  click(): void {
    if (!this.enabled) throw new Error(`rehearsal: the menu item "${this.label}" is disabled`);
    record('MenuItem.click', { id: this.id ?? null, label: this.label, role: this.role ?? null });
    if (this.#click) return this.#click(strict('MenuItem', this), undefined, strict('KeyboardEvent', { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, triggeredByAccelerator: false }));
    if (this.role === 'quit') return appImpl.quit();
    if (this.role) unimplemented(`MenuItem role '${this.role}'`);
  }

  describe(): Record<string, unknown> {
    return { id: this.id ?? null, label: this.label, type: this.type, role: this.role ?? null, enabled: this.enabled, ...(this.submenu ? { submenu: this.submenu.describe() } : {}) };
  }
}

class StandInMenu {
  readonly items: StandInMenuItem[];
  constructor(items: StandInMenuItem[] = []) {
    this.items = items;
  }

  /** docs: Menu.buildFromTemplate(template) — "Generally, the template is an array of options for constructing a MenuItem." */
  static buildFromTemplate(template: MenuItemOptions[]): StandInMenu {
    return new StandInMenu(template.map((options) => new StandInMenuItem(options)));
  }

  static setApplicationMenu(menu: StandInMenu | null): void {
    applicationMenu = menu;
    record('Menu.setApplicationMenu', { items: menu?.describe() ?? null });
  }

  static getApplicationMenu(): StandInMenu | null {
    return applicationMenu;
  }

  getMenuItemById(id: string): StandInMenuItem | null {
    for (const item of this.items) {
      if (item.id === id) return item;
      const inner = item.submenu?.getMenuItemById(id);
      if (inner) return inner;
    }
    return null;
  }

  describe(): Record<string, unknown>[] {
    return this.items.map((item) => item.describe());
  }
}

let applicationMenu: StandInMenu | null = null;
/** The live tray icons, newest last (the app has one). */
const trays: StandInTray[] = [];

interface StandInNativeImage {
  path: string;
  isEmpty(): boolean;
  getSize(): { width: number; height: number };
}

/** docs: nativeImage.createFromPath(path) — "returns an empty image if the path does not exist, cannot be read, or is not a valid image." */
function createFromPath(path: string): StandInNativeImage {
  let size = { width: 0, height: 0 };
  try {
    const bytes = readFileSync(path);
    const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (png) size = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  } catch {
    // unreadable: an empty image, as Electron returns
  }
  const image = strict('NativeImage', { path, isEmpty: () => size.width === 0, getSize: () => size });
  record('nativeImage.createFromPath', { path, empty: image.isEmpty(), ...size });
  return image;
}

class StandInTray extends EventEmitter {
  #destroyed = false;
  #menu: StandInMenu | null = null;

  /** docs: new Tray(image[, guid]) — "Creates a new tray icon associated with the image." */
  constructor(image: StandInNativeImage) {
    super();
    if (!appImpl.isReady()) throw new Error('Cannot create Tray before app is ready');
    record('Tray.new', { image: image.path, empty: image.isEmpty() });
    trays.push(this);
    return strict('Tray', this);
  }

  setImage(image: StandInNativeImage): void {
    record('Tray.setImage', { image: image.path, empty: image.isEmpty() });
  }

  setToolTip(toolTip: string): void {
    record('Tray.setToolTip', { toolTip });
  }

  /** docs: tray.setContextMenu(menu) — "Sets the context menu for this icon." */
  setContextMenu(menu: StandInMenu | null): void {
    this.#menu = menu;
    record('Tray.setContextMenu', { items: menu?.describe() ?? null });
  }

  menu(): StandInMenu | null {
    return this.#menu;
  }

  destroy(): void {
    this.#destroyed = true;
    trays.splice(trays.indexOf(this), 1);
    record('Tray.destroy');
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }
}

answer('user.clickTrayItem', ({ id }) => {
  const item = trays.at(-1)?.menu()?.getMenuItemById(id);
  if (!item) throw new Error(`rehearsal: the tray menu has no item "${id}"`);
  item.click();
});
answer('user.clickAppMenuItem', ({ labels }) => {
  let menu = applicationMenu;
  let item: StandInMenuItem | undefined;
  for (const label of labels) {
    item = menu?.items.find((candidate) => candidate.label === label);
    menu = item?.submenu ?? null;
  }
  if (!item) throw new Error(`rehearsal: the application menu has no item ${labels.join(' › ')}`);
  item.click();
});

export const Menu = strict('Menu', StandInMenu);
export const MenuItem = strict('MenuItem', StandInMenuItem);
export const Tray = strict('Tray', StandInTray);
export const nativeImage = strict('nativeImage', {
  createFromPath,
  createEmpty: () => strict('NativeImage', { path: '', isEmpty: () => true, getSize: () => ({ width: 0, height: 0 }) }),
});
export { newEvent };
