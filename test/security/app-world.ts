/**
 * The whole core as the shells build it (createServices), against a real sandbox over HTTP with two
 * HubSpot accounts, in a real temp data folder: for tests of what the app does with people's data
 * across sign-in, sync and sign-out. Everything goes through the IPC handlers, as the page's calls do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { loadConfig, sandboxEnvironment } from '../../electron/core/config.ts';
import { systemClock, type Ports } from '../../electron/core/ports.ts';
import { createServices, type ResolvedConfig, type Services } from '../../electron/core/services.ts';
import type { EventName, Events } from '../../electron/ipc/contract.ts';
import type { AuthState } from '../../electron/ipc/types.ts';
import { openAesSecretBox } from '../../electron/preview/aes-secret-box.ts';
import { openJsonFileStore } from '../../electron/preview/json-file-store.ts';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { freePorts } from '../support/free-ports.ts';
import { recordingLog, TestBrowser } from '../integration/auth/world.ts';

export const firstPortal = { hubId: 111_000_001, domain: 'first-portal.hubspot.com', userEmail: 'ana@first.example' };
export const secondPortal = { hubId: 222_000_002, domain: 'second-portal.hubspot.com', userEmail: 'bo@second.example' };

export interface AppWorld {
  sandbox: Sandbox;
  services: Services;
  dataDir: string;
  dbPath: string;
  browser: TestBrowser;
  /** Resolves with the first event of this name whose payload passes the check (events from now on). */
  nextEvent<E extends EventName>(event: E, check?: (payload: Events[E]) => boolean): Promise<Events[E]>;
  /** Signs in to this portal through the consent page; resolves once the app says so. */
  signIn(hubId: number): Promise<Extract<AuthState, { status: 'signed-in' }>>;
  /** Signs in and waits for the first sync to finish. */
  signInAndSync(hubId: number): Promise<void>;
  /** The cache file and its WAL as bytes, as anyone able to read the disk would see them. */
  cacheBytes(): Buffer;
}

export interface AppWorldOptions {
  contacts?: number;
  /** Runs on the (not yet created) data folder's path before the app starts: to leave files from an earlier run. */
  beforeStart?(dataDir: string): void;
  /** The cache worker's entry module (the Ports field): test/support/faulty-cache-worker.ts fails on purpose. */
  cacheWorkerEntry?: URL;
}

export async function startAppWorld(t: TestContext, options: AppWorldOptions = {}): Promise<AppWorld> {
  const redirectPorts = await freePorts(3);
  const sandbox = await startSandbox({
    contacts: options.contacts ?? 30,
    accounts: [firstPortal, secondPortal],
    redirectUris: redirectPorts.map((port) => `http://localhost:${port}/oauth-callback`),
  });
  const root = await mkdtemp(join(tmpdir(), 'contact-desk-app-'));
  const dataDir = join(root, 'data');
  options.beforeStart?.(dataDir);
  const config = loadConfig({ env: sandboxEnvironment(sandbox, redirectPorts), defaultDataDir: dataDir }) as ResolvedConfig;
  const browser = new TestBrowser(sandbox);
  const ports: Ports = {
    dataDir,
    clock: systemClock,
    secretBox: await openAesSecretBox({ keyFile: join(root, 'secret-box.key') }),
    store: openJsonFileStore(join(dataDir, 'settings.json')),
    openInBrowser: browser.open,
    chooseExportTarget: async () => null,
    showInFolder: () => {},
    focusApp: () => {},
    notify: () => {},
    loginItem: { read: async () => ({ enabled: false }), write: async () => {} },
    log: recordingLog(),
    ...(options.cacheWorkerEntry ? { cacheWorkerEntry: options.cacheWorkerEntry } : {}),
  };
  const services = createServices(config, ports, { version: '0.0.0-test', shell: 'preview' });
  t.after(async () => {
    await services.dispose();
    await sandbox.close();
    await rm(root, { recursive: true, force: true });
  });
  await services.start();

  const nextEvent: AppWorld['nextEvent'] = (event, check = () => true) =>
    new Promise((resolve) => {
      const stop = services.onEvent((name, payload) => {
        if (name !== event || !check(payload as Events[typeof event])) return;
        stop();
        resolve(payload as Events[typeof event]);
      });
    });

  const dbPath = join(dataDir, 'contacts.sqlite');
  const world: AppWorld = {
    sandbox,
    services,
    dataDir,
    dbPath,
    browser,
    nextEvent,
    async signIn(hubId) {
      browser.account = hubId;
      const signedIn = nextEvent('authChanged', (state) => state.status === 'signed-in' && state.account.hubId === hubId);
      await services.handlers.startSignIn(undefined);
      return (await signedIn) as Extract<AuthState, { status: 'signed-in' }>;
    },
    async signInAndSync(hubId) {
      const synced = nextEvent('syncProgress', (progress) => !progress.running && progress.error === null && progress.fetched > 0);
      await world.signIn(hubId);
      await synced;
    },
    cacheBytes: () => Buffer.concat(['', '-wal'].map((suffix) => readOrEmpty(dbPath + suffix))),
  };
  return world;
}

function readOrEmpty(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}
