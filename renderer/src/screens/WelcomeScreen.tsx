import { useEffect, useRef, useState } from 'react';
import type { AuthState, ErrorView } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { Icon } from '../components/Icon.tsx';
import { ErrorNotice, Notice } from '../components/Notice.tsx';
import { toErrorView } from '../lib/error-help.ts';
import type { SignOutNotice } from '../lib/sign-out-notice.ts';
import { formatTime } from '../lib/format.ts';

interface WelcomeScreenProps {
  auth: Extract<AuthState, { status: 'restoring' | 'signed-out' | 'signing-in' | 'needs-sign-in' }>;
  /** The consent page's address, when the shell asked the page to open it (the browser preview). */
  consentUrl: string | null;
  /** What to tell the person after they signed out. */
  notice: SignOutNotice | null;
}

/** Start-up while the saved sign-in is read: the OS keychain may first ask the user to unlock it. */
function RestoringPanel({ step }: { step: 'unlocking' | 'checking' }) {
  return (
    <main className="welcome" aria-labelledby="welcome-heading">
      <section className="welcome__card">
        <h1 id="welcome-heading">{step === 'unlocking' ? 'Unlocking your saved sign-in…' : 'Checking your sign-in with HubSpot…'}</h1>
        <p className="welcome__waiting" role="status">
          <span className="spinner" aria-hidden="true" />
          {step === 'unlocking'
            ? 'If your computer asks for your password to unlock its keychain, enter it there. Your contacts appear as soon as it answers.'
            : 'Your contacts appear in a moment.'}
        </p>
      </section>
    </main>
  );
}

export function WelcomeScreen(props: WelcomeScreenProps) {
  return props.auth.status === 'restoring' ? <RestoringPanel step={props.auth.step} /> : <SignInPanel {...props} auth={props.auth} />;
}

function SignInPanel({ auth, consentUrl, notice }: WelcomeScreenProps & { auth: Exclude<WelcomeScreenProps['auth'], { status: 'restoring' }> }) {
  const [callError, setCallError] = useState<ErrorView | null>(null);
  const [starting, setStarting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const waiting = auth.status === 'signing-in';

  // Moving between "connect" and "waiting" swaps the whole panel; keep the keyboard user's place.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) headingRef.current?.focus();
  }, [waiting]);

  const run = async (call: () => Promise<unknown>) => {
    setCallError(null);
    try {
      await call();
    } catch (failure) {
      setCallError(toErrorView(failure));
    }
  };

  const connect = async () => {
    setStarting(true);
    await run(() => api.startSignIn());
    setStarting(false);
  };

  const authError = auth.status === 'signed-out' ? auth.error : auth.status === 'needs-sign-in' ? auth.reason : undefined;
  const shownError = callError ?? (authError && authError.kind !== 'cancelled' ? authError : null);
  const authNotice = auth.status === 'signed-out' ? auth.notice : undefined;

  return (
    <main className="welcome" aria-labelledby="welcome-heading">
      <section className="welcome__card">
        {waiting ? (
          <>
            <div className="welcome__illustration welcome__illustration--waiting" aria-hidden="true">
              <Icon name="externalLink" />
            </div>
            <h1 id="welcome-heading" ref={headingRef} tabIndex={-1}>
              Finish signing in in your browser
            </h1>
            <p className="welcome__lead">
              Your browser has opened HubSpot's sign-in page. Sign in, choose your account, and allow Contact Desk to read your contacts.
              Then come back here.
            </p>
            <p className="welcome__waiting" role="status">
              <span className="spinner" aria-hidden="true" />
              Waiting for HubSpot… (until {formatTime(auth.expiresAt)})
            </p>
            {consentUrl && (
              <p className="welcome__fallback">
                No new tab?{' '}
                <a href={consentUrl} target="_blank" rel="noopener noreferrer">
                  Open the HubSpot sign-in page
                </a>
              </p>
            )}
            <div className="welcome__actions">
              <button type="button" className="button" onClick={() => void run(() => api.reopenSignInPage())}>
                <Icon name="externalLink" />
                Open the sign-in page again
              </button>
              <button type="button" className="button button--quiet" onClick={() => void run(() => api.cancelSignIn())}>
                Cancel
              </button>
            </div>
          </>
        ) : (
          <>
            <div className="welcome__illustration" aria-hidden="true">
              <Icon name="plug" />
            </div>
            <h1 id="welcome-heading" ref={headingRef} tabIndex={-1}>
              {auth.status === 'needs-sign-in' ? 'Sign in to HubSpot again' : 'Welcome to Contact Desk'}
            </h1>
            <p className="welcome__lead">
              See and search your HubSpot contacts, and save them to a spreadsheet, even when you are offline.
            </p>
            <p>Your browser will open so you can sign in to HubSpot and allow Contact Desk to read your contacts.</p>
            <div className="welcome__actions">
              <button type="button" className="button button--primary button--large" onClick={() => void connect()} disabled={starting} aria-busy={starting}>
                {starting ? 'Opening your browser…' : 'Connect to HubSpot'}
              </button>
            </div>
          </>
        )}
        <div className="welcome__messages">
          {shownError && <ErrorNotice error={shownError} context="sign-in" />}
          {!shownError && notice && (
            <Notice tone={notice.tone} announce="status">
              <p>{notice.text}</p>
            </Notice>
          )}
          {!shownError && !notice && authNotice && (
            <Notice tone="info" announce="status">
              <p>{authNotice}</p>
            </Notice>
          )}
        </div>
      </section>
    </main>
  );
}
