/**
 * The export as it ships: the desktop build bundles the export worker into one CommonJS file
 * (scripts/build-desktop.ts), so it runs without TypeScript stripping, which alone costs a Node
 * process tens of megabytes. The bench bundles the worker the same way, and its child process too.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportWorkerSource } from '../electron/core/export/worker-entry.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

export interface ExportBundle {
  child: string;
  worker: string;
}

export async function bundleExport(outDir: string): Promise<ExportBundle> {
  const worker = join(outDir, 'export-worker.cjs');
  const child = join(outDir, 'export-child.mjs');
  await build({
    entryPoints: [join(root, exportWorkerSource)],
    outfile: worker,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node24',
    logLevel: 'warning',
    // as the desktop build does: a CommonJS bundle has no import.meta
    banner: { js: 'const __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__import_meta_url', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
  });
  await build({
    entryPoints: [join(root, 'bench', 'export-child.ts')],
    outfile: child,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    logLevel: 'warning',
    banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
  });
  return { child, worker };
}
