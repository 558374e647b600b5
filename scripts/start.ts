/**
 * `npm start`: runs the desktop app. With no HubSpot app configured it first starts the local
 * HubSpot sandbox and points the app at it. Where the Electron runtime is missing and cannot be
 * downloaded, it says so and opens the browser preview instead, so the command always shows the app.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, sandboxEnvironment } from '../electron/core/config.ts';
import { startSandbox } from '../sandbox/server.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const run = (script: string) => spawnSync(process.execPath, ['--run', script], { cwd: root, stdio: 'inherit' }).status === 0;

function electronRuntime(): string | null {
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) {
    // The electron package downloads its runtime on first use; try once.
    console.log('Fetching the Electron runtime (first run only)…');
    spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore' });
  }
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

if (!run('build')) process.exit(1);

const electron = electronRuntime();
if (electron === null) {
  console.log('\nThe Electron runtime could not be downloaded on this machine, so Contact Desk opens in your browser instead.\n');
  const preview = spawn(process.execPath, [join(root, 'electron/preview/main.ts')], { cwd: root, stdio: 'inherit' });
  preview.on('exit', (code) => process.exit(code ?? 0));
} else {
  const env: Record<string, string | undefined> = { ...process.env };
  const config = loadConfig({ env, defaultDataDir: join(homedir(), '.contact-desk-dev') });
  let closeSandbox = async () => {};
  if (config.hubspot === null) {
    const sandbox = await startSandbox();
    Object.assign(env, sandboxEnvironment(sandbox));
    closeSandbox = () => sandbox.close();
    console.log(`No HubSpot app configured: showing sample data from the local sandbox at ${sandbox.url}`);
  }
  const app = spawn(electron, [join(root, 'dist/desktop/main.cjs')], { cwd: root, stdio: 'inherit', env });
  app.on('exit', async (code) => {
    await closeSandbox();
    process.exit(code ?? 0);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
}
