import { useId, useMemo, useState } from 'react';
import type { ContactsQuery, ExportProgress, ExportRequest, PropertyInfo, ScheduleExportChoices } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import type { ExportController } from '../hooks/use-export.ts';
import { chooserOrder } from '../lib/columns.ts';
import { allScopeLabel, exportButtonLabel, exportScopeFields, isExportableView, viewScopeLabel, type ExportableView } from '../lib/export-scope.ts';
import { formatCount, formatDayAndTime, formatNumber } from '../lib/format.ts';
import { toErrorView } from '../lib/error-help.ts';
import { Dialog } from './Dialog.tsx';
import { FocusOnAppear } from './FocusOnAppear.tsx';
import { Icon } from './Icon.tsx';
import { ErrorNotice, Notice } from './Notice.tsx';
import { ProgressBar } from './ProgressBar.tsx';

interface ExportDialogProps {
  open: boolean;
  onClose(): void;
  exporter: ExportController;
  visibleColumns: readonly string[];
  /** Every property; only the ones the cache holds (synced or shown) are offered. */
  properties: readonly PropertyInfo[] | null;
  syncedProperties: readonly string[];
  /** The view on screen: what "Only the contacts in this view" exports. */
  view: ExportableView;
  /** The table's order: the file's rows come in the same order. */
  sort: ContactsQuery['sort'] | null;
  totalCount: number;
  lastSyncedAt: number | null;
  shell: 'desktop' | 'preview';
  /** Scheduled exports (issue 17): "Export automatically…" turns the current choices into a schedule of the current view. */
  onScheduleExport?: (choices: Omit<ScheduleExportChoices, 'viewId'>, scope: ExportRequest['scope']) => void;
}

type Choices = Pick<ExportRequest, 'scope' | 'header' | 'format' | 'values' | 'excelFriendly'> & { semicolons: boolean };
const defaultChoices: Choices = { scope: 'all', header: 'labels', format: 'csv', values: 'shown', excelFriendly: true, semicolons: false };

export function ExportDialog(props: ExportDialogProps) {
  const { open, onClose, exporter, visibleColumns, view, totalCount, lastSyncedAt, shell } = props;
  const [columns, setColumns] = useState<string[]>([...visibleColumns]);
  const [choices, setChoices] = useState<Choices>(defaultChoices);
  const choose = (changes: Partial<Choices>) => setChoices((current) => ({ ...current, ...changes }));
  const phase = exporter.state;

  // Each time it opens, start from what the table shows now (set while rendering, so the dialog
  // opens with it and its first focus lands on the right choice).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setColumns([...visibleColumns]);
      choose({ scope: isExportableView(view) ? 'view' : 'all' });
    }
  }

  const options = useMemo(() => {
    const inCache = new Set([...props.syncedProperties, ...visibleColumns]);
    return chooserOrder(visibleColumns, (props.properties ?? []).filter((property) => inCache.has(property.name)));
  }, [props.properties, props.syncedProperties, visibleColumns]);

  const toggle = (name: string, on: boolean) =>
    setColumns((current) => {
      if (!on) return current.filter((column) => column !== name);
      const order = options.map((option) => option.name);
      return [...current, name].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    });

  const running = phase.phase === 'choosing-file' || (phase.phase === 'exporting' && phase.progress.state === 'running');
  // null while the table is still counting the view's contacts (a moment after the search or filters changed)
  const rowsToExport = choices.scope === 'view' ? view.count : totalCount;
  const canExport = columns.length > 0 && rowsToExport !== null && rowsToExport > 0;

  const submit = () =>
    void exporter.start({
      columns,
      ...(props.sort ? { sort: props.sort } : {}),
      ...exportScopeFields(choices.scope, view),
      header: choices.header,
      format: choices.format,
      values: choices.values,
      excelFriendly: choices.excelFriendly,
      delimiter: choices.semicolons ? ';' : ',',
    });

  const close = () => {
    if (!running) exporter.reset();
    onClose();
  };
  const onScheduleExport = props.onScheduleExport;
  const schedule = onScheduleExport
    ? () => {
        const { header, format, values, excelFriendly } = choices;
        onScheduleExport({ columns, header, format, values, excelFriendly, delimiter: choices.semicolons ? ';' : ',' }, choices.scope);
      }
    : undefined;

  const freshness = lastSyncedAt === null ? 'These contacts have not been synced from HubSpot yet.' : `Contacts as of ${formatDayAndTime(lastSyncedAt, Date.now())}`;
  const showForm = phase.phase === 'idle' || phase.phase === 'not-saved' || phase.phase === 'failed-to-start' || phase.phase === 'choosing-file';

  return (
    <Dialog
      open={open}
      title="Export contacts"
      onClose={close}
      busy={phase.phase === 'choosing-file'}
      footer={<ExportFooter exporter={exporter} showForm={showForm} canExport={canExport} label={exportButtonLabel(choices.scope, view, totalCount)} onSubmit={submit} onClose={close} onHide={onClose} {...(schedule ? { onSchedule: schedule } : {})} />}
      className="dialog--export"
    >
      <p className="export__freshness">
        <Icon name="info" />
        <span>{freshness}. The export uses the contacts saved on this computer, so it works offline.</span>
      </p>
      {showForm ? (
        <div className="export__form">
          <ScopeChoice choices={choices} choose={choose} view={view} totalCount={totalCount} />
          <fieldset className="fieldset">
            <legend>Columns</legend>
            <div className="export__columns">
              {options.map((property) => (
                <label key={property.name} className="check check--compact">
                  <input type="checkbox" checked={columns.includes(property.name)} onChange={(event) => toggle(property.name, event.target.checked)} />
                  <span>{property.label || property.name}</span>
                </label>
              ))}
            </div>
            <p className="fieldset__hint">
              {columns.length === 0 ? 'Choose at least one column.' : `${formatCount(columns.length, 'column')}, in the order shown in the table.`}
            </p>
          </fieldset>
          <FileChoices choices={choices} choose={choose} />
          {phase.phase === 'not-saved' && (
            <Notice tone="info" announce="status">
              <p>No file was saved. Click Export to choose a place again.</p>
            </Notice>
          )}
          {phase.phase === 'failed-to-start' && (
            <FocusOnAppear testId="export-error">
              <ErrorNotice error={phase.error} context="export" />
            </FocusOnAppear>
          )}
        </div>
      ) : (
        phase.phase === 'exporting' && <ExportProgressView progress={phase.progress} shell={shell} focusErrors />
      )}
    </Dialog>
  );
}

