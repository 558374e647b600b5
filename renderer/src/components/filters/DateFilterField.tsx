import { useId, useState } from 'react';
import type { DatePreset, DateRange } from '../../../../electron/ipc/types.ts';
import { presetLabels } from '../../lib/view-model.ts';

interface DateFilterFieldProps {
  legend: string;
  range: DateRange | null;
  onChange(range: DateRange | null): void;
}

type Choice = 'any' | DatePreset | 'custom';
type Days = { from: string | null; to: string | null };

const usable = (days: Days) => (days.from !== null || days.to !== null) && (days.from === null || days.to === null || days.from <= days.to);

/**
 * Any time, a preset (today … this year, in this computer's time zone) or a from–to range of days.
 * A range only becomes a filter once it makes sense (one end at least, start before end).
 */
export function DateFilterField({ legend, range, onChange }: DateFilterFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<Days | null>(range !== null && !('preset' in range) ? range : null);
  const choice: Choice = draft !== null ? 'custom' : range === null ? 'any' : 'preset' in range ? range.preset : 'custom';
  const backwards = draft?.from != null && draft.to != null && draft.from > draft.to;

  const choose = (next: Choice) => {
    setDraft(next === 'custom' ? { from: null, to: null } : null);
    if (next === 'custom') return;
    onChange(next === 'any' ? null : { preset: next });
  };
  const setEnd = (end: keyof Days, value: string) => {
    const next = { ...(draft ?? { from: null, to: null }), [end]: value === '' ? null : value };
    setDraft(next);
    onChange(usable(next) ? next : null);
  };

  return (
    <fieldset className="fieldset filters__group">
      <legend className="visually-hidden">{legend}</legend>
      <label className="field">
        <span className="field__label">When</span>
        <select className="input input--small" value={choice} onChange={(event) => choose(event.target.value as Choice)}>
          <option value="any">Any time</option>
          {(Object.keys(presetLabels) as DatePreset[]).map((preset) => (
            <option key={preset} value={preset}>
              {presetLabels[preset]}
            </option>
          ))}
          <option value="custom">Between dates…</option>
        </select>
      </label>
      {draft && (
        <div className="filters__range">
          <label className="field">
            <span className="field__label">From</span>
            <input type="date" className="input input--small" value={draft.from ?? ''} onChange={(event) => setEnd('from', event.target.value)} aria-describedby={`${id}-range`} />
          </label>
          <label className="field">
            <span className="field__label">To</span>
            <input type="date" className="input input--small" value={draft.to ?? ''} onChange={(event) => setEnd('to', event.target.value)} aria-describedby={`${id}-range`} />
          </label>
          <p id={`${id}-range`} className={backwards ? 'field__error' : 'muted'} role={backwards ? 'alert' : undefined}>
            {backwards ? 'The start date is after the end date.' : 'Both days are included. Leave one empty for “since” or “until”.'}
          </p>
        </div>
      )}
    </fieldset>
  );
}
