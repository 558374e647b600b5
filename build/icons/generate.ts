/**
 * Writes the app icon in every size electron-builder needs into build/icons/ (NxN.png: Linux takes
 * the folder, macOS's .icns is made from 1024x1024.png, Windows' .ico from 256x256.png). Run after
 * changing the design, then commit the PNGs:
 *   node_modules/.bin/node build/icons/generate.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from '../../electron/core/status/icons/png.ts';
import { appIconSizes, renderAppIcon } from './app-icon.ts';

export const appIconDir = import.meta.dirname;

export function generateAppIcons(): { fileName: string; png: Buffer }[] {
  return appIconSizes.map((size) => ({ fileName: `${size}x${size}.png`, png: encodePng(size, size, renderAppIcon(size)) }));
}

if (import.meta.main) {
  for (const { fileName, png } of generateAppIcons()) writeFileSync(join(appIconDir, fileName), png);
  console.log(`Wrote ${appIconSizes.length} app icons to ${appIconDir}`);
}
