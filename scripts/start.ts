/**
 * `npm start`: runs the desktop app. With no HubSpot app configured it first starts the local
 * HubSpot sandbox and points the app at it. Where the Electron runtime is missing and cannot be
 * downloaded, it says so and opens the browser preview instead, so the command always shows the app.
 */
import { spawn, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, sandboxEnvironment, type AppConfig } from '../electron/core/config.ts';
import { isAppError } from '../electron/core/errors.ts';
import { startSandbox } from '../sandbox/server.ts';
import { findElectronRuntime } from './electron-runtime.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const run = (script: string) => spawnSync(process.execPath, ['--run', script], { cwd: root, stdio: 'inherit' }).status === 0;

if (!run('build')) process.exit(1);

const electronDir = join(root, 'node_modules', 'electron');
const electron = findElectronRuntime({
  electronDir,
  failureMarker: join(root, '.data', 'electron-download-failed'),
  download: () => spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore' }).status === 0,
  say: (line) => console.log(`\n${line}`),
});
if (electron === null) {
  const preview = spawn(process.execPath, [join(root, 'electron/preview/main.ts')], { cwd: root, stdio: 'inherit' });
  preview.on('exit', (code) => process.exit(code ?? 0));
} else {
  const env: Record<string, string | undefined> = { ...process.env };
  let config: AppConfig;
  try {
    config = loadConfig({ env, defaultDataDir: join(homedir(), '.contact-desk-dev') });
  } catch (error) {
    console.error(isAppError(error) ? error.message : String(error));
    process.exit(1);
  }
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
