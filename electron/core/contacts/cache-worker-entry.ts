/**
 * Where the cache worker's code lives. Under Node (tests, the preview) the worker runs from its
 * TypeScript source beside this file. The desktop build (scripts/build-desktop.ts) bundles
 * `cacheWorkerSource` into `cache-worker.cjs` next to `main.cjs`, and gives the bundle an
 * `import.meta.url` that points at the bundle itself, so the same lookup finds the bundled worker.
 */
export const cacheWorkerSource = 'electron/core/contacts/cache-worker.ts';

export function defaultCacheWorkerEntry(): URL {
  const bundled = !import.meta.url.endsWith('.ts');
  return new URL(bundled ? './cache-worker.cjs' : './cache-worker.ts', import.meta.url);
}
