/**
 * `npm run build:desktop`: bundles the Electron main process, the preload and the worker entries
 * into dist/desktop/, copies the icons they load at run time next to them, and writes the admin's
 * HubSpot app settings for a packaged build (write-build-config.ts). Everything the packaged app
 * needs ends up under dist/, which is all electron-builder packs.
 */
import { build, type BuildOptions } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBuildConfig } from './write-build-config.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
export const defaultOutDir = join(root, 'dist', 'desktop');

interface Entry {
  source: string;
  output: string;
  /** 'main': Electron's Node side (main process, workers). 'preload': the sandboxed preload. */
  runsIn: 'main' | 'preload';
  /** Entries another part of the app may not have written yet are skipped while missing. */
  optional?: boolean;
}

/** Add workers here: each becomes one self-contained file in dist/desktop/. */
export const entries: Entry[] = [
  { source: 'electron/desktop/main.ts', output: 'main.cjs', runsIn: 'main' },
  { source: 'electron/desktop/preload.ts', output: 'preload.cjs', runsIn: 'preload' },
  { source: 'electron/core/export/export-worker.ts', output: 'export-worker.cjs', runsIn: 'main', optional: true },
  { source: 'electron/core/contacts/cache-worker.ts', output: 'cache-worker.cjs', runsIn: 'main' },
];

// A CommonJS bundle has no import.meta; the core uses it to find files next to itself.
const importMetaShim = 'const __import_meta_url = require("node:url").pathToFileURL(__filename).href;';

function optionsFor(entry: Entry, outDir: string): BuildOptions {
  const common: BuildOptions = {
    entryPoints: [join(root, entry.source)],
    outfile: join(outDir, entry.output),
    bundle: true,
    format: 'cjs',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'linked',
  };
  if (entry.runsIn === 'preload') {
    // A sandboxed preload is a browser context with a small `require` for 'electron' only: nothing
    // from Node may be pulled in, and the browser builds of dependencies are the right ones.
    // Minified: it is parsed on every page load, and the contract's schemas bring zod along.
    return { ...common, platform: 'browser', target: 'chrome140', minify: true };
  }
  return {
    ...common,
    platform: 'node',
    target: 'node24',
    banner: { js: importMetaShim },
    define: { 'import.meta.url': '__import_meta_url', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
  };
}

function copyIcons(outDir: string): void {
  const trayDir = join(root, 'build', 'tray');
  const trayOut = join(outDir, 'tray');
  rmSync(trayOut, { recursive: true, force: true });
  mkdirSync(trayOut, { recursive: true });
  for (const name of readdirSync(trayDir)) if (name.endsWith('.png')) copyFileSync(join(trayDir, name), join(trayOut, name));
  copyFileSync(join(root, 'build', 'icons', '512x512.png'), join(outDir, 'icon.png'));
}

export async function buildDesktop(outDir = defaultOutDir): Promise<string[]> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const built: string[] = [];
  for (const entry of entries) {
    if (entry.optional && !existsSync(join(root, entry.source))) continue;
    await build(optionsFor(entry, outDir));
    built.push(entry.output);
  }
  copyIcons(outDir);
  return built;
}

if (import.meta.main) {
  try {
    const built = await buildDesktop();
    console.log(`Built ${built.map((name) => `dist/desktop/${name}`).join(', ')}`);
    const config = writeBuildConfig(process.env);
    console.log(config.skipped ? `No HubSpot app settings for a packaged build (${config.skipped}).` : `HubSpot app settings for a packaged build: ${config.keys.join(', ')}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
