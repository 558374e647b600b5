/**
 * `npm run preview` (and `npm start` where Electron can't run): the app in your browser, against the
 * sandbox unless HubSpot is configured. Prints a one-time launch link and opens it in the default
 * browser where there is one; Enter prints a new link for another browser.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isAppError } from '../core/errors.ts';
import { openInDefaultBrowser } from './open-browser.ts';
import { startPreview, type Preview } from './preview.ts';

const defaultPort = 5199;

if (!existsSync(fileURLToPath(new URL('../../dist/renderer/index.html', import.meta.url)))) {
  console.error('The renderer is not built yet. Run: npm run preview (it builds first).');
  process.exit(1);
}

const wanted = portSetting(process.env.CONTACT_DESK_PREVIEW_PORT);
let preview: Preview | null = null;
// Before anything is printed: whoever reads the link may stop the preview at once.
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await preview?.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

try {
  preview = await startPreview({ port: wanted });
} catch (error) {
  console.error(`The preview could not start: ${isAppError(error) || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const port = Number(new URL(preview.origin).port);
if (wanted !== 0 && port !== wanted) {
  console.log(`\nPort ${wanted} is in use by another program, so the preview uses port ${port} instead (CONTACT_DESK_PREVIEW_PORT chooses the port).`);
}
const opened = await openInDefaultBrowser(preview.url);
console.log(
  opened
    ? '\nContact Desk is opening in your browser. If it does not, open this link there (it works once, in one browser):'
    : '\nContact Desk is running. Open this link in your browser (it works once, in one browser):',
);
console.log(`\n    ${preview.url}\n`);
if (preview.sandbox) console.log(`Showing sample data from the local HubSpot sandbox at ${preview.sandbox.url}\n`);

if (process.stdin.isTTY) {
  console.log('Press Enter for a new link (to open it in another browser), Ctrl+C to stop.');
  const running = preview;
  createInterface({ input: process.stdin }).on('line', () => console.log(`\n    ${running.newLaunchUrl()}\n`));
} else {
  console.log('Press Ctrl+C to stop.');
}

function portSetting(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return defaultPort;
  const port = Number(value);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  console.error(`CONTACT_DESK_PREVIEW_PORT must be a port number from 1 to 65535, or 0 for any free port (it is "${value}").`);
  process.exit(1);
}
