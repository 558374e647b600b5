import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The file that says "crash once <token>" has ended a cache worker already (faulty-cache-worker.ts). */
export const crashOnceMarker = (token: string): string => join(tmpdir(), `contact-desk-crash-once-${token}`);
