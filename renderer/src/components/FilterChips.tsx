import { useId } from 'react';
import type { FilterIssue, ViewFilter } from '../../../electron/ipc/types.ts';
import { describeFilter, type LabelContext } from '../lib/view-model.ts';
import { Icon } from './Icon.tsx';

interface FilterChipsProps {
  filters: readonly ViewFilter[];
  /** What the app said about some of them (no longer available, "Me" unknown…). */
  issues: readonly FilterIssue[];
  context: LabelContext;
  onRemove(index: number): void;
  /** Shown while filters or a search narrow the contacts. */
  onClear: (() => void) | null;
}

/** The active filters under the search box, each removable; a stale one says why it is not applied. */
export function FilterChips({ filters, issues, context, onRemove, onClear }: FilterChipsProps) {
  const baseId = useId();
  if (filters.length === 0 && onClear === null) return null;
  return (
    <div className="chips" role="group" aria-label="Active filters">
      <ul className="chips__list">
        {filters.map((filter, index) => {
          const label = describeFilter(filter, context);
          const issue = issues.find((candidate) => candidate.index === index);
          const reasonId = `${baseId}-${index}`;
          return (
            // filters have no ids of their own; their position is what the view stores
            <li key={`${index}:${label}`} className={`chip${issue ? (issue.applied ? ' chip--caveat' : ' chip--stale') : ''}`}>
              {issue && <Icon name="warning" className="chip__icon" />}
              <span className="chip__label">{label}</span>
              {issue && !issue.applied && <span className="chip__status"> (no longer available)</span>}
              {issue && (
                <span id={reasonId} className="chip__reason">
                  {issue.reason}
                </span>
              )}
              <button type="button" className="chip__remove" aria-label={`Remove filter ${label}`} aria-describedby={issue ? reasonId : undefined} onClick={() => onRemove(index)}>
                <Icon name="close" />
              </button>
            </li>
          );
        })}
      </ul>
      {onClear && (
        <button type="button" className="button button--quiet button--small" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
