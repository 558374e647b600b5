import type { ReactNode } from 'react';
import { Glyph } from './Icon.tsx';
import type { ConnectionState } from '../../../electron/ipc/types.ts';

/**
 * One glyph per connection state, each a different shape (not only a different colour) so the
 * state reads without colour vision: the same vocabulary as the tray icons.
 */
const glyphs: Record<ConnectionState, ReactNode> = {
  connected: <><circle cx="12" cy="12" r="9" className="fill" /><path d="m8 12.5 3 3 5-6.5" className="on-fill" /></>,
  checking: <circle cx="12" cy="12" r="8" strokeDasharray="4 3.5" />,
  syncing: <><path d="M19.5 11a7.5 7.5 0 0 0-13.6-3.8" /><path d="M5 3.5v4h4" /><path d="M4.5 13a7.5 7.5 0 0 0 13.6 3.8" /><path d="M19 20.5v-4h-4" /></>,
  offline: <><circle cx="12" cy="12" r="8.5" /><path d="m6 6 12 12" /></>,
  'hubspot-unreachable': <><path d="M12 2.5 21.5 12 12 21.5 2.5 12z" className="fill" /><path d="m9.5 9.5 5 5M14.5 9.5l-5 5" className="on-fill" /></>,
  'hubspot-unavailable': <><path d="M12 3 2 20.5h20z" className="fill" /><path d="M12 9.5v5M12 17.5v.01" className="on-fill" /></>,
  'rate-limited': <><path d="M6 3h12M6 21h12" /><path d="M7 3c0 5 10 5 10 9s-10 4-10 9M17 3c0 5-10 5-10 9s10 4 10 9" /></>,
  'needs-sign-in': <><circle cx="8" cy="15" r="4" /><path d="m11 12 9-9M17 6l3 3M15 8l2 2" /></>,
  'missing-scopes': <><path d="M12 2.5 4 5.5v6c0 5 3.5 8.5 8 10 4.5-1.5 8-5 8-10v-6z" className="fill" /><path d="M12 8v5M12 16v.01" className="on-fill" /></>,
  'signed-out': <><circle cx="12" cy="12" r="8.5" /><path d="M8 12h8" /></>,
};

export function StatusIcon({ state }: { state: ConnectionState }) {
  return (
    <Glyph className={`status-icon status-icon--${state}`} size={18} state={state}>
      {glyphs[state]}
    </Glyph>
  );
}
