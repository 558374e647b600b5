/**
 * The views the user picks from, the filters the panel edits, and how each filter reads on its
 * chip. Framework-free: the components and hooks only call these.
 */
import type { DatePreset, DateRange, FilterChoices, PropertyInfo, SavedView, ViewDefinition, ViewFilter } from '../../../electron/ipc/types.ts';

export const ALL_CONTACTS = 'all-contacts';
export const MY_CONTACTS = 'my-contacts';
export const OWNER_PROPERTY = 'hubspot_owner_id';

export interface BuiltInView {
  id: typeof ALL_CONTACTS | typeof MY_CONTACTS;
  name: string;
  filters: ViewFilter[];
}

/** They keep the user's own columns and sort; choosing one sets the filters and clears the search. */
export const builtInViews: readonly BuiltInView[] = [
  { id: ALL_CONTACTS, name: 'All contacts', filters: [] },
  { id: MY_CONTACTS, name: 'My contacts', filters: [{ kind: 'owner', owners: ['me'] }] },
];

export const isBuiltIn = (id: string): boolean => builtInViews.some((view) => view.id === id);
export const viewName = (id: string, saved: readonly SavedView[]): string =>
  builtInViews.find((view) => view.id === id)?.name ?? saved.find((view) => view.id === id)?.name ?? 'All contacts';

/** The panel's own places: one filter each. Other properties get "custom" filters, as many as wanted. */
export type FilterSlot = 'owner' | 'lifecyclestage' | 'hs_lead_status' | 'createdate' | 'lastmodifieddate' | 'list';

export function slotOf(filter: ViewFilter): FilterSlot | null {
  if (filter.kind === 'owner') return 'owner';
  if (filter.kind === 'list') return 'list';
  if (filter.kind === 'is-any-of' && (filter.property === 'lifecyclestage' || filter.property === 'hs_lead_status')) return filter.property;
  if (filter.kind === 'date' && (filter.property === 'createdate' || filter.property === 'lastmodifieddate')) return filter.property;
  return null;
}

export const filterInSlot = (filters: readonly ViewFilter[], slot: FilterSlot): ViewFilter | undefined => filters.find((filter) => slotOf(filter) === slot);

/** Puts `filter` in the slot (where the old one was, else last), or empties the slot when null. */
export function withSlot(filters: readonly ViewFilter[], slot: FilterSlot, filter: ViewFilter | null): ViewFilter[] {
  const at = filters.findIndex((existing) => slotOf(existing) === slot);
  if (at === -1) return filter === null ? [...filters] : [...filters, filter];
  return filter === null ? filters.filter((_, index) => index !== at) : filters.map((existing, index) => (index === at ? filter : existing));
}

export const withoutFilter = (filters: readonly ViewFilter[], index: number): ViewFilter[] => filters.filter((_, position) => position !== index);

/** Key order aside, the same JSON value. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Whether what is on screen differs from the chosen view (built-in views only decide the filters and search). */
export function isModified(current: ViewDefinition, base: ViewDefinition | BuiltInView): boolean {
  if (!sameValue(current.filters, base.filters)) return true;
  if (!('search' in base)) return current.search !== '';
  return current.search !== base.search || !sameValue(current.columns, base.columns) || !sameValue(current.sort, base.sort);
}

export const presetLabels: Readonly<Record<DatePreset, string>> = {
  today: 'Today',
  'last-7-days': 'Last 7 days',
  'this-month': 'This month',
  'this-quarter': 'This quarter',
  'this-year': 'This year',
};

/** "3 Mar 2026" for a YYYY-MM-DD day, read as a calendar day (no time zone shift). */
export const formatCalendarDay = (day: string): string =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function describeRange(range: DateRange): string {
  if ('preset' in range) return presetLabels[range.preset];
  if (range.from !== null && range.to !== null) return range.from === range.to ? formatCalendarDay(range.from) : `${formatCalendarDay(range.from)} – ${formatCalendarDay(range.to)}`;
  return range.from !== null ? `from ${formatCalendarDay(range.from)}` : `until ${formatCalendarDay(range.to!)}`;
}

export interface LabelContext {
  properties: ReadonlyMap<string, PropertyInfo>;
  choices: Pick<FilterChoices, 'owners' | 'me' | 'lists'> | null;
}

const propertyLabel = (name: string, context: LabelContext) => context.properties.get(name)?.label || (name === OWNER_PROPERTY ? 'Contact owner' : name);
const optionLabel = (property: string, value: string, context: LabelContext) =>
  context.properties.get(property)?.options.find((option) => option.value === value)?.label ?? value;

export function ownerLabel(owner: string, context: LabelContext): string {
  if (owner === 'me') return 'Me';
  if (owner === 'none') return 'No owner';
  return context.choices?.owners.find((candidate) => candidate.id === owner)?.name ?? `Owner ${owner}`;
}

/** The chip's words: "Lifecycle stage: Customer, Lead", "City contains “ber”". */
export function describeFilter(filter: ViewFilter, context: LabelContext): string {
  switch (filter.kind) {
    case 'owner':
      return `Contact owner: ${filter.owners.map((owner) => ownerLabel(owner, context)).join(', ')}`;
    case 'is-any-of':
      return `${propertyLabel(filter.property, context)}: ${filter.values.map((value) => optionLabel(filter.property, value, context)).join(', ')}`;
    case 'is-empty':
      return `${propertyLabel(filter.property, context)} is empty`;
    case 'is-not-empty':
      return `${propertyLabel(filter.property, context)} is not empty`;
    case 'contains':
      return `${propertyLabel(filter.property, context)} contains “${filter.text}”`;
    case 'date':
      return `${propertyLabel(filter.property, context)}: ${describeRange(filter.range)}`;
    case 'list':
      return `List: ${context.choices?.lists.find((list) => list.listId === filter.listId)?.name ?? `list ${filter.listId}`}`;
  }
}

/** The owners in the order the panel offers them: Me first, then by name, then No owner. */
export function ownerOptions(choices: Pick<FilterChoices, 'owners' | 'me'> | null): { value: string; label: string; hint?: string }[] {
  const owners = [...(choices?.owners ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const me = owners.find((owner) => owner.id === choices?.me);
  return [
    { value: 'me', label: 'Me', ...(me ? { hint: me.name } : {}) },
    ...owners.map((owner) => ({ value: owner.id, label: owner.name, ...(owner.archived ? { hint: 'Deactivated user' } : {}) })),
    { value: 'none', label: 'No owner' },
  ];
}

/** A view's definition from a saved view (its id, name and times aside). */
export const definitionOf = (view: SavedView): ViewDefinition => ({ filters: view.filters, search: view.search, columns: view.columns, sort: view.sort });
