/**
 * The ground a rehearsal stands on: a fresh home folder (Electron's appData is its .config), the
 * HubSpot sandbox on free ports, and the app as electron-builder packs it — package.json,
 * dist/desktop and dist/renderer from `npm run build` — with the HubSpot app settings written by the
 * build's own writeBuildConfig: resources/config.json beside the app, and the origins the build was
 * made with inside it (the sandbox's address differs each run, so each world packs its own copy).
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/server.ts';
import { writeBuildConfig } from '../../../scripts/write-build-config.ts';
import { freeRedirectUris } from '../../support/free-ports.ts';
import { desktopDir, projectRoot } from './launch.ts';

export interface RehearsalWorld {
  home: string;
  /** The packed app the launches run. */
  appRoot: string;
  resources: string;
  sandbox: Sandbox;
  /** The data folder the packaged app uses by default (appData/Contact Desk). */
  userData: string;
  dispose(): Promise<void>;
}

export async function startWorld(options: { sandbox?: SandboxOptions; buildEnv?: Record<string, string> } = {}): Promise<RehearsalWorld> {
  const home = mkdtempSync(join(tmpdir(), 'contact-desk-rehearsal-'));
  const redirectUris = await freeRedirectUris();
  const sandbox = await startSandbox({ contacts: 60, redirectUris, ...options.sandbox });
  const resources = join(home, 'resources');
  const appRoot = packApp(join(home, 'app'));
  writeBuildConfig(
    {
      HUBSPOT_CLIENT_ID: sandbox.clientId,
      HUBSPOT_CLIENT_SECRET: sandbox.clientSecret,
      HUBSPOT_AUTH_BASE_URL: sandbox.url,
      HUBSPOT_API_BASE_URL: sandbox.url,
      HUBSPOT_REDIRECT_PORTS: redirectUris.map((uri) => new URL(uri).port).join(','),
      ...options.buildEnv,
    },
    join(resources, 'config.json'),
    join(desktopDir(appRoot), 'build-origins.json'),
  );
  return {
    home,
    appRoot,
    resources,
    sandbox,
    userData: join(home, '.config', 'Contact Desk'),
    async dispose() {
      await sandbox.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** What electron-builder.yml's `files` puts in app.asar: the bundles, the renderer, package.json. */
function packApp(appRoot: string): string {
  if (!existsSync(join(projectRoot, 'dist', 'desktop', 'main.cjs'))) throw new Error('dist/desktop/main.cjs is missing: run `npm run build` first (npm run rehearse does).');
  for (const part of [join('dist', 'desktop'), join('dist', 'renderer'), 'package.json']) cpSync(join(projectRoot, part), join(appRoot, part), { recursive: true });
  return appRoot;
}
