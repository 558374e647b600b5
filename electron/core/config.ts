/**
 * Where Contact Desk finds its HubSpot app and its data. In development and the preview, sources
 * highest priority first: environment variables, `config.json` in the data directory. With no
 * client id anywhere, the shells start the local HubSpot sandbox and point the app at it
 * (CONTACT_DESK_SANDBOX=1 marks that).
 *
 * A packaged build takes its HubSpot app settings only from the config file the admin's build put in
 * the app's resources: a user-writable `config.json` or environment variable could otherwise send
 * the client secret, and then every token, to a server of someone else's choosing. Its origins must
 * be HubSpot's own, or ones the build itself was made with (a list inside app.asar, whose integrity
 * Electron checks, so editing the resources file cannot add one).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.ts';
import type { HubSpotConfig } from './auth/hubspot-config.ts';
import { optionalScopes } from './hubspot/optional-scopes.ts';
import type { ManagedOpenAtLogin } from './login-item/open-at-login.ts';

export const defaultScopes = ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'];
/** Owner names and list filters: asked for as optional scopes (`none` in HUBSPOT_OPTIONAL_SCOPES asks for none). */
export const defaultOptionalScopes: string[] = [...optionalScopes];
export const defaultRedirectPorts = [53682, 53683, 53684];
export const redirectPath = '/oauth-callback';
export const redirectUriFor = (port: number): string => `http://localhost:${port}${redirectPath}`;

export interface AppConfig {
  dataDir: string;
  mode: 'sandbox' | 'hubspot';
  /** Null when no HubSpot app is configured: the shell must start the sandbox. */
  hubspot: HubSpotConfig | null;
  /** The admin's CONTACT_DESK_OPEN_AT_LOGIN ("on"/"off" for everyone); null: each user chooses. */
  openAtLogin: ManagedOpenAtLogin;
}

/** The settings an admin may give (environment, config.json, or a build's resources). */
export const adminConfigKeys = [
  'HUBSPOT_CLIENT_ID',
  'HUBSPOT_CLIENT_SECRET',
  'HUBSPOT_SCOPES',
  'HUBSPOT_OPTIONAL_SCOPES',
  'HUBSPOT_REDIRECT_PORTS',
  'HUBSPOT_AUTH_BASE_URL',
  'HUBSPOT_API_BASE_URL',
  'CONTACT_DESK_DATA_DIR',
  'CONTACT_DESK_OPEN_AT_LOGIN',
] as const;
/** Set by the launchers that start the sandbox; never part of a build. */
const keys = [...adminConfigKeys, 'CONTACT_DESK_SANDBOX'] as const;
type Key = (typeof keys)[number];
type RawConfig = Partial<Record<Key, string>>;

const configFileSchema = z.object(Object.fromEntries(keys.map((key) => [key, z.string().optional()]))).partial();

/** HubSpot's own consent-page and API origins, in every data-centre region (app-eu1.hubspot.com, api-eu1.hubapi.com, …). */
const hubspotOrigins: Partial<Record<Key, RegExp>> = {
  HUBSPOT_AUTH_BASE_URL: /^https:\/\/app(?:-[a-z]{2}\d{1,2})?\.hubspot\.com$/,
  HUBSPOT_API_BASE_URL: /^https:\/\/api(?:-[a-z]{2}\d{1,2})?\.hubapi\.com$/,
};
const originKeys = ['HUBSPOT_AUTH_BASE_URL', 'HUBSPOT_API_BASE_URL'] as const;

export const isHubSpotOrigin = (key: (typeof originKeys)[number], origin: string): boolean => hubspotOrigins[key]?.test(origin) ?? false;

/** A packaged build's sources of settings. */
export interface PackagedBuild {
  /** The build's resources/config.json: the only source of the HubSpot app settings. */
  resourceConfigFile: string;
  /** Origins other than HubSpot's the build was made with (see buildOriginsFrom). */
  buildOrigins: readonly string[];
}

const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

function parseOrigin(name: Key, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('bad-input', `${name} must be a web address such as https://api.hubapi.com (it is "${value}").`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new AppError('bad-input', `${name} must use https (plain http is only allowed for this computer).`);
  }
  return url.origin;
}

function parsePorts(value: string): number[] {
  const ports = value.split(',').map((part) => Number(part.trim()));
  if (ports.length === 0 || ports.some((port) => !Number.isInteger(port) || port < 1024 || port > 65535)) {
    throw new AppError('bad-input', `HUBSPOT_REDIRECT_PORTS must be a comma-separated list of port numbers between 1024 and 65535 (it is "${value}").`);
  }
  return ports;
}

function readConfigFile(path: string): RawConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('bad-input', `The configuration file ${path} is not valid JSON. Fix it or remove it.`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError('bad-input', `The configuration file ${path} has a setting that is not text. Every value must be in quotes.`);
  return parsed.data as RawConfig;
}

