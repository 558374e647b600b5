/**
 * Imported first (main.tsx): the IPC contract's schemas are built when it is imported, and zod
 * probes whether it may compile code with `new Function`, which the page's CSP forbids and reports
 * as a violation even though zod catches the error. The renderer never parses with them anyway
 * (the main side validates), so it doesn't need the compiled fast path.
 */
import { config } from 'zod';

config({ jitless: true });
