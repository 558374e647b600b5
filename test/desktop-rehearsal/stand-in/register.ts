/**
 * Loaded with --import before dist/desktop/main.cjs (and, inherited, before each worker thread's
 * bundle): answers require('electron') with the stand-in, sets what Electron's main process has
 * that Node lacks (process.type, process.versions.electron, process.resourcesPath), and logs every
 * file the app loads, so the rehearsal can prove the bundles are self-contained.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { isMainThread, threadId } from 'node:worker_threads';

const standIn = new URL(isMainThread ? './electron.cjs' : './no-electron-in-workers.cjs', import.meta.url).href;
const moduleLog = process.env.REHEARSAL_MODULE_LOG;

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: standIn, format: 'commonjs', shortCircuit: true };
    return next(specifier, context);
  },
  load(url, context, next) {
    if (moduleLog && url.startsWith('file:')) appendFileSync(moduleLog, `${threadId}\t${url}\n`);
    return next(url, context);
  },
});

if (isMainThread) {
  const electronVersion = (JSON.parse(readFileSync(new URL('../../../node_modules/electron/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  Object.defineProperty(process, 'versions', { value: { ...process.versions, electron: electronVersion }, enumerable: true });
  Object.assign(process, { type: 'browser', resourcesPath: process.env.REHEARSAL_RESOURCES ?? '' });
}