function parseOpenAtLogin(value: string | undefined): ManagedOpenAtLogin {
  if (value === undefined || value.trim() === '') return null;
  const choice = value.trim().toLowerCase();
  if (choice === 'on' || choice === 'off') return choice;
  throw new AppError('bad-input', `CONTACT_DESK_OPEN_AT_LOGIN must be "on" or "off" (it is "${value}").`);
}

export function loadConfig(options: { env: Record<string, string | undefined>; defaultDataDir: string; packaged?: PackagedBuild }): AppConfig {
  const fromEnv: RawConfig = Object.fromEntries(keys.filter((key) => options.env[key]).map((key) => [key, options.env[key]]));
  const { packaged } = options;
  const fromResources = packaged ? readConfigFile(packaged.resourceConfigFile) : {};
  // The data folder may move in any build (tests and second copies do): it holds no setting of the HubSpot app.
  const dataDir = fromEnv.CONTACT_DESK_DATA_DIR ?? fromResources.CONTACT_DESK_DATA_DIR ?? options.defaultDataDir;
  const raw: RawConfig = packaged ? withoutSandboxMark(fromResources) : { ...readConfigFile(join(dataDir, 'config.json')), ...fromEnv };
  const mode = raw.CONTACT_DESK_SANDBOX === '1' ? 'sandbox' : 'hubspot';
  const openAtLogin = parseOpenAtLogin(raw.CONTACT_DESK_OPEN_AT_LOGIN);

  if (!raw.HUBSPOT_CLIENT_ID) return { dataDir, mode: 'sandbox', hubspot: null, openAtLogin };
  if (!raw.HUBSPOT_CLIENT_SECRET) {
    throw new AppError('bad-input', 'HUBSPOT_CLIENT_ID is set but HUBSPOT_CLIENT_SECRET is not. Set both from your HubSpot app\'s Auth page.');
  }
  if (packaged) checkBuildOrigins(raw, packaged.buildOrigins);
  return {
    dataDir,
    mode,
    openAtLogin,
    hubspot: {
      clientId: raw.HUBSPOT_CLIENT_ID,
      clientSecret: raw.HUBSPOT_CLIENT_SECRET,
      scopes: raw.HUBSPOT_SCOPES ? raw.HUBSPOT_SCOPES.split(/[\s,]+/).filter(Boolean) : defaultScopes,
      optionalScopes: raw.HUBSPOT_OPTIONAL_SCOPES ? raw.HUBSPOT_OPTIONAL_SCOPES.split(/[\s,]+/).filter((s) => s && s !== 'none') : defaultOptionalScopes,
      redirectPorts: raw.HUBSPOT_REDIRECT_PORTS ? parsePorts(raw.HUBSPOT_REDIRECT_PORTS) : defaultRedirectPorts,
      authBaseUrl: parseOrigin('HUBSPOT_AUTH_BASE_URL', raw.HUBSPOT_AUTH_BASE_URL ?? 'https://app.hubspot.com'),
      apiBaseUrl: parseOrigin('HUBSPOT_API_BASE_URL', raw.HUBSPOT_API_BASE_URL ?? 'https://api.hubapi.com'),
    },
  };
}

function withoutSandboxMark(raw: RawConfig): RawConfig {
  const { CONTACT_DESK_SANDBOX: _ignored, ...rest } = raw;
  return rest;
}

/** A packaged build's origins: HubSpot's own, or ones the build was made with. */
function checkBuildOrigins(raw: RawConfig, buildOrigins: readonly string[]): void {
  for (const key of originKeys) {
    const value = raw[key];
    if (value === undefined) continue;
    const origin = parseOrigin(key, value);
    if (isHubSpotOrigin(key, origin) || buildOrigins.includes(origin)) continue;
    throw new AppError(
      'bad-input',
      `This copy of Contact Desk has been changed: its settings send sign-ins to ${origin} (${key}), which is not HubSpot and not an address it was built with. Install it again from your IT team.`,
    );
  }
}

/**
 * The origins of a build's settings that are not HubSpot's own: written into the build (inside
 * app.asar) so a packaged app accepts them, and nothing else.
 */
export function buildOriginsFrom(settings: Record<string, string | undefined>): string[] {
  return originKeys.flatMap((key) => {
    const value = settings[key];
    if (!value) return [];
    const origin = parseOrigin(key, value);
    return isHubSpotOrigin(key, origin) ? [] : [origin];
  });
}

/** The list buildOriginsFrom wrote into the build; none (HubSpot's only) when missing or unreadable. */
export function readBuildOrigins(file: string): string[] {
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The environment a launcher passes on after starting the sandbox, so the app talks to it. */
export function sandboxEnvironment(sandbox: { url: string; clientId: string; clientSecret: string }, redirectPorts = defaultRedirectPorts): Record<string, string> {
  return {
    HUBSPOT_CLIENT_ID: sandbox.clientId,
    HUBSPOT_CLIENT_SECRET: sandbox.clientSecret,
    HUBSPOT_AUTH_BASE_URL: sandbox.url,
    HUBSPOT_API_BASE_URL: sandbox.url,
    HUBSPOT_REDIRECT_PORTS: redirectPorts.join(','),
    CONTACT_DESK_SANDBOX: '1',
  };
}
