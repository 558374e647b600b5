import { useId, useMemo, useState } from 'react';
import type { ExportProgress, ExportRequest, PropertyInfo } from '../../../electron/ipc/types.ts';
import { api } from '../api.ts';
import type { ExportController } from '../hooks/use-export.ts';
import { chooserOrder } from '../lib/columns.ts';
import { formatCount, formatDayAndTime, formatNumber } from '../lib/format.ts';
import { toErrorView } from '../lib/error-help.ts';
import { Dialog } from './Dialog.tsx';
import { Icon } from './Icon.tsx';
import { ErrorNotice, Notice } from './Notice.tsx';

interface ExportDialogProps {
  open: boolean;
  onClose(): void;
  exporter: ExportController;
  visibleColumns: readonly string[];
  /** Every property; only the ones the cache holds (synced or shown) are offered. */
  properties: readonly PropertyInfo[] | null;
  syncedProperties: readonly string[];
  search: string;
  matchCount: number | null;
  totalCount: number;
  lastSyncedAt: number | null;
  shell: 'desktop' | 'preview';
}

export function ExportDialog(props: ExportDialogProps) {
  const { open, onClose, exporter, visibleColumns, search, matchCount, totalCount, lastSyncedAt, shell } = props;
  const [columns, setColumns] = useState<string[]>([...visibleColumns]);
  const [scope, setScope] = useState<ExportRequest['scope']>('all');
  const [header, setHeader] = useState<ExportRequest['header']>('labels');
  const [excelFriendly, setExcelFriendly] = useState(true);
  const [semicolons, setSemicolons] = useState(false);
  const ids = { columns: useId(), excel: useId(), semicolon: useId(), freshness: useId() };
  const phase = exporter.state;
  const trimmedSearch = search.trim();

  // Each time it opens, start from what the table shows now (set while rendering, so the dialog
  // opens with it and its first focus lands on the right choice).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setColumns([...visibleColumns]);
      setScope(trimmedSearch ? 'search' : 'all');
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
  const rowsToExport = scope === 'search' ? (matchCount ?? 0) : totalCount;
  const canExport = columns.length > 0 && rowsToExport > 0;

  const submit = () =>
    void exporter.start({
      columns,
      scope,
      search: scope === 'search' ? trimmedSearch : '',
      header,
      excelFriendly,
      delimiter: semicolons ? ';' : ',',
    });

  const close = () => {
    if (!running) exporter.reset();
    onClose();
  };

  const freshness = lastSyncedAt === null ? 'These contacts have not been synced from HubSpot yet.' : `Contacts as of ${formatDayAndTime(lastSyncedAt, Date.now())}`;
  const showForm = phase.phase === 'idle' || phase.phase === 'not-saved' || phase.phase === 'failed-to-start' || phase.phase === 'choosing-file';

  let footer;
  if (showForm) {
    footer = (
      <>
        <button type="button" className="button" onClick={close} disabled={phase.phase === 'choosing-file'}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={submit} disabled={!canExport || phase.phase === 'choosing-file'} aria-busy={phase.phase === 'choosing-file'}>
          <Icon name="download" />
          {phase.phase === 'choosing-file' ? 'Choose where to save…' : `Export ${formatCount(rowsToExport, 'contact')}`}
        </button>
      </>
    );
  } else if (phase.phase === 'exporting' && phase.progress.state === 'running') {
    footer = (
      <>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Continue in the background
        </button>
        <button type="button" className="button" onClick={() => void exporter.cancel()}>
          Cancel export
        </button>
      </>
    );
  } else {
    footer = (
      <>
        {phase.phase === 'exporting' && phase.progress.state !== 'done' && (
          <button type="button" className="button" onClick={exporter.reset}>
            Back to the export options
          </button>
        )}
        <button type="button" className="button button--primary" onClick={close}>
          Close
        </button>
      </>
    );
  }

  return (
    <Dialog open={open} title="Export contacts to CSV" onClose={close} busy={phase.phase === 'choosing-file'} footer={footer} className="dialog--export">
      <p className="export__freshness" id={ids.freshness}>
        <Icon name="info" />
        <span>
          {freshness}. The export uses the contacts saved on this computer, so it works offline.
        </span>
      </p>
      {showForm ? (
        <div className="export__form">
          <fieldset className="fieldset">
            <legend>Contacts</legend>
            <label className="radio">
              <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} data-autofocus={scope === 'all' ? true : undefined} />
              <span>All contacts ({formatNumber(totalCount)})</span>
            </label>
            <label className="radio">
              <input
                type="radio"
                name="export-scope"
                checked={scope === 'search'}
                onChange={() => setScope('search')}
                disabled={!trimmedSearch}
                data-autofocus={scope === 'search' ? true : undefined}
              />
              <span>
                {trimmedSearch
                  ? `Only the ${formatCount(matchCount ?? 0, 'contact')} matching “${trimmedSearch}”`
                  : 'Only the contacts matching a search (type in the search box first)'}
              </span>
            </label>
          </fieldset>

          <fieldset className="fieldset">
            <legend id={ids.columns}>Columns</legend>
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

          <fieldset className="fieldset">
            <legend>First row</legend>
            <label className="radio">
              <input type="radio" name="export-header" checked={header === 'labels'} onChange={() => setHeader('labels')} />
              <span>Column names as shown (labels)</span>
            </label>
            <label className="radio">
              <input type="radio" name="export-header" checked={header === 'names'} onChange={() => setHeader('names')} />
              <span>
                HubSpot internal names
                <span className="check__hint">For importing into other systems, e.g. “firstname”.</span>
              </span>
            </label>
          </fieldset>

          <fieldset className="fieldset">
            <legend>File format</legend>
            <label className="check">
              <input type="checkbox" checked={excelFriendly} onChange={(event) => setExcelFriendly(event.target.checked)} aria-describedby={ids.excel} />
              <span>
                Excel-friendly
                <span className="check__hint" id={ids.excel}>
                  Makes Excel show accents and non-Latin names correctly and start each contact on a new row. Leave on unless another program asks for
                  plain UTF-8.
                </span>
              </span>
            </label>
            <label className="check">
              <input type="checkbox" checked={semicolons} onChange={(event) => setSemicolons(event.target.checked)} aria-describedby={ids.semicolon} />
              <span>
                Use semicolons (for Excel in regions that use comma as decimal separator)
                <span className="check__hint" id={ids.semicolon}>
                  Turn on if Excel puts each whole contact in one cell.
                </span>
              </span>
            </label>
          </fieldset>
          {phase.phase === 'not-saved' && (
            <Notice tone="info" announce="status">
              <p>No file was saved. Click Export to choose a place again.</p>
            </Notice>
          )}
          {phase.phase === 'failed-to-start' && <ErrorNotice error={phase.error} context="export" />}
        </div>
      ) : (
        phase.phase === 'exporting' && <ExportProgressView progress={phase.progress} shell={shell} />
      )}
    </Dialog>
  );
}

export function ExportProgressView({ progress, shell }: { progress: ExportProgress; shell: 'desktop' | 'preview' }) {
  const labelId = useId();
  const [showError, setShowError] = useState<string | null>(null);

  if (progress.state === 'running') {
    const counted = progress.total > 0;
    return (
      <div className="export__progress">
        <p id={labelId} className="progress-label">
          {counted ? `Saving contacts… ${formatNumber(progress.written)} of ${formatCount(progress.total, 'contact')}` : 'Preparing the file…'}
        </p>
        {counted ? (
          <progress className="progress" aria-labelledby={labelId} max={progress.total} value={progress.written} />
        ) : (
          <progress className="progress" aria-labelledby={labelId} />
        )}
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
  return progress.error ? (
    <ErrorNotice error={progress.error} context="export" />
  ) : (
    <ErrorNotice error={{ kind: 'internal', message: 'The export did not finish. No file was saved.' }} context="export" />
  );
}
