/**
 * Puts an admin's HubSpot app settings into a build. At build time they come from environment
 * variables and go to dist/resources/config.json, which electron-builder copies into the installed
 * app's resources folder (`extraResources`), where the main process reads it. They never go into the
 * renderer bundle or into app.asar.
 *
 *   HUBSPOT_CLIENT_ID=… HUBSPOT_CLIENT_SECRET=… npm run dist
 *
 * The origins among them that are not HubSpot's own go into dist/desktop/build-origins.json, which
 * is packed inside app.asar: a packaged app accepts only HubSpot's origins and those (see
 * electron/core/config.ts), so a changed resources file cannot point it elsewhere.
 *
 * Without a client id the file is written empty (the app then runs from `npm start` with the
 * sandbox), and `npm run dist` refuses to build an installer at all (`--for-installer`, below): an
 * installed copy without them could only say it is not set up and close.
 * Runs as part of `npm run build:desktop`; standalone: node_modules/.bin/node scripts/write-build-config.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminConfigKeys, buildOriginsFrom, loadConfig } from '../electron/core/config.ts';


export const defaultBuildConfigFile = fileURLToPath(new URL('../dist/resources/config.json', import.meta.url));
/** Inside app.asar, beside main.cjs (written after the bundles, which empty dist/desktop first). */
export const defaultBuildOriginsFile = fileURLToPath(new URL('../dist/desktop/build-origins.json', import.meta.url));

export interface BuildConfigResult {
  file: string;
  /** Which settings went in (names only: the values include the client secret). */
  keys: string[];
  /** Why nothing went in, when nothing did. */
  skipped?: string;
}

export function writeBuildConfig(env: Record<string, string | undefined>, file = defaultBuildConfigFile, originsFile = defaultBuildOriginsFile): BuildConfigResult {
  mkdirSync(join(file, '..'), { recursive: true });
  mkdirSync(join(originsFile, '..'), { recursive: true });
  const write = (config: Record<string, string>) => {
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    writeFileSync(originsFile, `${JSON.stringify(buildOriginsFrom(config))}\n`);
  };

  // The launcher's sandbox settings point at a throwaway server on this computer: never ship them.
  if (env.CONTACT_DESK_SANDBOX === '1') {
    write({});
    return { file, keys: [], skipped: 'the environment points at the local sandbox (CONTACT_DESK_SANDBOX=1)' };
  }
  const config = Object.fromEntries(adminConfigKeys.filter((key) => env[key]).map((key) => [key, env[key]!.trim()]));
  if (!config.HUBSPOT_CLIENT_ID) {
    write({});
    return { file, keys: [], skipped: 'HUBSPOT_CLIENT_ID is not set' };
  }
  // The app's own rules, so a build never ships settings the app would refuse at start-up.
  loadConfig({ env: config, defaultDataDir: join(file, '..', 'no-data-dir') });
  write(config as Record<string, string>);
  return { file, keys: Object.keys(config) };
}

const requiredForInstaller = ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET'] as const;

/** Why no installer may be built from this environment (a sentence naming the variables), or null. */
export function installerSettingsProblem(env: Record<string, string | undefined>): string | null {
  const howTo = 'Set them from your HubSpot app\'s Auth page and run it again, for example: HUBSPOT_CLIENT_ID=… HUBSPOT_CLIENT_SECRET=… npm run dist';
  if (env.CONTACT_DESK_SANDBOX === '1') {
    return `No installer was built: the environment points at the local HubSpot sandbox (CONTACT_DESK_SANDBOX=1), which only exists on this computer. Unset CONTACT_DESK_SANDBOX and the HUBSPOT_* settings it came with, then set your HubSpot app's. ${howTo}`;
  }
  const missing = requiredForInstaller.filter((key) => !env[key]?.trim());
  if (missing.length > 0) {
    return `No installer was built: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, and an installed Contact Desk without the HubSpot app's settings can only say it is not set up and close. ${howTo}`;
  }
  try {
    loadConfig({ env, defaultDataDir: join(defaultBuildConfigFile, '..', 'no-data-dir') });
  } catch (error) {
    return `No installer was built: ${error instanceof Error ? error.message : String(error)}`;
  }
  return null;
}

if (import.meta.main && process.argv.includes('--for-installer')) {
  const problem = installerSettingsProblem(process.env);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
} else if (import.meta.main) {
  try {
    const result = writeBuildConfig(process.env);
    console.log(result.skipped ? `No HubSpot app settings in this build (${result.skipped}).` : `HubSpot app settings for the build: ${result.keys.join(', ')}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
