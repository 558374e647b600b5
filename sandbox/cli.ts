/**
 * npm run sandbox -- [--port N] [--contacts N] [--client-id X] [--client-secret Y]
 *   [--redirect-uri URI ...] [--latency-ms N] [--rate-limit N] [--access-token-ttl S]
 *   (also: --host H --seed N --jitter-ms N --search-rate-limit N --rotate-refresh-tokens --app-name X)
 *
 * Once listening, prints exactly one JSON line to stdout:
 *   {"url":...,"clientId":...,"clientSecret":...,"redirectUris":[...]}
 * and runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './server.ts';
import type { SandboxOptions } from './server.ts';

function int(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`sandbox: --${name} must be an integer >= ${min}, got ${JSON.stringify(value)}\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    contacts: { type: 'string' },
    seed: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
    'latency-ms': { type: 'string' },
    'jitter-ms': { type: 'string' },
    'rate-limit': { type: 'string' },
    'search-rate-limit': { type: 'string' },
    'access-token-ttl': { type: 'string' },
    'rotate-refresh-tokens': { type: 'boolean' },
    'app-name': { type: 'string' },
  },
  strict: true,
  allowPositionals: false,
});

const options: SandboxOptions = {};
const port = int('port', values.port);
if (port !== undefined) options.port = port;
if (values.host) options.host = values.host;
const contacts = int('contacts', values.contacts);
if (contacts !== undefined) options.contacts = contacts;
const seed = int('seed', values.seed);
if (seed !== undefined) options.seed = seed;
if (values['client-id']) options.clientId = values['client-id'];
if (values['client-secret']) options.clientSecret = values['client-secret'];
if (values['redirect-uri'] && values['redirect-uri'].length > 0) options.redirectUris = values['redirect-uri'];
const latency = int('latency-ms', values['latency-ms']);
if (latency !== undefined) options.latencyMs = latency;
const jitter = int('jitter-ms', values['jitter-ms']);
if (jitter !== undefined) options.jitterMs = jitter;
const rate = int('rate-limit', values['rate-limit'], 1);
if (rate !== undefined) options.rateLimit = { max: rate, intervalMs: 10_000 };
const searchRate = int('search-rate-limit', values['search-rate-limit'], 1);
if (searchRate !== undefined) options.searchRateLimitPerSecond = searchRate;
const ttl = int('access-token-ttl', values['access-token-ttl'], 1);
if (ttl !== undefined) options.accessTokenTtlSeconds = ttl;
if (values['rotate-refresh-tokens']) options.rotateRefreshTokens = true;
if (values['app-name']) options.appName = values['app-name'];

const sandbox = await startSandbox(options);
process.stdout.write(`${JSON.stringify({ url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, redirectUris: sandbox.redirectUris })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  sandbox.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
