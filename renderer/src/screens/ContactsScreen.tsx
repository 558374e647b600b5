import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo, AuthState, ContactsQuery, ErrorView, StatusView } from '../../../electron/ipc/types.ts';
import { searchMaxLength } from '../../../electron/ipc/contract.ts';
import { api } from '../api.ts';
import { ColumnChooser } from '../components/ColumnChooser.tsx';
import { ContactsEmpty } from '../components/ContactsEmpty.tsx';
import { ContactsTable } from '../components/ContactsTable.tsx';
import { ExportDialog, ExportProgressView } from '../components/ExportDialog.tsx';
import { Icon } from '../components/Icon.tsx';
import { ErrorNotice, Notice } from '../components/Notice.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { SortNotice } from '../components/SortNotice.tsx';
import { SyncButton } from '../components/SyncButton.tsx';
import { SyncStatus } from '../components/SyncStatus.tsx';
import { CacheReloadingNote, CacheUnavailableNotice, useCacheState } from '../components/CacheStatusNotice.tsx';
import { AccountNotices } from '../components/AccountNotices.tsx';
import { useApiEvent } from '../hooks/use-api-event.ts';
import { useConnectionNotices } from '../hooks/use-connection-notices.ts';
import { useContactRows } from '../hooks/use-contact-rows.ts';
import { useContactsSummary } from '../hooks/use-contacts-summary.ts';
import { FilterChips } from '../components/FilterChips.tsx';
import { FiltersPanel } from '../components/FiltersPanel.tsx';
import { ViewMenuArea } from '../components/ViewMenuArea.tsx';
import { useFilterChoices } from '../hooks/use-filter-choices.ts';
import { useViews } from '../hooks/use-views.ts';
import { ALL_CONTACTS, withoutFilter } from '../lib/view-model.ts';
import { useExport } from '../hooks/use-export.ts';
import { useLiveValue } from '../hooks/use-live-value.ts';
import { useNow } from '../hooks/use-now.ts';
import { useScheduleFromExport } from '../components/ScheduleFromExport.tsx';
import { useVisibleColumns } from '../hooks/use-visible-columns.ts';
import { indexProperties } from '../lib/columns.ts';
import { contactsCountText } from '../lib/contacts-count.ts';
import { toErrorView } from '../lib/error-help.ts';
import { formatNumber } from '../lib/format.ts';

type Sort = ContactsQuery['sort'];

interface ContactsScreenProps {
  info: AppInfo | null;
  auth: Extract<AuthState, { status: 'signed-in' | 'needs-sign-in' }>;
  status: StatusView | null;
  /** Bumped when the tray or app menu asks for the export dialog. */
  exportRequests: number;
  onSignIn(): void;
  /** Why the last "Sign in again" could not start. */
  signInError: ErrorView | null;
}

const refreshEveryMs = 400;

