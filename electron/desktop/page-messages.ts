/**
 * Messages from the main process to the page wait until the page can hear them: before its first
 * load has finished (webContents.isLoading() is still false before loadURL is even called, so it
 * cannot tell), and while it reloads (after a crash). They then go out in the order they were sent.
 * Pure (no 'electron'), so the ordering is tested under Node.
 */

export interface PageMessages {
  send(channel: string, ...args: unknown[]): void;
  /** The page finished loading ('did-finish-load'): everything waiting goes out now. */
  loaded(): void;
}

/** More than this waiting means the page never loads; the oldest are dropped rather than kept forever. */
const maxWaiting = 2_000;

export function createPageMessages(page: { deliver(channel: string, args: unknown[]): void; isLoading(): boolean }): PageMessages {
  let loadedOnce = false;
  const waiting: [string, unknown[]][] = [];
  const flush = () => {
    for (const [channel, args] of waiting.splice(0)) page.deliver(channel, args);
  };
  return {
    send(channel, ...args) {
      if (loadedOnce && !page.isLoading() && waiting.length === 0) return page.deliver(channel, args);
      waiting.push([channel, args]);
      if (waiting.length > maxWaiting) waiting.shift();
    },
    loaded() {
      loadedOnce = true;
      flush();
    },
  };
}
