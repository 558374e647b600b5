/**
 * Step one of start-up, before anything reads Electron's userData path: the app's settings, its data
 * folder (created, then given to Electron), and whether a HubSpot app is configured at all.
 */
import { app } from 'electron';
import { join } from 'node:path';
import { loadConfig, readBuildOrigins } from '../core/config.ts';
import { isAppError } from '../core/errors.ts';
import type { ResolvedConfig } from '../core/services.ts';
import { ensureDataFolder } from './data-folder.ts';
import { bundledPaths } from './paths.ts';

export type StartupConfig = { ok: true; config: ResolvedConfig } | { ok: false; message: string; error?: unknown };

const notSetUp =
  'This copy of Contact Desk has no HubSpot app set up. If your IT team gave it to you, ask them for a build that includes the HubSpot app settings. To try it with sample data, run "npm start" in the project folder.';

/**
 * CONTACT_DESK_DATA_DIR also moves Chromium's profile and the single-instance lock, so a test or a
 * second configured copy never touches the user's own. Call before the app is ready.
 */
export function readStartupConfig(): StartupConfig {
  try {
    const config = loadConfig({
      env: process.env,
      defaultDataDir: app.getPath('userData'),
      // Packaged: the HubSpot app settings come from the build alone (core/config.ts says why).
      packaged: app.isPackaged ? { resourceConfigFile: join(process.resourcesPath, 'config.json'), buildOrigins: readBuildOrigins(bundledPaths().buildOrigins) } : undefined,
    });
    const folderProblem = ensureDataFolder(config.dataDir);
    if (folderProblem) return { ok: false, message: folderProblem.message, error: folderProblem.cause };
    if (config.dataDir !== app.getPath('userData')) app.setPath('userData', config.dataDir);
    if (config.hubspot === null) return { ok: false, message: notSetUp };
    return { ok: true, config: config as ResolvedConfig };
  } catch (error) {
    return { ok: false, message: isAppError(error) ? error.message : 'Its settings could not be read.', error };
  }
}
