/**
 * electron-builder.yml, checked the way electron-builder itself reads and validates it (its own
 * config loader and schema validator, the same code `npm run dist` runs), plus what the schema
 * cannot know: the fuses we rely on, what goes into the package, the targets, and the icons.
 * Packaging itself needs Electron downloads this machine cannot make, so this is the check here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (from: string, to: string, macroExpander: (pattern: string) => string, patterns: string[]) => {
    createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
  };
};
const { DebugLogger, log } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown; log: { info(...args: unknown[]): void } };
// electron-builder announces every config file it loads; a test has no use for that line.
log.info = () => {};

interface Target {
  target: string;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: { filter: string[] }[];
  asar: boolean;
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  mac: { target: Target[]; hardenedRuntime: boolean; icon: string; entitlements: string; entitlementsInherit: string; notarize?: unknown };
  win: { target: Target[]; icon: string };
  linux: { target: Target[]; icon: string };
  [key: string]: unknown;
}

const releaseFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

const load = (configPath: string | null = null) => getConfig(root, configPath, null);
const validate = (config: unknown) => validateConfiguration(config, new DebugLogger(false));

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.equal(bytes.toString('latin1', 1, 4), 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('electron-builder.yml passes electron-builder\'s own schema validation', async () => {
  await validate(await load());
});

test('the validator is live: a misspelt option is rejected', async () => {
  const config = await load();
  await assert.rejects(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }), /Invalid configuration object/);
  await assert.rejects(validate({ ...config, mac: { ...config.mac, hardenedRuntim: true } }), /Invalid configuration object/);
});

test('every security fuse is set for the release build', async () => {
  assert.deepEqual((await load()).electronFuses, releaseFuses);
});

test('the launch-test profile differs from the release only in allowing the inspector Playwright needs', async () => {
  const config = await load('build/electron-builder.launch-test.yml');
  await validate(config);
  assert.deepEqual(config.electronFuses, { ...releaseFuses, enableNodeCliInspectArguments: true });
  assert.equal(config.appId, (await load()).appId);
  assert.notEqual(config.directories.output, 'release', 'a test build never lands where release installers go');
});

test('the package holds the built bundles only: no sources, tests, sandbox, preview or node_modules', async () => {
  const config = await load();
  assert.equal(config.asar, true);
  const [files] = config.files;
  assert.ok(files && config.files.length === 1, 'one file set, relative to the project');
  const included = new FileMatcher(root, '/app', (pattern) => pattern, files.filter).createFilter();
  const file = { isDirectory: () => false };
  for (const path of ['dist/desktop/main.cjs', 'dist/desktop/preload.cjs', 'dist/desktop/export-worker.cjs', 'dist/desktop/tray/connected@2x.png', 'dist/renderer/index.html', 'dist/renderer/assets/index-C0eBi1PI.js', 'package.json']) {
    assert.equal(included(join(root, path), file), true, `${path} is packaged`);
  }
  for (const path of [
    'electron/desktop/main.ts',
    'electron/core/config.ts',
    'electron/preview/main.ts',
    'renderer/src/App.tsx',
    'sandbox/server.ts',
    'scripts/start.ts',
    'node_modules/react/index.js',
    'node_modules/electron/index.js',
    'dist/resources/config.json',
    'build/icons/1024x1024.png',
    '.env',
  ]) {
    assert.equal(included(join(root, path), file), false, `${path} stays out of the package`);
  }
  // The admin's HubSpot settings travel next to app.asar, not inside it.
  assert.deepEqual(
    config.extraResources.map(({ from, to }) => ({ from, to })),
    [{ from: 'dist/resources/config.json', to: 'config.json' }],
  );
});

test('installers for every desktop OS, macOS hardened and notarised from the environment', async () => {
  const config = await load();
  assert.equal(config.appId, 'com.contactdesk.app');
  assert.equal(config.productName, 'Contact Desk');
  assert.deepEqual(config.mac.target.map((item) => item.target), ['dmg']);
  assert.deepEqual(config.win.target.map((item) => item.target), ['nsis']);
  assert.deepEqual(config.linux.target.map((item) => item.target), ['AppImage', 'deb']);
  assert.equal(config.mac.hardenedRuntime, true);
  // Left unset on purpose: electron-builder notarises when APPLE_* credentials are in the
  // environment and skips with a warning otherwise. `false` would switch it off for good.
  assert.equal(config.mac.notarize, undefined);
  for (const key of ['cscLink', 'cscKeyPassword', 'identity'] as const) assert.equal((config.mac as Record<string, unknown>)[key], undefined, `mac.${key} comes from the environment`);
});

test('the macOS entitlements grant only what Electron needs', async () => {
  const config = await load();
  assert.equal(config.mac.entitlements, config.mac.entitlementsInherit);
  const plist = readFileSync(join(root, config.mac.entitlements), 'utf8');
  assert.deepEqual([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]), ['com.apple.security.cs.allow-jit']);
});

test('icons exist in every size the targets need', async () => {
  const config = await load();
  assert.deepEqual(pngSize(join(root, config.mac.icon)), { width: 1024, height: 1024 });
  assert.deepEqual(pngSize(join(root, config.win.icon)), { width: 256, height: 256 });
  const linuxIcons = readdirSync(join(root, config.linux.icon)).filter((name) => name.endsWith('.png'));
  for (const size of [16, 32, 48, 64, 128, 256, 512]) {
    assert.ok(linuxIcons.includes(`${size}x${size}.png`), `linux ${size}x${size}.png`);
    assert.deepEqual(pngSize(join(root, config.linux.icon, `${size}x${size}.png`)), { width: size, height: size });
  }
});

test('the main process declares the same app id (Windows notifications and the login item need it)', async () => {
  const appIdModule = readFileSync(join(root, 'electron/desktop/app-id.ts'), 'utf8');
  assert.equal(/export const appId = '([^']+)'/.exec(appIdModule)?.[1], (await load()).appId);
  const main = readFileSync(join(root, 'electron/desktop/main.ts'), 'utf8');
  assert.match(main, /import \{ appId \} from '\.\/app-id\.ts';/);
  assert.match(main, /app\.setAppUserModelId\(appId\)/);
  assert.ok(existsSync(join(root, 'build/entitlements.mac.plist')));
});
