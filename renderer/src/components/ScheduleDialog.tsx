import { useId, useState, type FormEvent } from 'react';
import type { ErrorView, ScheduleDefinition, ScheduledExport, Weekday } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import { toErrorView } from '../lib/error-help.ts';
import { WEEKDAY_NAMES } from '../lib/schedule-text.ts';
import { Dialog } from './Dialog.tsx';
import { FocusOnAppear } from './FocusOnAppear.tsx';
import { Icon } from './Icon.tsx';
import { ErrorNotice } from './Notice.tsx';

export const DEFAULT_FILE_NAME = 'Contacts - {view} - {yyyy-MM-dd}';

interface ScheduleDialogProps {
  open: boolean;
  onClose(): void;
  /** What to start from: the export dialog's choices for a new schedule, or the schedule to edit. */
  initial: ScheduleDefinition;
  editing: ScheduledExport | null;
  viewName: string;
  /** Desktop: the native folder picker; the preview types a folder path. */
  canChooseFolder: boolean;
  onSaved(schedule: ScheduledExport): void;
}

/** Sets up (or edits) a scheduled export: when, where, the file name, and whether to sync first. */
export function ScheduleDialog({ open, onClose, initial, editing, viewName, canChooseFolder, onSaved }: ScheduleDialogProps) {
  const formId = useId();
  const [draft, setDraft] = useState<ScheduleDefinition>(initial);
  const [error, setError] = useState<ErrorView | null>(null);
  const [saving, setSaving] = useState(false);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setDraft(initial);
      setError(null);
    }
  }
  const change = (changes: Partial<ScheduleDefinition>) => setDraft((current) => ({ ...current, ...changes }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const saved = editing ? await api.updateSchedule({ id: editing.id, definition: draft }) : await api.saveSchedule({ definition: draft });
      onSaved(saved);
    } catch (failure) {
      setError(toErrorView(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      title={editing ? 'Edit scheduled export' : 'Export automatically'}
      onClose={onClose}
      className="dialog--schedule"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={saving || draft.folder.trim() === ''} aria-busy={saving}>
            {saving ? 'Saving…' : editing ? 'Save changes' : 'Save schedule'}
          </button>
        </>
      }
    >
      <form id={formId} className="schedule-form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">
          Exports the view “{viewName}” as it is saved, with the columns and file options you chose. It runs while Contact Desk is open or in the tray; a run missed while
          the computer was off runs once when it is back.
        </p>
        <WhenChoice draft={draft} change={change} />
        <FolderChoice folder={draft.folder} canChoose={canChooseFolder} onChange={(folder) => change({ folder })} onError={setError} />
        <label className="field">
          <span className="field__label">File name</span>
          <input className="input" value={draft.fileName} maxLength={150} onChange={(event) => change({ fileName: event.target.value })} aria-describedby={`${formId}-name-hint`} />
          <span id={`${formId}-name-hint`} className="fieldset__hint">
            {'{view}'} becomes the view’s name and {'{yyyy-MM-dd}'} the day of the run; “.{draft.export.format}” is added.
          </span>
        </label>
        <fieldset className="fieldset">
          <legend>Earlier files</legend>
          <label className="radio">
            <input type="radio" name={`${formId}-keep`} checked={draft.keep === 'every'} onChange={() => change({ keep: 'every' })} />
            <span>Keep every file</span>
          </label>
          <label className="radio">
            <input type="radio" name={`${formId}-keep`} checked={draft.keep === 'replace-last'} onChange={() => change({ keep: 'replace-last' })} />
            <span>Replace the last one (only a file this schedule wrote)</span>
          </label>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={draft.syncFirst} onChange={(event) => change({ syncFirst: event.target.checked })} />
          <span>
            Sync with HubSpot first
            <span className="check__hint">When the computer is offline, it exports the contacts saved on this computer and says so.</span>
          </span>
        </label>
        {error && (
          <FocusOnAppear key={error.message} testId="schedule-error">
            <ErrorNotice error={error} context="general" />
          </FocusOnAppear>
        )}
      </form>
    </Dialog>
  );
}

function WhenChoice({ draft, change }: { draft: ScheduleDefinition; change(changes: Partial<ScheduleDefinition>): void }) {
  const id = useId();
  const when = draft.when;
  const setEvery = (every: 'day' | 'week' | 'month') =>
    change({ when: every === 'day' ? { every, time: when.time } : every === 'week' ? { every, days: ['mon'], time: when.time } : { every, day: 1, time: when.time } });
  const toggleDay = (day: Weekday, on: boolean) => {
    if (when.every !== 'week') return;
    const days = on ? [...when.days, day] : when.days.filter((existing) => existing !== day);
    change({ when: { ...when, days: WEEKDAY_NAMES.map(([name]) => name).filter((name) => days.includes(name)) } });
  };
  return (
    <fieldset className="fieldset">
      <legend>When</legend>
      <div className="schedule-form__row">
        <label className="field">
          <span className="field__label">Repeat</span>
          <select className="input" value={when.every} onChange={(event) => setEvery(event.target.value as 'day' | 'week' | 'month')}>
            <option value="day">Daily</option>
            <option value="week">Weekly</option>
            <option value="month">Monthly</option>
          </select>
        </label>
        {when.every === 'month' && (
          <label className="field">
            <span className="field__label">Day of the month</span>
            <input className="input input--small" type="number" min={1} max={31} value={when.day} onChange={(event) => change({ when: { ...when, day: Math.min(31, Math.max(1, Number(event.target.value) || 1)) } })} />
          </label>
        )}
        <label className="field">
          <span className="field__label">Time</span>
          <input className="input input--small" type="time" required value={when.time} onChange={(event) => change({ when: { ...when, time: event.target.value || when.time } })} />
        </label>
      </div>
      {when.every === 'week' && (
        <div className="schedule-form__days" role="group" aria-labelledby={`${id}-days`}>
          <span id={`${id}-days`} className="field__label">
            On
          </span>
          {WEEKDAY_NAMES.map(([day, name]) => (
            <label key={day} className="check check--compact">
              <input type="checkbox" checked={when.days.includes(day)} onChange={(event) => toggleDay(day, event.target.checked)} />
              <span>{name}</span>
            </label>
          ))}
        </div>
      )}
      {when.every === 'month' && when.day > 28 && <p className="fieldset__hint">In shorter months it runs on the month’s last day.</p>}
    </fieldset>
  );
}

function FolderChoice({ folder, canChoose, onChange, onError }: { folder: string; canChoose: boolean; onChange(folder: string): void; onError(error: ErrorView): void }) {
  const hintId = useId();
  if (!canChoose) {
    return (
      <label className="field">
        <span className="field__label">Folder</span>
        <input className="input" value={folder} maxLength={1000} placeholder="/home/you/Documents/Exports" onChange={(event) => onChange(event.target.value)} aria-describedby={hintId} />
        <span id={hintId} className="fieldset__hint">
          The folder’s full path: a folder inside your home folder or Contact Desk’s data folder.
        </span>
      </label>
    );
  }
  const choose = () =>
    api.chooseScheduleFolder().then(
      (chosen) => {
        if (chosen !== null) onChange(chosen);
      },
      (failure: unknown) => onError(toErrorView(failure)),
    );
  return (
    <div className="field">
      <span className="field__label" id={hintId}>
        Folder
      </span>
      <div className="schedule-form__row">
        <span className="file-name" aria-labelledby={hintId}>
          {folder || 'No folder chosen yet'}
        </span>
        <button type="button" className="button" onClick={() => void choose()}>
          <Icon name="folder" />
          Choose folder…
        </button>
      </div>
    </div>
  );
}
