/** The shapes the contact cache stores and answers with; plain data, so they cross to and from the cache workers as they are. */
import type { SortDirection, ViewFilter } from '../../ipc/types.ts';
import type { FilterContext } from './filter-queries.ts';

export type { SyncState } from './sync-state.ts';

export interface CachedContact {
  /** HubSpot's numeric contact id (hs_object_id). */
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  /** Archived contacts leave the cache. */
  archived?: boolean;
}

export interface PropertyOption {
  value: string;
  label: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  hidden: boolean;
  displayOrder: number;
  /** An enumeration's choices (empty for other types). */
  options: readonly PropertyOption[];
}

export interface RowsOptions {
  columns: string[];
  search: string;
  sort?: { column: string; direction: SortDirection };
  /** A view's filters, resolved with `context` (filter-queries.ts). */
  filters?: readonly ViewFilter[];
  context?: FilterContext | null;
}

export interface UpsertOutcome {
  /** Contacts whose values were written (unchanged ones and older versions than the cached one are not). */
  written: number;
  /** Contacts that did not carry the current sync generation before. */
  marked: number;
  /** Archived contacts removed. */
  removed: number;
}

export interface IdSpan {
  from: number;
  /** exclusive; null for no upper bound */
  end: number | null;
}
