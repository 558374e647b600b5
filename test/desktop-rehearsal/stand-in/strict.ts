/**
 * Every object the stand-in hands the app is strict: reading a member the stand-in does not
 * implement throws an error naming the Electron API, and is recorded, so a call the app makes that
 * the rehearsal cannot answer fails it loudly instead of being a silent no-op.
 */
import { record } from './host-link.ts';

/** Members any JavaScript machinery may probe (promises, inspection, module interop) without calling Electron. */
const probes = new Set<PropertyKey>(['then', 'toJSON', 'constructor', 'asymmetricMatch', '$$typeof', 'nodeType', 'inspect', '__esModule', 'default']);

export class UnimplementedError extends Error {
  constructor(api: string) {
    super(`The rehearsal's Electron stand-in does not implement ${api}. Implement it in test/desktop-rehearsal/stand-in/ following Electron's documentation, or do not call it.`);
    this.name = 'UnimplementedError';
  }
}

export function unimplemented(api: string): never {
  record('unimplemented', { name: api });
  throw new UnimplementedError(api);
}

/** Methods are bound to the object itself, so its private state works through the proxy. */
export function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(object, key) {
      if (typeof key === 'symbol' || key in object || probes.has(key)) {
        const value = Reflect.get(object, key, object) as unknown;
        return typeof value === 'function' && typeof key === 'string' && !/^[A-Z]/.test(key) ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      }
      return unimplemented(`${name}.${key}`);
    },
  });
}
