/**
 * Validates and dispatches one IPC call against the contract. Both shells (Electron's ipcMain and
 * the preview's HTTP bridge) route every call through here after checking who sent it, so a
 * malformed call always ends as a clear error value and never reaches a handler.
 */
import { channels, type ChannelName, type Handlers } from '../ipc/contract.ts';
import type { IpcResult } from '../ipc/types.ts';
import { AppError, toErrorView } from './errors.ts';
import type { Logger } from './ports.ts';

export type Dispatch = (channel: string, input: unknown) => Promise<IpcResult<unknown>>;

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

/**
 * Only what JSON can carry may reach a schema: a Date, Map or class instance would otherwise parse
 * as an object with no fields, i.e. a silent "no change".
 */
function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object') return ['string', 'number', 'boolean'].includes(typeof value);
  const prototype = Object.getPrototypeOf(value);
  if (Array.isArray(value)) return prototype === Array.prototype && value.every((item) => isPlainData(item, depth + 1));
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => isPlainData(item, depth + 1));
}

export function createRouter(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, input) => {
    try {
      if (!isChannelName(channel)) {
        throw new AppError('bad-input', 'Contact Desk received a request it does not know. Restart the app if this keeps happening.');
      }
      const parsed = isPlainData(input) ? channels[channel].input.safeParse(input) : null;
      if (!parsed?.success) {
        const where = parsed ? parsed.error.issues.map((issue) => issue.path.join('.') || 'input').join(', ') : 'input';
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
