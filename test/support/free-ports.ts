import { createServer } from 'node:net';
import { redirectUriFor } from '../../electron/core/config.ts';

/** Loopback ports that were free a moment ago, all different (each is held until all are found). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Sign-in redirect URIs on free ports, so a test's sandbox and app never collide with a running app. */
export async function freeRedirectUris(count = 3): Promise<string[]> {
  return (await freePorts(count)).map(redirectUriFor);
}
