import { useState, type ReactNode } from 'react';
import type { ScheduleDefinition, ScheduleExportChoices, ScheduledExport } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { formatDayAndTime } from '../lib/format.ts';
import { describeWhen } from '../lib/schedule-text.ts';
import { Notice } from './Notice.tsx';
import { useOpenAtLoginOffer } from './OpenAtLoginOffer.tsx';
import { DEFAULT_FILE_NAME, ScheduleDialog } from './ScheduleDialog.tsx';

/**
 * "Export automatically…" from the export dialog: opens the schedule form with the export's choices
 * and the current view, then confirms the saved schedule (and, the first time, offers to open
 * Contact Desk at sign-in).
 *
 *   const scheduling = useScheduleFromExport({ viewId, viewName, onStart: closeExportDialog });
 *   <ExportDialog onScheduleExport={scheduling.start} … />
 *   {scheduling.element}
 */
export function useScheduleFromExport({ viewId, viewName, onStart }: { viewId: string; viewName: string; onStart(): void }): {
  start(choices: Omit<ScheduleExportChoices, 'viewId'>, scope: 'all' | 'view'): void;
  element: ReactNode;
} {
  const [draft, setDraft] = useState<ScheduleDefinition | null>(null);
  const [canChooseFolder, setCanChooseFolder] = useState(false);
  const [saved, setSaved] = useState<ScheduledExport | null>(null);
  const offer = useOpenAtLoginOffer();

  const [scheduledView, setScheduledView] = useState(viewName);
  const start = (choices: Omit<ScheduleExportChoices, 'viewId'>, scope: 'all' | 'view') => {
    onStart();
    setSaved(null);
    setScheduledView(scope === 'all' ? 'All contacts' : viewName);
    const exported = scope === 'all' ? 'all-contacts' : viewId;
    setDraft({ when: { every: 'week', days: ['mon'], time: '08:00' }, folder: '', fileName: DEFAULT_FILE_NAME, keep: 'every', syncFirst: true, export: { ...choices, viewId: exported } });
    api.getSchedules().then(
      (state) => setCanChooseFolder(state.canChooseFolder),
      () => setCanChooseFolder(false),
    );
  };

  const element = (
    <>
      {draft && (
        <ScheduleDialog
          open
          onClose={() => setDraft(null)}
          initial={draft}
          editing={null}
          viewName={scheduledView}
          canChooseFolder={canChooseFolder}
          onSaved={(schedule) => {
            setDraft(null);
            setSaved(schedule);
            offer.afterScheduleSaved();
          }}
        />
      )}
      <div className="schedule-saved">
        {saved && (
          <Notice
            tone="success"
            title="Scheduled export saved"
            actions={
              <button type="button" className="button" onClick={() => setSaved(null)}>
                OK
              </button>
            }
          >
            <p>
              {describeWhen(saved.when)}
              {saved.nextRunAt !== null ? `; the first run is ${formatDayAndTime(saved.nextRunAt, Date.now())}` : ''}. You’ll find it under Scheduled exports in the account menu.
            </p>
          </Notice>
        )}
        {offer.element}
      </div>
    </>
  );
  return { start, element };
}
