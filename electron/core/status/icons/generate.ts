/**
 * Writes the tray icons into build/tray/. Run after changing a design, then commit the PNGs:
 *   node_modules/.bin/node electron/core/status/icons/generate.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from './png.ts';
import { renderTrayIcon, trayIconFiles } from './tray-icons.ts';

export const trayIconDir = join(import.meta.dirname, '..', '..', '..', '..', 'build', 'tray');

export function generateTrayIcons(): { fileName: string; png: Buffer }[] {
  return trayIconFiles.map(({ fileName, icon, size, template }) => {
    const { width, height, rgba } = renderTrayIcon(icon, size, template);
    return { fileName, png: encodePng(width, height, rgba) };
  });
}

if (import.meta.main) {
  mkdirSync(trayIconDir, { recursive: true });
  const icons = generateTrayIcons();
  // Icons of a state or size that no longer exists would otherwise still be packaged.
  const current = new Set(icons.map((icon) => icon.fileName));
  for (const name of readdirSync(trayIconDir)) if (name.endsWith('.png') && !current.has(name)) rmSync(join(trayIconDir, name));
  for (const { fileName, png } of icons) writeFileSync(join(trayIconDir, fileName), png);
  console.log(`Wrote ${trayIconFiles.length} tray icons to ${trayIconDir}`);
}
