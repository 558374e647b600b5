/**
 * A sort the cache can still apply (issue 15): a view saved, or a column kept, while a HubSpot
 * property existed may name it after HubSpot deleted it. Sorting by what is left of its values would
 * be a silent, stale order; the table and the export show contacts in the default order (by id)
 * instead, and the answer says so in a sentence the table shows as a notice.
 */
import type { SortIssue } from '../../ipc/types.ts';
import type { Reader } from './cache-reader.ts';

type Sort = { column: string; direction: 'asc' | 'desc' };

export interface CheckedSort {
  /** What to order by; absent: the default order. */
  sort: Sort | undefined;
  /** Why the asked-for sort was not applied. */
  issue?: SortIssue;
}

/** The contact's id sorts whatever HubSpot's definitions say. */
const ALWAYS_SORTABLE = new Set(['hs_object_id']);

/**
 * The sort as asked, unless HubSpot's definitions (fetched at every sync) no longer list its
 * property. Without any definitions (before the first sync, or when they could not be read) nothing
 * counts as removed, as for a view's filters (electron/core/views/filters.ts).
 */
export function checkSort(r: Reader, sort: Sort | undefined): CheckedSort {
  if (sort === undefined || ALWAYS_SORTABLE.has(sort.column)) return { sort };
  const known = r.conn
    .statement('SELECT EXISTS (SELECT 1 FROM properties) AS anyKnown, EXISTS (SELECT 1 FROM properties WHERE name = ?) AS known')
    .get(sort.column) as { anyKnown: number; known: number };
  if (known.anyKnown === 0 || known.known === 1) return { sort };
  return {
    sort: undefined,
    issue: {
      column: sort.column,
      reason: `The property “${sort.column}” the table was sorted by no longer exists in HubSpot, so contacts are shown in their usual order.`,
    },
  };
}
