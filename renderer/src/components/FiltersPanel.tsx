import { useId, useState, type ReactNode } from 'react';
import type { DateRange, FilterChoices, ViewFilter } from '../../../electron/ipc/types.ts';
import { useDisclosure } from '../hooks/use-disclosure.ts';
import type { PropertyIndex } from '../lib/columns.ts';
import { OWNER_PROPERTY, filterInSlot, ownerOptions, withSlot, type FilterSlot } from '../lib/view-model.ts';
import { CheckList } from './filters/CheckList.tsx';
import { DateFilterField } from './filters/DateFilterField.tsx';
import { ListFilterField } from './filters/ListFilterField.tsx';
import { PropertyFilterForm } from './filters/PropertyFilterForm.tsx';
import { Icon } from './Icon.tsx';

export interface ListControls {
  fetching: string | null;
  refreshing: boolean;
  /** Fetches a chosen list's members into the cache (the filter uses them once they are there). */
  fetch(listId: string): void;
  refresh(): void;
}

interface FiltersPanelProps {
  filters: readonly ViewFilter[];
  onChange(filters: ViewFilter[]): void;
  properties: PropertyIndex;
  /** The visible columns (what "Any column" offers). */
  columns: readonly string[];
  choices: FilterChoices | null;
  lists: ListControls;
}

/** A collapsible group; the ones in use start open. */
function Section({ title, summary, children }: { title: string; summary: string | null; children: ReactNode }) {
  const [open, setOpen] = useState(summary !== null);
  return (
    <details className="filters__section" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <span className="filters__section-title">{title}</span>
        {summary && <span className="filters__section-summary">{summary}</span>}
      </summary>
      <div className="filters__section-body">{children}</div>
    </details>
  );
}

const chosenCount = (count: number) => (count === 0 ? null : `${count} chosen`);

/**
 * The Filters button beside the search box and its panel: Contact owner, Lifecycle stage, Lead
 * status, Create date, Last modified, HubSpot list, and a filter on any column. Changes apply at
 * once; filters combine with AND, the values of one filter with OR.
 */
export function FiltersPanel({ filters, onChange, properties, columns, choices, lists }: FiltersPanelProps) {
  // opening moves the keyboard into the panel, to its first group
  const { open, setOpen, rootRef, buttonRef } = useDisclosure(() => rootRef.current?.querySelector<HTMLElement>('.filters__panel summary')?.focus());
  const panelId = useId();
  const titleId = useId();
  const set = (slot: FilterSlot, filter: ViewFilter | null) => onChange(withSlot(filters, slot, filter));

  const owner = filterInSlot(filters, 'owner');
  const owners = owner?.kind === 'owner' ? owner.owners : [];
  const valuesIn = (slot: 'lifecyclestage' | 'hs_lead_status') => {
    const filter = filterInSlot(filters, slot);
    return filter?.kind === 'is-any-of' ? filter.values : [];
  };
  const rangeIn = (slot: 'createdate' | 'lastmodifieddate') => {
    const filter = filterInSlot(filters, slot);
    return filter?.kind === 'date' ? filter.range : null;
  };
  const list = filterInSlot(filters, 'list');
  const listId = list?.kind === 'list' ? list.listId : null;
  const optionsOf = (name: string) => properties.get(name)?.options ?? [];
  const setValues = (slot: 'lifecyclestage' | 'hs_lead_status', values: string[]) =>
    set(slot, values.length === 0 ? null : { kind: 'is-any-of', property: slot, values });
  const setRange = (slot: 'createdate' | 'lastmodifieddate', range: DateRange | null) => set(slot, range === null ? null : { kind: 'date', property: slot, range });
  const dedicated = new Set<string>([OWNER_PROPERTY, 'lifecyclestage', 'hs_lead_status', 'createdate', 'lastmodifieddate']);
  const otherColumns = columns.filter((name) => !dedicated.has(name));

  return (
    <div className="filters menu-anchor" ref={rootRef}>
      <button ref={buttonRef} type="button" className="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((value) => !value)}>
        <Icon name="filter" />
        Filters
        {filters.length > 0 && (
          <>
            <span className="filters__count" aria-hidden="true">
              {filters.length}
            </span>
            <span className="visually-hidden">, {filters.length} active</span>
          </>
        )}
      </button>
      <div className="filters__panel popover" id={panelId} role="dialog" aria-labelledby={titleId} hidden={!open}>
        <h2 id={titleId} className="filters__title">
          Filters
        </h2>
        <Section title="Contact owner" summary={chosenCount(owners.length)}>
          {choices?.ownersNote && <p className="filters__note">{choices.ownersNote}</p>}
          <CheckList
            legend="Contact owner"
            options={ownerOptions(choices)}
            selected={owners}
            onChange={(values) => set('owner', values.length === 0 ? null : { kind: 'owner', owners: values })}
            searchable
          />
        </Section>
        {(['lifecyclestage', 'hs_lead_status'] as const).map((slot) => (
          <Section key={slot} title={slot === 'lifecyclestage' ? 'Lifecycle stage' : 'Lead status'} summary={chosenCount(valuesIn(slot).length)}>
            {optionsOf(slot).length === 0 ? (
              <p className="filters__note">The choices arrive with the next sync.</p>
            ) : (
              <CheckList legend={slot === 'lifecyclestage' ? 'Lifecycle stage' : 'Lead status'} options={optionsOf(slot)} selected={valuesIn(slot)} onChange={(values) => setValues(slot, values)} />
            )}
          </Section>
        ))}
        {(['createdate', 'lastmodifieddate'] as const).map((slot) => (
          <Section key={slot} title={slot === 'createdate' ? 'Create date' : 'Last modified'} summary={rangeIn(slot) === null ? null : 'set'}>
            <DateFilterField legend={slot === 'createdate' ? 'Create date' : 'Last modified'} range={rangeIn(slot)} onChange={(range) => setRange(slot, range)} />
          </Section>
        ))}
        <Section title="HubSpot list" summary={listId === null ? null : '1 chosen'}>
          <ListFilterField
            lists={choices?.lists ?? []}
            selected={listId}
            note={choices?.listsNote ?? null}
            fetching={lists.fetching}
            refreshing={lists.refreshing}
            onChoose={(id) => {
              set('list', id === null ? null : { kind: 'list', listId: id });
              if (id !== null) lists.fetch(id);
            }}
            onRefresh={lists.refresh}
          />
        </Section>
        <Section title="Any column" summary={null}>
          {otherColumns.length === 0 ? (
            <p className="filters__note">Show a column (Columns) to filter on it.</p>
          ) : (
            <PropertyFilterForm columns={otherColumns} properties={properties} onAdd={(filter) => onChange([...filters, filter])} />
          )}
        </Section>
      </div>
    </div>
  );
}