interface ChoiceProps {
  choices: Choices;
  choose(changes: Partial<Choices>): void;
}

/** The view on screen first (when there is one to export), then all contacts. */
function ScopeChoice({ choices, choose, view, totalCount }: ChoiceProps & { view: ExportableView; totalCount: number }) {
  return (
    <fieldset className="fieldset">
      <legend>Contacts</legend>
      <label className="radio">
        <input
          type="radio"
          name="export-scope"
          checked={choices.scope === 'view'}
          onChange={() => choose({ scope: 'view' })}
          disabled={!isExportableView(view)}
          data-autofocus={choices.scope === 'view' ? true : undefined}
        />
        <span>{viewScopeLabel(view)}</span>
      </label>
      <label className="radio">
        <input type="radio" name="export-scope" checked={choices.scope === 'all'} onChange={() => choose({ scope: 'all' })} data-autofocus={choices.scope === 'all' ? true : undefined} />
        <span>{allScopeLabel(totalCount)}</span>
      </label>
    </fieldset>
  );
}

/** One radio button with its label and an optional hint under it. */
function Radio({ name, checked, onChange, label, hint }: { name: string; checked: boolean; onChange(): void; label: string; hint?: string }) {
  const hintId = useId();
  return (
    <label className="radio">
      <input type="radio" name={name} checked={checked} onChange={onChange} aria-describedby={hint ? hintId : undefined} />
      <span>
        {label}
        {hint && (
          <span className="check__hint" id={hintId}>
            {hint}
          </span>
        )}
      </span>
    </label>
  );
}

/** One checkbox with its label and the hint under it. */
function Check({ checked, onChange, label, hint }: { checked: boolean; onChange(on: boolean): void; label: string; hint: string }) {
  const hintId = useId();
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} aria-describedby={hintId} />
      <span>
        {label}
        <span className="check__hint" id={hintId}>
          {hint}
        </span>
      </span>
    </label>
  );
}

function FileChoices({ choices, choose }: ChoiceProps) {
  return (
    <>
      <fieldset className="fieldset">
        <legend>Values</legend>
        <Radio
          name="export-values"
          checked={choices.values === 'shown'}
          onChange={() => choose({ values: 'shown' })}
          label="As shown in Contact Desk"
          hint="Labels such as “Sales Qualified Lead”, owners’ names, and dates a spreadsheet reads as dates."
        />
        <Radio
          name="export-values"
          checked={choices.values === 'stored'}
          onChange={() => choose({ values: 'stored' })}
          label="As stored in HubSpot (internal values)"
          hint="Exactly what HubSpot keeps, e.g. “salesqualifiedlead”: for importing into other systems."
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>File type</legend>
        <Radio name="export-format" checked={choices.format === 'csv'} onChange={() => choose({ format: 'csv' })} label="CSV (.csv)" hint="Opens in any spreadsheet or program." />
        <Radio
          name="export-format"
          checked={choices.format === 'xlsx'}
          onChange={() => choose({ format: 'xlsx' })}
          label="Excel workbook (.xlsx)"
          hint="Keeps leading zeros, phone numbers and dates exactly, with a filter on each column."
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>First row</legend>
        <Radio name="export-header" checked={choices.header === 'labels'} onChange={() => choose({ header: 'labels' })} label="Column names as shown (labels)" />
        <Radio
          name="export-header"
          checked={choices.header === 'names'}
          onChange={() => choose({ header: 'names' })}
          label="HubSpot internal names"
          hint="For importing into other systems, e.g. “firstname”."
        />
      </fieldset>

      {choices.format === 'csv' && (
        <fieldset className="fieldset">
          <legend>CSV options</legend>
          <Check
            checked={choices.excelFriendly}
            onChange={(on) => choose({ excelFriendly: on })}
            label="Excel-friendly"
            hint="Makes Excel show accents and non-Latin names correctly and start each contact on a new row. Leave on unless another program asks for plain UTF-8."
          />
          <Check
            checked={choices.semicolons}
            onChange={(on) => choose({ semicolons: on })}
            label="Use semicolons (for Excel in regions that use comma as decimal separator)"
            hint="Turn on if Excel puts each whole contact in one cell."
          />
        </fieldset>
      )}
    </>
  );
}

