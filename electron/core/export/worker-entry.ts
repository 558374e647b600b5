/**
 * Where the export worker's code lives. Under Node (tests, the preview) the worker runs from its
 * TypeScript source beside this file. The desktop build (scripts/build-desktop.ts) bundles
 * `exportWorkerSource` into `export-worker.cjs` next to `main.cjs`, and gives the bundle an
 * `import.meta.url` that points at the bundle itself, so the same lookup finds the bundled worker.
 */
export const exportWorkerSource = 'electron/core/export/export-worker.ts';

export function defaultExportWorkerEntry(): URL {
  const bundled = !import.meta.url.endsWith('.ts');
  return new URL(bundled ? './export-worker.cjs' : './export-worker.ts', import.meta.url);
}
