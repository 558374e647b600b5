/**
 * A TCP relay in front of the sandbox that the test can cut and restore, like pulling and
 * re-plugging the network cable: while cut, connections to it are refused; restored, it listens
 * on the same port again and HubSpot's state (tokens, contacts) is still there behind it.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpRelay {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpRelay(targetUrl: string): Promise<TcpRelay> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((client) => {
        const upstream = connect(Number(target.port), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        const address = next.address();
        if (address && typeof address === 'object') port = address.port;
        server = next;
        resolve();
      });
    });

  const cut = () =>
    new Promise<void>((resolve) => {
      const running = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (!running) return resolve();
      running.close(() => resolve());
    });

  await listen();
  return { url: `http://127.0.0.1:${port}`, cut, restore: listen, close: cut };
}
