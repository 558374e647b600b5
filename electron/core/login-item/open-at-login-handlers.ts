/** The IPC handlers of the open-at-login setting (issue 18). */
import type { Handlers } from '../../ipc/contract.ts';
import type { OpenAtLogin } from './open-at-login.ts';

export function openAtLoginHandlers(openAtLogin: OpenAtLogin): Pick<Handlers, 'getOpenAtLogin' | 'setOpenAtLogin' | 'claimOpenAtLoginOffer'> {
  return {
    getOpenAtLogin: () => openAtLogin.view(),
    setOpenAtLogin: ({ enabled }) => openAtLogin.set(enabled),
    claimOpenAtLoginOffer: () => openAtLogin.claimOffer(),
  };
}
