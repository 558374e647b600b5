import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, ContactsSummary, ErrorView } from '../../electron/ipc/types.ts';
import { signOutNotice, type SignOutNotice } from './lib/sign-out-notice.ts';
import { toErrorView } from './lib/error-help.ts';
import { api, onShellConnection } from './api.ts';
import { Header } from './components/Header.tsx';
import { ErrorNotice } from './components/Notice.tsx';
import { ScheduledExportsDialog } from './components/ScheduledExportsDialog.tsx';
import { SettingsDialog } from './components/SettingsDialog.tsx';
import { SignOutDialog } from './components/SignOutDialog.tsx';
import { useApiEvent } from './hooks/use-api-event.ts';
import { useLiveValue } from './hooks/use-live-value.ts';
import { useSchedules } from './hooks/use-schedules.ts';
import { usePreviewBrowser } from './hooks/use-preview-browser.ts';
import { ContactsScreen } from './screens/ContactsScreen.tsx';
import { WelcomeScreen } from './screens/WelcomeScreen.tsx';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const auth = useLiveValue('authChanged', api.getAuthState);
  const status = useLiveValue('statusChanged', api.getStatus);
  const { openedUrl } = usePreviewBrowser();
  const [signOutOpen, setSignOutOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [schedulesOpen, setSchedulesOpen] = useState(false);
  const schedules = useSchedules(schedulesOpen);
  const [notice, setNotice] = useState<SignOutNotice | null>(null);
  const [exportRequests, setExportRequests] = useState(0);
  const [shellLost, setShellLost] = useState(false);
  useEffect(() => onShellConnection(setShellLost), []);
  /** The contacts saved on this computer, when HubSpot wants a new sign-in; 'loading' until known. */
  const [cache, setCache] = useState<ContactsSummary | null | 'loading'>('loading');

  useEffect(() => {
    api.getAppInfo().then(setInfo, () => setInfo(null));
  }, []);

  const state = auth.value;
  const account = state?.status === 'signed-in' || state?.status === 'needs-sign-in' ? state.account : null;

  // "Needs sign-in" keeps the contacts on screen when there are any on this computer.
  useEffect(() => {
    if (state?.status !== 'needs-sign-in') return;
    setCache('loading');
    api.getContactsSummary().then(setCache, () => setCache(null));
  }, [state?.status]);

  useApiEvent('menuCommand', ({ command }) => {
    if (command === 'open-sign-out-dialog' && account) setSignOutOpen(true);
    if (command === 'open-export-dialog') setExportRequests((count) => count + 1);
    if (command === 'open-settings-dialog') setSettingsOpen(true);
    if (command === 'open-schedules-dialog' && account) setSchedulesOpen(true);
  });

  const [signInError, setSignInError] = useState<ErrorView | null>(null);
  // Signed in after all (from the tray, or the browser tab finished): the failure to start is old news.
  useEffect(() => {
    if (state?.status === 'signed-in') setSignInError(null);
  }, [state?.status]);
  const signIn = useCallback(() => {
    setNotice(null);
    setSignInError(null);
    api.startSignIn().catch((failure: unknown) => setSignInError(toErrorView(failure)));
  }, []);

  const checkConnection = useCallback(async () => {
    try {
      await status.update(() => api.checkConnection());
    } catch {
      status.reload();
    }
  }, [status]);

  let screen;
  if (state === null || (state.status === 'needs-sign-in' && cache === 'loading')) {
    screen = auth.error ? (
      <main className="welcome">
        <section className="welcome__card">
          <h1>Contact Desk could not start</h1>
          <ErrorNotice error={auth.error} context="general" actions={<button type="button" className="button" onClick={auth.reload}>Try again</button>} />
        </section>
      </main>
    ) : (
      <main className="app-loading" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        <span>Starting Contact Desk…</span>
      </main>
    );
  } else if (state.status === 'signed-in' || (state.status === 'needs-sign-in' && cache !== null && cache !== 'loading' && cache.count > 0)) {
    screen = <ContactsScreen info={info} auth={state} status={status.value} exportRequests={exportRequests} onSignIn={signIn} signInError={signInError} />;
  } else {
    screen = <WelcomeScreen auth={state} consentUrl={state.status === 'signing-in' ? openedUrl : null} notice={notice} />;
  }

  return (
    <div className="app">
      <Header
        info={info}
        // Without its preview server the page knows nothing current: no status rather than a stale green.
        status={shellLost || state?.status === 'signed-out' || state?.status === 'signing-in' || state?.status === 'restoring' ? null : status.value}
        account={account}
        onCheckConnection={checkConnection}
        onSignIn={signIn}
        onSettings={() => setSettingsOpen(true)}
        onSchedules={() => setSchedulesOpen(true)}
        onSignOut={() => setSignOutOpen(true)}
      />
      {shellLost && (
        <div className="app-lost">
          <ErrorNotice
            error={{ kind: 'internal', message: 'Contact Desk lost its preview server: it stopped or was restarted. What you see may be out of date.' }}
            context="preview"
            actions={
              <button type="button" className="button button--small" onClick={() => window.location.reload()}>
                Reload page
              </button>
            }
          />
        </div>
      )}
      {screen}
      <ScheduledExportsDialog open={schedulesOpen} onClose={() => setSchedulesOpen(false)} state={schedules.state} shell={info?.shell ?? 'desktop'} />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} offerCloseToTray={info?.shell === 'desktop' && info.platform !== 'darwin'} />
      <SignOutDialog
        open={signOutOpen}
        domain={account?.domain ?? null}
        onClose={() => setSignOutOpen(false)}
        onSignedOut={(result) => {
          setSignOutOpen(false);
          setNotice(signOutNotice(result));
        }}
      />
    </div>
  );
}
