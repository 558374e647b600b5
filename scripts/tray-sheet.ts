/**
 * The README's sheet of tray icons: every state at 1×, 1.5× and 2× on a light and a dark taskbar,
 * and the macOS template on a light and a dark menu bar (which macOS tints black or white; the page
 * does the same with an invert filter). Drawn by Chromium from the committed build/tray/ files, so
 * the picture shows exactly what ships. Part of `npm run screenshots`; alone:
 * `npm run screenshots -- --only tray`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { trayIconDir } from '../electron/core/status/icons/generate.ts';
import { trayIconScales } from '../electron/core/status/icons/tray-icons.ts';
import { trayIconIds, type TrayIconId } from '../electron/core/status/tray-model.ts';

const meaning: Record<TrayIconId, string> = {
  connected: 'Connected',
  syncing: 'Syncing',
  checking: 'Checking',
  warning: 'Sorts itself out',
  error: 'Sign in again',
  'signed-out': 'Signed out',
};

/** Macs have 1× and 2× screens only. */
const macScales = trayIconScales.filter(({ suffix }) => suffix !== '@1.5x');

/** `tint`: how macOS draws a template image on that menu bar. */
const backgrounds = [
  { name: 'Light taskbar or panel', colour: '#f0f0f0', ink: '#000', template: false, tint: '', scales: trayIconScales },
  { name: 'Dark taskbar or panel', colour: '#202020', ink: '#fff', template: false, tint: '', scales: trayIconScales },
  { name: 'macOS, light menu bar', colour: '#ececec', ink: '#000', template: true, tint: '', scales: macScales },
  { name: 'macOS, dark menu bar', colour: '#2b2b2b', ink: '#fff', template: true, tint: 'filter:invert(1)', scales: macScales },
];

const dataUrl = (fileName: string) => `data:image/png;base64,${readFileSync(join(trayIconDir, fileName)).toString('base64')}`;

function sheetHtml(): string {
  const scaleLabel = (suffix: string) => (suffix === '' ? '1×' : suffix.slice(1));
  const on = (background: (typeof backgrounds)[number]) => `background:${background.colour};color:${background.ink}`;
  const head = backgrounds.map((background) => `<th colspan="${background.scales.length}" style="${on(background)}">${background.name}</th>`).join('');
  const scales = backgrounds.map((background) => background.scales.map(({ suffix }) => `<th class="scale" style="${on(background)}">${scaleLabel(suffix)}</th>`).join('')).join('');
  const rows = trayIconIds.map((id) => {
    const cells = backgrounds.map((background) =>
      background.scales
        .map(({ size, suffix }) => {
          const file = `${id}${background.template ? 'Template' : ''}${suffix}.png`;
          return `<td style="background:${background.colour}"><img src="${dataUrl(file)}" width="${size}" height="${size}" style="${background.tint}" alt=""></td>`;
        })
        .join(''),
    );
    return `<tr><th class="state">${meaning[id]}</th>${cells.join('')}</tr>`;
  });
  return `<!doctype html><html><head><style>
    body { margin: 0; font: 13px/1.3 system-ui, sans-serif; background: #fff; }
    table { border-collapse: collapse; margin: 8px; }
    th, td { padding: 6px 10px; text-align: center; }
    th.state { text-align: left; font-weight: 600; padding-right: 16px; }
    th.scale { font-weight: 400; font-size: 11px; }
    td { height: 36px; }
    img { image-rendering: pixelated; vertical-align: middle; }
  </style></head><body><table><thead><tr><th></th>${head}</tr><tr><th></th>${scales}</tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}

/** Writes `${outDir}/tray-icons.png` and returns its path. */
export async function saveTraySheet(browser: Browser, outDir: string): Promise<string> {
  // Device scale 1: each icon file is shown pixel for pixel, as a screen at that scale shows it.
  const page = await browser.newPage({ deviceScaleFactor: 1, viewport: { width: 1200, height: 400 } });
  try {
    await page.setContent(sheetHtml());
    const path = join(outDir, 'tray-icons.png');
    await page.locator('table').screenshot({ path, animations: 'disabled' });
    return path;
  } finally {
    await page.close();
  }
}
