import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** While this file exists beside the cache file, every cache worker of that file ends as it starts (faulty-cache-worker.ts). */
export const crashAtStartMarker = (dbPath: string): string => `${dbPath}.crash-at-start`;

/** The file that says "crash once <token>" has ended a cache worker already (faulty-cache-worker.ts). */
export const crashOnceMarker = (token: string): string => join(tmpdir(), `contact-desk-crash-once-${token}`);
