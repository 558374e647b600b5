/**
 * The real cache worker (cache-worker.ts), which a test passes as `workerEntry` to make it fail on
 * purpose: a call whose arguments mention "crash now" ends the worker thread, one that mentions
 * "hang now" blocks it for good (as a search stuck inside SQLite would). "crash once <token>" ends
 * the first worker it reaches and no other, "hang once <token>" blocks only the first: a marker file
 * named after the token, in the temporary folder, remembers it across the new workers (the test
 * removes it). While the file crashAtStartMarker(cache file) exists, every worker ends as it
 * starts, before it opens the file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { CacheWorkerData } from '../../electron/core/contacts/cache-protocol.ts';
import { crashAtStartMarker, crashOnceMarker } from './crash-once.ts';

if (existsSync(crashAtStartMarker((workerData as CacheWorkerData).dbPath))) process.exit(70);

function firstTime(token: string): boolean {
  try {
    writeFileSync(crashOnceMarker(token), '', { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

parentPort?.on('message', (message: { type: string; args?: unknown[] }) => {
  if (message.type !== 'call') return;
  const args = JSON.stringify(message.args ?? []);
  if (args.includes('crash now')) process.exit(70);
  const hangForGood = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  if (args.includes('hang now')) hangForGood();
  const crashOnce = /crash once (\w+)/.exec(args)?.[1];
  if (crashOnce !== undefined && firstTime(crashOnce)) process.exit(70);
  const hangOnce = /hang once (\w+)/.exec(args)?.[1];
  if (hangOnce !== undefined && firstTime(hangOnce)) hangForGood();
});

await import('../../electron/core/contacts/cache-worker.ts');