export function ContactsScreen({ info, auth, status, exportRequests, onSignIn, signInError }: ContactsScreenProps) {
  const now = useNow();
  const { summary, error: summaryError, properties, reloadSummary, reloadProperties, markSynced } = useContactsSummary();
  const { columns, setColumns, error: columnsError, toggle: toggleShown } = useVisibleColumns(summary, properties, markSynced);
  const [sort, setSort] = useState<Sort | null>(null);
  const [searchText, setSearchText] = useState('');
  const [searchTrimmed, setSearchTrimmed] = useState(false);
  // Searched at each keystroke, without waiting for a pause: the cache answers in tens of milliseconds
  // even at 1,000,000 contacts, stale answers are dropped (page-loader.ts), and a wait would only
  // add to every search's time (keys typed 30 ms apart or less are rare).
  const search = searchText.trim();
  const [syncActionError, setSyncActionError] = useState<ErrorView | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const exporter = useExport();
  const sync = useLiveValue('syncProgress', api.getSyncProgress);
  const cacheState = useCacheState();
  const cacheUnavailable = cacheState === 'unavailable';

  useEffect(() => {
    if (columns === null) return;
    setSort((current) => (current && columns.includes(current.column) ? current : { column: columns.includes('lastname') ? 'lastname' : columns[0]!, direction: 'asc' }));
  }, [columns]);

  // Views (issue 16): the View menu sets filters, search, columns and sort; the Filters panel the filters.
  const views = useViews({ columns, sort, search: searchText.trim(), properties, apply: (view) => { if (view.columns) setColumns(view.columns); if (view.sort) setSort(view.sort); setSearchText(view.search); } });
  const viewSearch = searchText.trim() === views.appliedSearch ? views.appliedSearch : search;
  const scheduling = useScheduleFromExport({ viewId: views.currentId, viewName: views.currentName, onStart: () => setExportOpen(false) });
  const query = useMemo(() => ({ search: viewSearch, sort: sort ?? { column: 'lastname', direction: 'asc' as const }, columns: columns ?? ['lastname'], filters: views.filters }), [viewSearch, sort, columns, views.filters]);
  const loader = useContactRows(query);
  // Issue 15: the cache says when the sort could not be applied; the notice stays away once dismissed for that column.
  const [dismissedSortIssue, setDismissedSortIssue] = useState<string | null>(null);
  const sortIssue = loader.sortIssue;
  const filterChoices = useFilterChoices(() => loader.refresh());

  // A sync reports every page it writes; reload what is on screen at most a few times a second.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(refreshTimer.current ?? undefined), []);
  useApiEvent('contactsChanged', () => {
    if (refreshTimer.current !== null) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      loader.refresh();
    }, refreshEveryMs);
  });

  const wasRunning = useRef(false);
  useEffect(() => {
    const running = sync.value?.running ?? false;
    if (wasRunning.current && !running) {
      reloadSummary();
      reloadProperties(); // HubSpot's property list arrives with the first sync
      loader.refresh();
    }
    wasRunning.current = running;
  }, [sync.value?.running, reloadSummary, reloadProperties, loader]);

  const openExport = () => {
    // A finished export's result was already seen (in the dialog or as a notice): start afresh.
    if (!(exporter.state.phase === 'exporting' && exporter.state.progress.state === 'running')) exporter.reset();
    setExportOpen(true);
  };

  const [lastExportRequest, setLastExportRequest] = useState(exportRequests);
  useEffect(() => {
    if (exportRequests === lastExportRequest) return;
    setLastExportRequest(exportRequests);
    openExport();
  }, [exportRequests, lastExportRequest]);

  const runSyncAction = async (action: () => ReturnType<typeof api.syncNow>) => {
    setSyncActionError(null);
    try {
      await sync.update(action);
    } catch (failure) {
      setSyncActionError(toErrorView(failure));
    }
  };
  const syncNow = () => void runSyncAction(() => api.syncNow());

  const propertyIndex = useMemo(() => indexProperties(properties ?? []), [properties]);
  const narrowed = search !== '' || views.filters.length > 0;
  const totalCount = summary?.count ?? 0;
  const matchCount = loader.total;
  const syncing = sync.value?.running ?? false;
  const notices = useConnectionNotices({ auth, status, sync: sync.value, summary, now });
  const syncError = notices.syncError;
  const exportRunning = exporter.state.phase === 'exporting' && exporter.state.progress.state === 'running';
  const exportPercent =
    exporter.state.phase === 'exporting' && exporter.state.progress.total > 0
      ? Math.floor((100 * exporter.state.progress.written) / exporter.state.progress.total)
      : 0;
  const neverSynced = summary !== null && summary.count === 0 && summary.lastSyncedAt === null;

  return (
    <main className="contacts" aria-label="Contacts">
      <h1 className="visually-hidden">Contacts</h1>
      <div className="contacts__notices">
        <AccountNotices auth={auth} connection={notices.connection} onSignIn={onSignIn} />
        {signInError && <ErrorNotice error={signInError} context="sign-in" />}
        {syncError && (
          <ErrorNotice
            error={syncError}
            context="sync"
            announce="status"
            onRetry={syncError.kind !== 'daily-limit' && syncError.kind !== 'revoked' ? syncNow : undefined}
          />
        )}
        {!syncing && sync.value?.error?.kind === 'cancelled' && (
          <Notice tone="info" title="Sync stopped">
            <p>{sync.value.error.message}</p>
          </Notice>
        )}
        {syncActionError && <ErrorNotice error={syncActionError} context="sync" />}
        {/* while the saved contacts cannot be read, its own notice stands for the reads that failed */}
        {summaryError && !cacheUnavailable && <ErrorNotice error={summaryError} context="general" onRetry={reloadSummary} />}
        {columnsError && !cacheUnavailable && <ErrorNotice error={columnsError} context="general" />}
        {(views.error ?? filterChoices.error) && !cacheUnavailable && <ErrorNotice error={(views.error ?? filterChoices.error)!} context="general" />}
        {!exportOpen && exporter.state.phase === 'exporting' && exporter.state.progress.state !== 'running' && (
          <div className="dismissible">
            <ExportProgressView progress={exporter.state.progress} shell={info?.shell ?? 'desktop'} />
            <button type="button" className="icon-button dismissible__close" onClick={exporter.reset} aria-label="Dismiss">
              <Icon name="close" />
            </button>
          </div>
        )}
        {sortIssue && sortIssue.column !== dismissedSortIssue && <SortNotice issue={sortIssue} onDismiss={() => setDismissedSortIssue(sortIssue.column)} />}
        {cacheUnavailable ? <CacheUnavailableNotice searching={search !== ''} /> : loader.error && <ErrorNotice error={loader.error} context="general" onRetry={() => loader.refresh()} />}
      </div>

      <div className="toolbar" role="toolbar" aria-label="Contacts">
        <ViewMenuArea views={views} />
        <SearchBox
          value={searchText}
          onChange={(text, trimmed) => {
            setSearchText(text);
            setSearchTrimmed(trimmed);
          }}
        />
        <FiltersPanel filters={views.filters} onChange={views.setFilters} properties={propertyIndex} columns={columns ?? []} choices={filterChoices.choices} lists={filterChoices.lists} />
        <div className="toolbar__actions">
          <SyncButton syncing={syncing} blockedReason={notices.syncBlocked} onSync={syncNow} />
          <ColumnChooser visible={columns ?? []} properties={properties} onToggle={(name, show) => void toggleShown(name, show)} />
          <button type="button" className="button button--primary" onClick={openExport} disabled={summary === null}>
            <Icon name="download" />
            {exportRunning ? `Exporting… ${exportPercent}%` : 'Export…'}
          </button>
        </div>
      </div>

      <FilterChips
        filters={views.filters}
        issues={loader.filterIssues}
        context={{ properties: propertyIndex, choices: filterChoices.choices }}
        onRemove={(index) => views.setFilters(withoutFilter(views.filters, index))}
        onClear={narrowed ? () => { views.setFilters([]); setSearchText(''); } : null}
      />

      <div className="contacts__meta">
        <p className="contacts__count" role={narrowed ? 'status' : undefined}>
          {contactsCountText({ total: summary?.count ?? null, matches: loader.total, filtered: views.filters.length > 0, searching: search !== '' })}
        </p>
        {searchTrimmed && (
          <p className="contacts__note" role="status">
            Only the first {formatNumber(searchMaxLength)} characters are searched.
          </p>
        )}
        <SyncStatus
          progress={sync.value}
          lastSyncedAt={summary?.lastSyncedAt ?? null}
          hasContacts={totalCount > 0}
          now={now}
          onCancel={() => void runSyncAction(() => api.cancelSync())}
        />
        {cacheState === 'reloading' && <CacheReloadingNote />}
      </div>

      {columns !== null && sort !== null ? (
        <ContactsTable
          loader={loader}
          columns={columns}
          properties={propertyIndex}
          sort={sortIssue ? null : sort}
          onSort={setSort}
          resetKey={`${search}|${sort.column}|${sort.direction}|${JSON.stringify(views.filters)}`}
          empty={<ContactsEmpty filtered={views.filters.length > 0} search={search} syncing={syncing} neverSynced={neverSynced} />}
        />
      ) : (
        <div className="table-area table-area--loading" aria-hidden="true" />
      )}

      <ExportDialog
        open={exportOpen}
        onClose={() => setExportOpen(false)}
        exporter={exporter}
        visibleColumns={columns ?? []}
        properties={properties}
        syncedProperties={summary?.syncedProperties ?? []}
        view={{ name: views.currentId === ALL_CONTACTS ? null : views.currentName, modified: views.modified, search: viewSearch, filters: views.filters, count: narrowed ? matchCount : totalCount }}
        sort={sort}
        totalCount={totalCount}
        lastSyncedAt={summary?.lastSyncedAt ?? null}
        shell={info?.shell ?? 'desktop'}
        onScheduleExport={scheduling.start}
      />
      {scheduling.element}
    </main>
  );
}
