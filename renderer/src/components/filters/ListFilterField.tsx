import { useId, useMemo, useState } from 'react';
import type { ListInfo } from '../../../../electron/ipc/types.ts';
import { formatNumber } from '../../lib/format.ts';

interface ListFilterFieldProps {
  lists: readonly ListInfo[];
  selected: string | null;
  /** Why lists cannot be used (a missing scope), in plain words. */
  note: string | null;
  /** Fetching a chosen list's members; its name while it runs. */
  fetching: string | null;
  onChoose(listId: string | null): void;
  onRefresh(): void;
  refreshing: boolean;
}

const kindOf = (list: ListInfo) => (list.processingType === 'DYNAMIC' ? 'Active list' : 'Static list');

function describe(list: ListInfo): string {
  const parts = [kindOf(list)];
  if (list.size !== null) parts.push(`${formatNumber(list.size)} ${list.size === 1 ? 'contact' : 'contacts'}`);
  if (list.deleted) parts.push('deleted in HubSpot');
  else if (list.membersFetchedAt === null) parts.push('members fetched when chosen');
  if (list.problem) parts.push(`not refreshed: ${list.problem}`);
  return parts.join(' · ');
}

/** One of the account's contact lists (static or active), searchable by name. */
export function ListFilterField({ lists, selected, note, fetching, onChoose, onRefresh, refreshing }: ListFilterFieldProps) {
  const [needle, setNeedle] = useState('');
  const findId = useId();
  const name = useId();
  const shown = useMemo(() => {
    const text = needle.trim().toLocaleLowerCase();
    return text ? lists.filter((list) => list.name.toLocaleLowerCase().includes(text)) : lists;
  }, [lists, needle]);

  if (note !== null) return <p className="filters__note">{note}</p>;
  return (
    <fieldset className="fieldset filters__group">
      <legend className="visually-hidden">HubSpot list</legend>
      <div className="filters__row">
        <label htmlFor={findId} className="visually-hidden">
          Find a list by name
        </label>
        <input id={findId} type="search" className="input input--small" placeholder="Find a list…" value={needle} onChange={(event) => setNeedle(event.target.value)} />
        <button type="button" className="button button--small" onClick={onRefresh} disabled={refreshing} aria-busy={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh lists'}
        </button>
      </div>
      {fetching && (
        <p className="muted" role="status">
          Fetching the members of “{fetching}” from HubSpot…
        </p>
      )}
      <div className="filters__options">
        <label className="radio check--compact">
          <input type="radio" name={name} checked={selected === null} onChange={() => onChoose(null)} />
          <span>Any list</span>
        </label>
        {shown.map((list) => (
          <label key={list.listId} className="radio check--compact">
            <input type="radio" name={name} checked={selected === list.listId} disabled={list.deleted} onChange={() => onChoose(list.listId)} />
            <span>
              {list.name}
              <span className="check__hint">{describe(list)}</span>
            </span>
          </label>
        ))}
        {lists.length === 0 && <p className="muted">No contact lists yet. Refresh lists to fetch them from HubSpot.</p>}
        {lists.length > 0 && shown.length === 0 && <p className="muted">No list is called anything like “{needle}”.</p>}
      </div>
    </fieldset>
  );
}
