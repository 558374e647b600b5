/**
 * The command line of `npm run sandbox`: one table of options, from which both the parser and the
 * `--help` text are made, so the two cannot drift apart.
 */
import { parseArgs } from 'node:util';
import { KNOWN_SCOPES } from './oauth.ts';
import type { SandboxOptions } from './server.ts';

/** what parseArgs hands over for one option */
type Given = string | boolean | (string | boolean)[];

interface OptionSpec {
  name: string;
  value?: string;
  help: string;
  multiple?: boolean;
  apply(options: SandboxOptions, value: Given): void;
}

const whole = (name: string, min: number) => (value: Given): number => {
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min) throw new CliError(`--${name} takes a whole number of at least ${min}, not ${JSON.stringify(value)}.`);
  return n;
};
const text = (value: Given): string => String(value);
const texts = (value: Given): string[] => (Array.isArray(value) ? value : [value]).map(String);

const SPECS: OptionSpec[] = [
  { name: 'port', value: 'N', help: 'port to listen on (default: any free port)', apply: (o, v) => void (o.port = whole('port', 0)(v)) },
  { name: 'host', value: 'HOST', help: 'address to listen on (default: 127.0.0.1)', apply: (o, v) => void (o.host = text(v)) },
  { name: 'contacts', value: 'N', help: 'how many sample contacts (default: 5000; 1000000 is fine)', apply: (o, v) => void (o.contacts = whole('contacts', 0)(v)) },
  { name: 'seed', value: 'N', help: 'sample data seed: the same seed gives the same data (default: 1)', apply: (o, v) => void (o.seed = whole('seed', 0)(v)) },
  { name: 'client-id', value: 'ID', help: 'the app\'s client id (default: sandbox-client-id)', apply: (o, v) => void (o.clientId = text(v)) },
  { name: 'client-secret', value: 'SECRET', help: 'the app\'s client secret (default: sandbox-client-secret)', apply: (o, v) => void (o.clientSecret = text(v)) },
  { name: 'redirect-uri', value: 'URI', multiple: true, help: 'a registered redirect URL; repeat for several (default: http://localhost:53682-53684/oauth-callback)', apply: (o, v) => void (o.redirectUris = texts(v)) },
  { name: 'latency-ms', value: 'N', help: 'delay every API answer this long (default: 0)', apply: (o, v) => void (o.latencyMs = whole('latency-ms', 0)(v)) },
  { name: 'jitter-ms', value: 'N', help: 'add up to this much random delay (default: 0)', apply: (o, v) => void (o.jitterMs = whole('jitter-ms', 0)(v)) },
  { name: 'rate-limit', value: 'N', help: 'API requests per 10 seconds per account (default: 110)', apply: (o, v) => void (o.rateLimit = { max: whole('rate-limit', 1)(v), intervalMs: 10_000 }) },
  { name: 'search-rate-limit', value: 'N', help: 'searches per second per account (default: 5)', apply: (o, v) => void (o.searchRateLimitPerSecond = whole('search-rate-limit', 1)(v)) },
  { name: 'access-token-ttl', value: 'SECONDS', help: 'access token lifetime (default: 1800)', apply: (o, v) => void (o.accessTokenTtlSeconds = whole('access-token-ttl', 1)(v)) },
  { name: 'rotate-refresh-tokens', help: 'issue a new refresh token at every refresh', apply: (o) => void (o.rotateRefreshTokens = true) },
  { name: 'app-name', value: 'NAME', help: 'the app name on the consent page (default: Contact Desk (sandbox))', apply: (o, v) => void (o.appName = text(v)) },
  { name: 'extra-owners', value: 'N', help: 'this many more contact owners besides the standard ones (default: 0)', apply: (o, v) => void (o.extraOwners = whole('extra-owners', 0)(v)) },
  {
    name: 'without-scope', value: 'SCOPE', multiple: true, help: 'the account does not grant this scope, e.g. crm.lists.read; repeat for several',
    apply: (o, v) => {
      const denied = texts(v);
      const unknown = denied.filter((s) => !(s in KNOWN_SCOPES));
      if (unknown.length > 0) throw new CliError(`--without-scope: unknown scope ${unknown.join(', ')}. Known scopes: ${Object.keys(KNOWN_SCOPES).join(', ')}.`);
      o.accounts = [{ hubId: 243_000_111, domain: 'acme-sample.hubspot.com', userEmail: 'pat.jones@acme-sample.example', grantedScopes: Object.keys(KNOWN_SCOPES).filter((s) => !denied.includes(s)) }];
    },
  },
];

export class CliError extends Error {}

export const USAGE = [
  'Usage: npm run sandbox -- [options]',
  '',
  'Starts the local HubSpot sandbox (OAuth, contacts, owners, lists) and prints one JSON line,',
  '{"url", "clientId", "clientSecret", "redirectUris"}, once it listens. Stop it with Ctrl+C.',
  '',
  'Options:',
  ...SPECS.map((s) => `  --${s.name}${s.value ? ` ${s.value}` : ''}`.padEnd(32) + s.help),
  `${'  -h, --help'.padEnd(32)}show this text`,
  '',
  'Example: npm run sandbox -- --port 8123 --contacts 100000 --without-scope crm.lists.read',
].join('\n');

export type CliRequest = { kind: 'help' } | { kind: 'run'; options: SandboxOptions };

/** argv (after the script name) → what to do; throws CliError with a sentence on bad input */
export function parseCli(argv: string[]): CliRequest {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(SPECS.map((s) => [s.name, { type: s.value ? 'string' : 'boolean', ...(s.multiple ? { multiple: true } : {}) } as const])),
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw new CliError(`unknown option ${option}.`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /'(--[a-z-]+)/.exec(message)?.[1];
      const spec = SPECS.find((s) => `--${s.name}` === option);
      if (spec?.value) throw new CliError(`${option} needs a value (${spec.value}).`);
      if (spec) throw new CliError(`${option} takes no value.`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new CliError(`unexpected argument ${/'([^']+)'/.exec(message)?.[1] ?? ''}: options start with --.`);
    throw new CliError(message.replace(/\.?$/, '.'));
  }
  if (parsed.values.help) return { kind: 'help' };
  const options: SandboxOptions = {};
  for (const spec of SPECS) {
    const value = parsed.values[spec.name];
    if (value !== undefined) spec.apply(options, value);
  }
  return { kind: 'run', options };
}
