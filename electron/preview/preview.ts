/**
 * The browser preview shell (dev/test only): runs the core in this Node process and serves the
 * renderer to any browser over loopback. Never part of a packaged build. Where Electron has
 * safeStorage and electron-store, the preview uses the same AES-GCM secret box (key file beside,
 * not inside, the data directory) and JSON store as the tests.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, sandboxEnvironment } from '../core/config.ts';
import { systemClock, type Clock, type Logger, type Ports } from '../core/ports.ts';
import { createServices, type ResolvedConfig, type Services } from '../core/services.ts';
import { createRouter } from '../core/ipc-router.ts';
import { createConsoleLogger } from '../core/log/console-logger.ts';
import { ensurePrivateFolder } from '../core/private-files.ts';
import { loginCommand } from '../core/login-item/launch.ts';
import type { LoginItemPort } from '../core/login-item/login-item-port.ts';
import { createRecordedLoginItem } from '../core/login-item/recorded-login-item.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server.ts';
import { openAesSecretBox } from './aes-secret-box.ts';
import { openJsonFileStore } from './json-file-store.ts';
import { previewDownloadsDir, startHttpBridge } from './http-bridge.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Preview {
  /** The one-time launch link: the browser that opens it first gets the preview's session cookie. */
  url: string;
  /** Where the preview answers (no access without the session); `newLaunchUrl()` makes another link. */
  origin: string;
  newLaunchUrl(): string;
  /** The embedded sandbox, when no HubSpot app is configured. */
  sandbox: Sandbox | null;
  services: Services;
  dataDir: string;
  close(): Promise<void>;
}

export interface PreviewOptions {
  env?: Record<string, string | undefined>;
  port?: number;
  dataDir?: string;
  sandbox?: SandboxOptions;
  log?: Logger;
  /**
   * The OS's login items. By default the preview only records requests in its store (it must not
   * register a dev tool to open at sign-in); tests pass a real writer aimed at a folder of theirs.
   */
  loginItem?: LoginItemPort;
  /** The app's clock (the Clock port); tests move it on to reach a scheduled export's time without waiting. */
  clock?: Clock;
  /** The cache worker's entry module (the Ports field); tests pass one that fails on purpose. */
  cacheWorkerEntry?: URL;
}

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const env = options.env ?? process.env;
  const defaultDataDir = options.dataDir ?? join(projectRoot, '.data', 'preview');
  let config = loadConfig({ env, defaultDataDir });
  let sandbox: Sandbox | null = null;
  if (config.hubspot === null) {
    sandbox = await startSandbox(options.sandbox);
    config = loadConfig({ env: { ...env, ...sandboxEnvironment(sandbox, portsOf(sandbox.redirectUris)) }, defaultDataDir: config.dataDir });
  }
  const resolved = config as ResolvedConfig;
  ensurePrivateFolder(resolved.dataDir);
  const log = options.log ?? createConsoleLogger();

  let bridge: Awaited<ReturnType<typeof startHttpBridge>> | null = null;
  const store = openJsonFileStore(join(resolved.dataDir, 'settings.json'));
  const previewCommand = loginCommand({ platform: process.platform, execPath: process.execPath, env, appPath: join(projectRoot, 'electron', 'preview', 'main.ts') });
  const ports: Ports = {
    dataDir: resolved.dataDir,
    clock: options.clock ?? systemClock,
    // The key lives beside, not inside, the data directory, as the OS keychain would hold it.
    secretBox: await openAesSecretBox({ keyFile: `${resolve(resolved.dataDir)}.key` }),
    store,
    openInBrowser: async (url) => bridge?.publish('openUrl', { url }),
    chooseExportTarget: async (suggestedName) => {
      mkdirSync(previewDownloadsDir(resolved.dataDir), { recursive: true });
      const folder = await mkdtemp(join(previewDownloadsDir(resolved.dataDir), 'export-'));
      return {
        path: join(folder, suggestedName),
        onComplete: (path) => bridge?.publish('download', { url: bridge.offerDownload(path, suggestedName), fileName: suggestedName }),
      };
    },
    showInFolder: () => {},
    focusApp: () => {},
    notify: () => {},
    loginItem: options.loginItem ?? createRecordedLoginItem(store, previewCommand, () => systemClock.now()),
    log,
    ...(options.cacheWorkerEntry ? { cacheWorkerEntry: options.cacheWorkerEntry } : {}),
  };

  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const services = createServices(resolved, ports, { version, shell: 'preview' });
  bridge = await startHttpBridge({
    rendererDir: join(projectRoot, 'dist', 'renderer'),
    dispatch: createRouter(services.handlers, log),
    port: options.port,
    log,
  });
  const unsubscribe = services.onEvent((event, payload) => bridge?.publish(event, payload));
  await services.start();

  // Ctrl+C pressed twice, or a test that stops the preview before its fixture does, closes once.
  let closing: Promise<void> | null = null;
  return {
    url: bridge.url,
    origin: bridge.origin,
    newLaunchUrl: () => bridge!.newLaunchUrl(),
    sandbox,
    services,
    dataDir: resolved.dataDir,
    close() {
      closing ??= (async () => {
        unsubscribe();
        await services.dispose();
        await bridge?.close();
        await sandbox?.close();
      })();
      return closing;
    },
  };
}

function portsOf(redirectUris: string[]): number[] {
  return redirectUris.map((uri) => Number(new URL(uri).port));
}
