import { useRef, useState } from 'react';
import type { AuthState, ContactsSummary, ErrorView, StatusView, SyncProgress } from '../../../electron/ipc/types.ts';
import { connectionNotice, syncBlockedReason, syncErrorNotice, type NoticeInputs } from '../lib/connection-notices.ts';

/**
 * What the contacts screen says about the connection: one notice per problem, the last sync's error
 * while it is still news, and why Sync now is unavailable. See lib/connection-notices.ts.
 */
export function useConnectionNotices(options: {
  auth: Extract<AuthState, { status: 'signed-in' | 'needs-sign-in' }>;
  status: StatusView | null;
  sync: SyncProgress | null;
  summary: ContactsSummary | null;
  now: number;
}) {
  const status = useSettledStatus(options.status);
  const syncError = options.sync && !options.sync.running ? options.sync.error : null;
  const inputs: NoticeInputs = { ...options, status, checkedAtWhenSyncFailed: useCheckedAtWhen(syncError, status) };
  return {
    connection: connectionNotice(inputs),
    syncError: syncErrorNotice(inputs),
    syncBlocked: syncBlockedReason(options.auth, status),
  };
}

/** The status without "Checking…": while a check runs, the answer before it, so notices don't flicker. */
function useSettledStatus(status: StatusView | null): StatusView | null {
  const settled = useRef<StatusView | null>(null);
  if (status?.state !== 'checking') settled.current = status;
  else if (settled.current?.portal !== status.portal) settled.current = null;
  return settled.current;
}

/** The status's checkedAt at the moment `error` first appeared (so a later check can be told apart). */
function useCheckedAtWhen(error: ErrorView | null, status: StatusView | null): number | null {
  const key = error === null ? null : JSON.stringify(error);
  const [seen, setSeen] = useState<{ key: string | null; checkedAt: number | null }>({ key: null, checkedAt: null });
  const current = status?.checkedAt ?? null;
  if (seen.key !== key) {
    setSeen({ key, checkedAt: current });
    return current;
  }
  return seen.checkedAt;
}
