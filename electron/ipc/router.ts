/**
 * Validates and dispatches one IPC call against the contract. Both shells (Electron's ipcMain and
 * the preview's HTTP bridge) route every call through here after checking who sent it, so a
 * malformed call always ends as a clear error value and never reaches a handler.
 */
import { channels, type ChannelName, type Handlers } from './contract.ts';
import type { IpcResult } from './types.ts';
import { AppError, toErrorView } from '../core/errors.ts';
import type { Logger } from '../core/ports.ts';

export type Dispatch = (channel: string, input: unknown) => Promise<IpcResult<unknown>>;

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

export function createRouter(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, input) => {
    try {
      if (!isChannelName(channel)) {
        throw new AppError('bad-input', 'Contact Desk received a request it does not know. Restart the app if this keeps happening.');
      }
      const parsed = channels[channel].input.safeParse(input);
      if (!parsed.success) {
        const where = parsed.error.issues.map((issue) => issue.path.join('.') || 'input').join(', ');
        log.warn('ipc: rejected malformed input', { channel, where });
        throw new AppError('bad-input', `Contact Desk received a request it could not read (${channel}: ${where}).`);
      }
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (!(error instanceof AppError)) log.error('ipc: handler failed', { channel, error: String(error) });
      return { ok: false, error: toErrorView(error) };
    }
  };
}
