/** `npm run preview`: the app in your browser, against the sandbox unless HubSpot is configured. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPreview } from './preview.ts';

if (!existsSync(fileURLToPath(new URL('../../dist/renderer/index.html', import.meta.url)))) {
  console.error('The renderer is not built yet. Run: npm run preview (it builds first).');
  process.exit(1);
}

const port = process.env.CONTACT_DESK_PREVIEW_PORT ? Number(process.env.CONTACT_DESK_PREVIEW_PORT) : 5199;
const preview = await startPreview({ port });
console.log(`\nContact Desk preview is running. Open this address in your browser:\n\n    ${preview.url}\n`);
if (preview.sandbox) console.log(`Showing sample data from the local HubSpot sandbox at ${preview.sandbox.url}\n`);
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await preview.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
