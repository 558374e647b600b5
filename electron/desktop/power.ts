/**
 * Tells the status monitor when the computer wakes and when the network comes and goes. Electron's
 * main process has no online/offline event, so net.isOnline() is polled; it only reads the OS's
 * network state (no request is made), so a short interval costs nothing.
 */
import { net, powerMonitor } from 'electron';
import type { Logger } from '../core/ports.ts';

const networkPollMs = 5_000;

export function watchPowerAndNetwork(options: { onWake(): void; onNetworkChange(online: boolean): void; log: Logger }): () => void {
  const { log } = options;
  const wake = () => {
    log.info('power: the computer woke up');
    options.onWake();
  };
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', wake);

  let online = net.isOnline();
  const poll = setInterval(() => {
    const now = net.isOnline();
    if (now === online) return;
    online = now;
    log.info(online ? 'network: back online' : 'network: offline');
    options.onNetworkChange(online);
  }, networkPollMs);
  poll.unref();

  return () => {
    clearInterval(poll);
    powerMonitor.off('resume', wake);
    powerMonitor.off('unlock-screen', wake);
  };
}
