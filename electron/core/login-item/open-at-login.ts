/**
 * The "Open Contact Desk when I sign in to this computer" setting. It is not kept in Contact Desk's
 * own settings: the OS's list of login items is the truth, read each time, so the checkbox is off
 * once the user removed Contact Desk there. An IT admin may manage it for everyone
 * (CONTACT_DESK_OPEN_AT_LOGIN in config.json): then it is applied at every start and can't be
 * changed in the app.
 */
import type { OpenAtLoginView } from '../../ipc/types.ts';
import { AppError, isAppError } from '../errors.ts';
import type { KeyValueStore, Logger } from '../ports.ts';
import type { LoginItemPort } from './login-item-port.ts';

export type ManagedOpenAtLogin = OpenAtLoginView['managed'];

export interface OpenAtLoginOptions {
  port: LoginItemPort;
  managed: ManagedOpenAtLogin;
  store: KeyValueStore;
  log: Logger;
}

export interface OpenAtLogin {
  view(): Promise<OpenAtLoginView>;
  /** Never rejects for the OS's refusal: the view then shows the real state and, in `problem`, why. */
  set(enabled: boolean): Promise<OpenAtLoginView>;
  /** At every start: applies the admin's choice, and points an entry left by an older install at this one. */
  start(): Promise<void>;
  /**
   * For the first scheduled export the user saves: true once, if the setting is off and the user may
   * turn it on, so the window can offer it. Later calls answer false.
   */
  claimOffer(): Promise<boolean>;
}

const offeredKey = 'openAtLogin.offered';

export const managedSentence = { on: 'Your IT team has turned this on for everyone.', off: 'Your IT team has turned this off for everyone.' } as const;

const sentenceOf = (error: unknown) => (isAppError(error) ? error.message : "Contact Desk couldn't reach the list of apps that open when you sign in.");

export function createOpenAtLogin({ port, managed, store, log }: OpenAtLoginOptions): OpenAtLogin {
  const view = async (failure: string | null = null): Promise<OpenAtLoginView> => {
    try {
      const state = await port.read();
      return { enabled: state.enabled, managed, problem: failure ?? state.problem ?? null };
    } catch (error) {
      log.warn('open at login: could not read the login item', { error });
      return { enabled: false, managed, problem: failure ?? sentenceOf(error) };
    }
  };

  return {
    view: () => view(),
    async set(enabled) {
      if (managed !== null) throw new AppError('permission-denied', managedSentence[managed]);
      try {
        await port.write(enabled);
        log.info('open at login: set', { enabled });
        return await view();
      } catch (error) {
        log.warn('open at login: could not change the login item', { enabled, error });
        return view(sentenceOf(error));
      }
    },
    async start() {
      try {
        const state = await port.read();
        const wanted = managed === null ? state.enabled : managed === 'on';
        if (state.enabled === wanted && !(wanted && state.stale)) return;
        await port.write(wanted);
        log.info('open at login: applied at start', { enabled: wanted, managed, replacedStale: state.enabled && state.stale === true });
      } catch (error) {
        log.warn('open at login: could not apply at start', { managed, error });
      }
    },
    async claimOffer() {
      if (managed !== null || store.get(offeredKey) === true) return false;
      store.set(offeredKey, true);
      return !(await view()).enabled;
    },
  };
}
