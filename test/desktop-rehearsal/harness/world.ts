/**
 * The ground a rehearsal stands on: a fresh home folder (Electron's appData is its .config), the
 * HubSpot sandbox on free ports, and a resources folder with the HubSpot app settings written by
 * the build's own writeBuildConfig — the packaged app reads them from there, as an installed copy
 * does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/server.ts';
import { writeBuildConfig } from '../../../scripts/write-build-config.ts';
import { freeRedirectUris } from '../../support/free-ports.ts';

export interface RehearsalWorld {
  home: string;
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
  );
  return {
    home,
    resources,
    sandbox,
    userData: join(home, '.config', 'Contact Desk'),
    async dispose() {
      await sandbox.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
