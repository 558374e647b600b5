import type { SignOutResult } from '../../../electron/ipc/types.ts';

export interface SignOutNotice {
  tone: 'info' | 'warning';
  text: string;
}

/** What the welcome screen says after signing out, including when HubSpot could not be told. */
export function signOutNotice(result: SignOutResult): SignOutNotice {
  const removed = result.cachedContactsDeleted ? ' The contacts saved on this computer were deleted.' : '';
  return result.revokedAtHubSpot
    ? { tone: 'info', text: `You are signed out.${removed}` }
    : {
        tone: 'warning',
        text: `You are signed out, and your sign-in was deleted from this computer. HubSpot could not be reached to be told, so Contact Desk still appears under Connected apps in your HubSpot settings; you can remove it there.${removed}`,
      };
}