interface FooterProps {
  exporter: ExportController;
  showForm: boolean;
  canExport: boolean;
  /** "Export 12 contacts in “My customers”". */
  label: string;
  onSubmit(): void;
  onClose(): void;
  /** Closes the dialog while the export goes on. */
  onHide(): void;
  onSchedule?: () => void;
}

function ExportFooter({ exporter, showForm, canExport, label, onSubmit, onClose, onHide, onSchedule }: FooterProps) {
  const phase = exporter.state;
  if (showForm) {
    const choosing = phase.phase === 'choosing-file';
    return (
      <>
        {onSchedule && (
          <button type="button" className="button button--quiet" onClick={onSchedule} disabled={!canExport || choosing}>
            Export automatically…
          </button>
        )}
        <button type="button" className="button" onClick={onClose} disabled={choosing}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={onSubmit} disabled={!canExport || choosing} aria-busy={choosing}>
          <Icon name="download" />
          {choosing ? 'Choose where to save…' : label}
        </button>
      </>
    );
  }
  if (phase.phase === 'exporting' && phase.progress.state === 'running') {
    return (
      <>
        <button type="button" className="button button--quiet" onClick={onHide}>
          Continue in the background
        </button>
        <button type="button" className="button" onClick={() => void exporter.cancel()}>
          Cancel export
        </button>
      </>
    );
  }
  return (
    <>
      {phase.phase === 'exporting' && phase.progress.state !== 'done' && (
        <button type="button" className="button" onClick={exporter.reset}>
          Back to the export options
        </button>
      )}
      <button type="button" className="button button--primary" onClick={onClose}>
        Close
      </button>
    </>
  );
}

export function ExportProgressView({ progress, shell, focusErrors = false }: { progress: ExportProgress; shell: 'desktop' | 'preview'; focusErrors?: boolean }) {
  const labelId = useId();
  const [showError, setShowError] = useState<string | null>(null);

  if (progress.state === 'running') {
    const counted = progress.total > 0;
    return (
      <div className="export__progress">
        <p id={labelId} className="progress-label">
          {counted ? `Saving contacts… ${formatNumber(progress.written)} of ${formatCount(progress.total, 'contact')}` : 'Preparing the file…'}
        </p>
        <ProgressBar labelledBy={labelId} value={progress.written} max={progress.total} />
      </div>
    );
  }
  if (progress.state === 'done') {
    return (
      <Notice
        tone="success"
        title={`Saved ${formatCount(progress.written, 'contact')}`}
        actions={
          shell === 'desktop' && (
            <button
              type="button"
              className="button"
              onClick={() => api.showExportInFolder({ exportId: progress.exportId }).catch((failure: unknown) => setShowError(toErrorView(failure).message))}
            >
              <Icon name="folder" />
              Show in folder
            </button>
          )
        }
      >
        <p>
          <span className="file-name">{progress.fileName}</span>
          {shell === 'preview' && ' — your browser is downloading it.'}
        </p>
        {progress.sheets !== null && progress.sheets > 1 && (
          <p>
            More contacts than one Excel sheet holds: they continue on the sheets “Contacts (2)”
            {progress.sheets > 2 ? ` to “Contacts (${progress.sheets})”` : ''}.
          </p>
        )}
        {showError && <p>{showError}</p>}
      </Notice>
    );
  }
  if (progress.state === 'cancelled') {
    return (
      <Notice tone="info" title="Export cancelled">
        <p>No file was saved.</p>
      </Notice>
    );
  }
  const notice = <ErrorNotice error={progress.error ?? { kind: 'internal', message: 'The export did not finish. No file was saved.' }} context="export" />;
  return focusErrors ? <FocusOnAppear testId="export-error">{notice}</FocusOnAppear> : notice;
}
