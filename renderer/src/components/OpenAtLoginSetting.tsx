import { useId } from 'react';
import type { OpenAtLoginView } from '../../../electron/ipc/types.ts';
import { Notice } from './Notice.tsx';

interface OpenAtLoginSettingProps {
  view: OpenAtLoginView;
  wanted: boolean;
  onChange(wanted: boolean): void;
}

const managedText = { on: 'Your IT team has turned this on for everyone.', off: 'Your IT team has turned this off for everyone.' } as const;

/** The Settings dialog's "Open Contact Desk when I sign in to this computer" checkbox. */
export function OpenAtLoginSetting({ view, wanted, onChange }: OpenAtLoginSettingProps) {
  const hintId = useId();
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={wanted} disabled={view.managed !== null} onChange={(event) => onChange(event.target.checked)} aria-describedby={hintId} />
        <span>
          Open Contact Desk when I sign in to this computer
          <span className="check__hint" id={hintId}>
            It starts without a window, as its icon in the notification area (on a Mac, the menu bar), so it can watch the connection and run scheduled
            exports. Click the icon to open it.{view.managed && ` ${managedText[view.managed]}`}
          </span>
        </span>
      </label>
      {view.problem && (
        <Notice tone="warning" announce="alert">
          <p>{view.problem}</p>
        </Notice>
      )}
    </>
  );
}
