/**
 * Writes the tray icons into build/tray/. Run after changing a design, then commit the PNGs:
 *   node_modules/.bin/node electron/core/status/icons/generate.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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
  for (const { fileName, png } of generateTrayIcons()) writeFileSync(join(trayIconDir, fileName), png);
  console.log(`Wrote ${trayIconFiles.length} tray icons to ${trayIconDir}`);
}
