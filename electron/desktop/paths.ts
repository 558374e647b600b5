/**
 * Where the bundled files sit next to main.cjs (dist/desktop/, inside app.asar when packaged);
 * scripts/build-desktop.ts puts them there.
 */
import { join } from 'node:path';

export function bundledPaths() {
  // The bundle is CommonJS: the build defines import.meta.dirname as __dirname.
  const here = import.meta.dirname;
  return {
    preload: join(here, 'preload.cjs'),
    renderer: join(here, '..', 'renderer'),
    trayIcons: join(here, 'tray'),
    windowIcon: join(here, 'icon.png'),
    exportWorker: join(here, 'export-worker.cjs'),
    /** The origins other than HubSpot's this build was made with (scripts/write-build-config.ts). */
    buildOrigins: join(here, 'build-origins.json'),
  };
}
