import { useState } from 'react';
import type { ErrorView, ScheduledExport, SchedulesState } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { toErrorView } from '../lib/error-help.ts';
import { formatDayAndTime } from '../lib/format.ts';
import { describeWhen } from '../lib/schedule-text.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorNotice, Notice } from './Notice.tsx';
import { ScheduleDialog } from './ScheduleDialog.tsx';

interface ScheduledExportsDialogProps {
  open: boolean;
  onClose(): void;
  state: SchedulesState | null;
  shell: 'desktop' | 'preview';
}

/** "Scheduled exports": each schedule with its next and last run, last result, and Run now / Edit / Pause / Delete. */
export function ScheduledExportsDialog({ open, onClose, state, shell }: ScheduledExportsDialogProps) {
  const [editing, setEditing] = useState<ScheduledExport | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const act = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((failure: unknown) => setError(toErrorView(failure)));
  };
  const schedules = state?.schedules ?? [];
  return (
    <>
      <Dialog
        open={open && editing === null}
        title="Scheduled exports"
        onClose={onClose}
        className="dialog--schedules"
        footer={
          <button type="button" className="button button--primary" onClick={onClose} data-autofocus={schedules.length === 0 ? true : undefined}>
            Close
          </button>
        }
      >
        {error && <ErrorNotice error={error} context="general" />}
        {state === null ? (
          <p className="muted">Loading…</p>
        ) : schedules.length === 0 ? (
          <p>No scheduled exports yet. To set one up, open Export…, choose the columns and file type, then click “Export automatically…”.</p>
        ) : (
          <ul className="schedules" aria-label="Scheduled exports">
            {schedules.map((schedule) => (
              <ScheduleItem key={schedule.id} schedule={schedule} shell={shell} act={act} onEdit={() => setEditing(schedule)} />
            ))}
          </ul>
        )}
      </Dialog>
      {editing && (
        <ScheduleDialog
          open
          onClose={() => setEditing(null)}
          initial={definitionOf(editing)}
          editing={editing}
          viewName={editing.viewName}
          canChooseFolder={state?.canChooseFolder ?? false}
          onSaved={() => setEditing(null)}
        />
      )}
    </>
  );
}

function definitionOf(schedule: ScheduledExport) {
  const { when, folder, fileName, keep, syncFirst } = schedule;
  return { when, folder, fileName, keep, syncFirst, export: schedule.export };
}

function ScheduleItem({ schedule, shell, act, onEdit }: { schedule: ScheduledExport; shell: 'desktop' | 'preview'; act(action: () => Promise<unknown>): void; onEdit(): void }) {
  const now = Date.now();
  const result = schedule.lastResult;
  const titleId = `schedule-${schedule.id}`;
  return (
    <li className="schedules__item" aria-labelledby={titleId}>
      <h3 className="schedules__title" id={titleId}>
        {schedule.viewName} — {describeWhen(schedule.when)}
      </h3>
      <p className="muted">
        To <span className="file-name">{schedule.folder}</span>, as {schedule.export.format === 'xlsx' ? 'an Excel workbook' : 'CSV'}
        {schedule.keep === 'replace-last' ? ', replacing the last file' : ''}.
      </p>
      <dl className="schedules__facts">
        <dt>Next run</dt>
        <dd>{schedule.running ? 'Running now…' : schedule.nextRunAt !== null ? formatDayAndTime(schedule.nextRunAt, now) : 'Paused'}</dd>
        <dt>Last run</dt>
        <dd>{schedule.lastRunAt !== null ? formatDayAndTime(schedule.lastRunAt, now) : 'Not yet'}</dd>
      </dl>
      {schedule.paused && (
        <Notice tone="warning">
          <p>{schedule.paused}</p>
        </Notice>
      )}
      {result && (
        <Notice tone={result.ok ? 'success' : 'error'} title={result.ok ? 'Last result' : 'Last run failed'}>
          <p data-testid="schedule-result">{result.message}</p>
          {result.note && <p>{result.note}</p>}
        </Notice>
      )}
      <div className="schedules__actions">
        <button type="button" className="button button--small" onClick={() => act(() => api.runScheduleNow({ id: schedule.id }))} disabled={schedule.running}>
          Run now
        </button>
        <button type="button" className="button button--small" onClick={onEdit}>
          Edit…
        </button>
        <button type="button" className="button button--small" onClick={() => act(() => api.pauseSchedule({ id: schedule.id, paused: schedule.paused === null }))}>
          {schedule.paused === null ? 'Pause' : 'Resume'}
        </button>
        {shell === 'desktop' && result?.ok && (
          <button type="button" className="button button--small" onClick={() => act(() => api.showScheduleFile({ id: schedule.id }))}>
            Show in folder
          </button>
        )}
        <button type="button" className="button button--small" onClick={() => act(() => api.deleteSchedule({ id: schedule.id }))}>
          Delete
        </button>
      </div>
    </li>
  );
}
