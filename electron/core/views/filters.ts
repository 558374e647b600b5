/**
 * From a view's filters (what the user chose, possibly saved long ago) to the terms the cache can
 * apply now. A filter whose property, owner or list no longer exists is left out and reported as
 * an issue with a plain sentence, so a saved view always opens with the rest applied. Pure: every
 * fact it needs (what the cache holds, the owners, the lists, the time) comes in as an argument.
 */
import type { FilterIssue, ViewFilter } from '../../ipc/types.ts';
import { daySpan, instantSpan } from './date-range.ts';

/** One condition the cache turns into a set of contact ids; the sets are intersected. */
export type FilterTerm =
  /** The property's value is one of `values` (for multi-select properties: any of its values is); or empty when `orEmpty`. */
  | { kind: 'values'; property: string; values: string[]; multiple: boolean; orEmpty: boolean }
  | { kind: 'empty'; property: string; empty: boolean }
  | { kind: 'contains'; property: string; text: string }
  /** Date-time property within [from, until) as ISO instants; date property within [from, until) as YYYY-MM-DD days. */
  | { kind: 'between'; property: string; type: 'datetime' | 'date'; from: string | null; until: string | null }
  | { kind: 'list'; listId: string }
  /** Matches no contact (e.g. "Me" when Contact Desk cannot tell which owner the user is). */
  | { kind: 'nothing' };

export interface PropertyFacts {
  label: string;
  type: string;
  fieldType: string;
}

export interface ListFacts {
  name: string;
  deleted: boolean;
  membersFetchedAt: number | null;
}

export interface FilterFacts {
  /** Properties whose values the cache holds. */
  synced: ReadonlySet<string>;
  /** HubSpot's definitions; empty when they could not be fetched (then nothing counts as removed). */
  definitions: ReadonlyMap<string, PropertyFacts>;
  /** Every owner id HubSpot lists (archived ones too); null when owners are not known. */
  ownerIds: ReadonlySet<string> | null;
  /** The signed-in user's owner id; null when there is none (or owners are not known). */
  me: string | null;
  /** Why "Me" cannot be worked out, in plain words (when `me` is null). */
  meProblem: string;
  lists: ReadonlyMap<string, ListFacts>;
  /** Why no list can be used (e.g. a missing scope); null when lists work. */
  listsProblem: string | null;
  now: number;
  timeZone: string;
}

export interface ResolvedFilters {
  terms: FilterTerm[];
  issues: FilterIssue[];
}

/** Types the cache stores as date-times even without HubSpot's definitions. */
const knownTypes: Readonly<Record<string, string>> = { createdate: 'datetime', lastmodifieddate: 'datetime', hubspot_owner_id: 'enumeration' };
export const OWNER_PROPERTY = 'hubspot_owner_id';

/** A term, a term with a caveat for the chip, or why the filter is left out. */
type Outcome = FilterTerm | { term: FilterTerm; caveat: string } | { problem: string };

function propertyProblem(name: string, facts: FilterFacts): string | null {
  const label = facts.definitions.get(name)?.label || name;
  if (facts.definitions.size > 0 && !facts.definitions.has(name)) return `The property “${label}” no longer exists in HubSpot, so this filter is not applied.`;
  if (!facts.synced.has(name)) return `Contact Desk no longer keeps “${label}”. Show it in Columns (it fills in with the next sync) to use this filter again.`;
  return null;
}

function ownerTerm(owners: readonly string[], facts: FilterFacts): Outcome {
  const problem = propertyProblem(OWNER_PROPERTY, facts);
  if (problem) return { problem };
  const ids = owners.filter((owner) => owner !== 'me' && owner !== 'none');
  const known = facts.ownerIds === null ? ids : ids.filter((id) => facts.ownerIds?.has(id));
  const wantsMe = owners.includes('me');
  const orEmpty = owners.includes('none');
  if (known.length === 0 && ids.length > 0 && !wantsMe && !orEmpty) return { problem: 'The chosen owners no longer exist in HubSpot, so this filter is not applied.' };
  const values = [...new Set([...known, ...(wantsMe && facts.me !== null ? [facts.me] : [])])];
  const term: FilterTerm = values.length === 0 && !orEmpty ? { kind: 'nothing' } : { kind: 'values', property: OWNER_PROPERTY, values, multiple: false, orEmpty };
  if (wantsMe && facts.me === null) return { term, caveat: facts.meProblem };
  if (known.length < ids.length) return { term, caveat: 'Some of the chosen owners no longer exist in HubSpot; the others are applied.' };
  return term;
}

function dateTerm(filter: Extract<ViewFilter, { kind: 'date' }>, facts: FilterFacts): Outcome {
  const problem = propertyProblem(filter.property, facts);
  if (problem) return { problem };
  const type = facts.definitions.get(filter.property)?.type ?? knownTypes[filter.property];
  if (type !== 'datetime' && type !== 'date') return { problem: `“${facts.definitions.get(filter.property)?.label || filter.property}” is not a date, so this filter is not applied.` };
  const days = daySpan(filter.range, facts.now, facts.timeZone);
  if (type === 'date') return { kind: 'between', property: filter.property, type, from: days.from, until: days.until };
  const instants = instantSpan(days, facts.timeZone);
  const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { kind: 'between', property: filter.property, type, from: isoOf(instants.from), until: isoOf(instants.until) };
}

function listTerm(listId: string, facts: FilterFacts): Outcome {
  if (facts.listsProblem !== null) return { problem: facts.listsProblem };
  const list = facts.lists.get(listId);
  if (!list || list.deleted) return { problem: `${list ? `The list “${list.name}”` : 'This list'} was deleted in HubSpot, so this filter is not applied.` };
  if (list.membersFetchedAt === null) return { problem: `The members of “${list.name}” have not been fetched yet. Connect to HubSpot and choose the list again.` };
  return { kind: 'list', listId };
}

function resolveOne(filter: ViewFilter, facts: FilterFacts): Outcome {
  switch (filter.kind) {
    case 'owner':
      return ownerTerm(filter.owners, facts);
    case 'date':
      return dateTerm(filter, facts);
    case 'list':
      return listTerm(filter.listId, facts);
    default: {
      const problem = propertyProblem(filter.property, facts);
      if (problem) return { problem };
      if (filter.kind === 'is-empty' || filter.kind === 'is-not-empty') return { kind: 'empty', property: filter.property, empty: filter.kind === 'is-empty' };
      if (filter.kind === 'contains') return { kind: 'contains', property: filter.property, text: filter.text };
      const multiple = facts.definitions.get(filter.property)?.fieldType === 'checkbox';
      return { kind: 'values', property: filter.property, values: [...new Set(filter.values)], multiple, orEmpty: false };
    }
  }
}

export function resolveFilters(filters: readonly ViewFilter[], facts: FilterFacts): ResolvedFilters {
  const terms: FilterTerm[] = [];
  const issues: FilterIssue[] = [];
  filters.forEach((filter, index) => {
    const outcome = resolveOne(filter, facts);
    if ('problem' in outcome) {
      issues.push({ index, reason: outcome.problem, applied: false });
    } else if ('caveat' in outcome) {
      terms.push(outcome.term);
      issues.push({ index, reason: outcome.caveat, applied: true });
    } else {
      terms.push(outcome);
    }
  });
  return { terms, issues };
}
