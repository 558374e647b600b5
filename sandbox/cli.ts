/**
 * npm run sandbox -- [options]   (npm run sandbox -- --help lists them)
 *
 * Once listening, prints exactly one JSON line to stdout:
 *   {"url":...,"clientId":...,"clientSecret":...,"redirectUris":[...]}
 * and runs until SIGINT/SIGTERM. Bad options get one sentence on stderr and exit code 2.
 */
import { CliError, USAGE, parseCli } from './cli-options.ts';
import type { CliRequest } from './cli-options.ts';
import { startSandbox } from './server.ts';

let request: CliRequest;
try {
  request = parseCli(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  process.stderr.write(`sandbox: ${error.message} Run "npm run sandbox -- --help" to see the options.\n`);
  process.exit(2);
}
if (request.kind === 'help') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
try {
  sandbox = await startSandbox(request.options);
} catch (error) {
  const code = (error as { code?: string }).code;
  const port = request.options.port ?? 0;
  const sentence = code === 'EADDRINUSE' ? `port ${port} is already in use. Pick another with --port, or leave it out to take any free port.`
    : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? `this computer has no address ${request.options.host ?? ''} to listen on.`
      : code === 'EACCES' ? `this user may not listen on port ${port}. Pick a port above 1023.`
        : `could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`sandbox: ${sentence}\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, redirectUris: sandbox.redirectUris })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  sandbox.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
