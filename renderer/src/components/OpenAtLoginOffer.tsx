import { useCallback, useState, type ReactNode } from 'react';
import { api } from '../api.ts';
import { Notice } from './Notice.tsx';

/**
 * Scheduled exports run only while Contact Desk runs, so the first time one is saved the window
 * offers, in one sentence, to open Contact Desk at sign-in. For the schedule dialog:
 *
 *   const offer = useOpenAtLoginOffer();
 *   // after a schedule was saved:
 *   offer.afterScheduleSaved();
 *   // where the offer should appear:
 *   {offer.element}
 *
 * The app answers claimOpenAtLoginOffer with true once (never again, and never when the setting is
 * already on or managed by IT), so calling afterScheduleSaved after every save is right.
 */
export function useOpenAtLoginOffer(): { afterScheduleSaved(): void; element: ReactNode } {
  const [shown, setShown] = useState(false);
  const afterScheduleSaved = useCallback(() => {
    // Only an offer: if asking fails, the schedule is saved all the same and Settings has the option.
    api.claimOpenAtLoginOffer().then(setShown, () => {});
  }, []);
  return { afterScheduleSaved, element: shown ? <OpenAtLoginOffer onDone={() => setShown(false)} /> : null };
}

function OpenAtLoginOffer({ onDone }: { onDone(): void }) {
  const [state, setState] = useState<{ step: 'asking' | 'turning-on' | 'on' } | { step: 'failed'; problem: string }>({ step: 'asking' });
  const turnOn = async () => {
    setState({ step: 'turning-on' });
    try {
      const view = await api.setOpenAtLogin({ enabled: true });
      setState(view.enabled ? { step: 'on' } : { step: 'failed', problem: view.problem ?? "Contact Desk couldn't add itself to the apps that open when you sign in." });
    } catch {
      setState({ step: 'failed', problem: "Contact Desk couldn't add itself to the apps that open when you sign in. Try again in Settings." });
    }
  };

  const close = (
    <button type="button" className="button" onClick={onDone}>
      Close
    </button>
  );
  if (state.step === 'on') {
    return (
      <Notice tone="success" actions={close}>
        <p>Contact Desk will now open in the tray when you sign in (you can change this in Settings).</p>
      </Notice>
    );
  }
  if (state.step === 'failed') {
    return (
      <Notice tone="warning" announce="alert" actions={close}>
        <p>{state.problem}</p>
      </Notice>
    );
  }
  const busy = state.step === 'turning-on';
  return (
    <Notice
      tone="info"
      actions={
        <>
          <button type="button" className="button button--primary" onClick={() => void turnOn()} disabled={busy} aria-busy={busy}>
            {busy ? 'Turning on…' : 'Open at sign-in'}
          </button>
          <button type="button" className="button" onClick={onDone} disabled={busy}>
            Not now
          </button>
        </>
      }
    >
      <p>Scheduled exports run only while Contact Desk is running: open it in the tray whenever you sign in to this computer?</p>
    </Notice>
  );
}
