/**
 * How rows sort, and the expression indexes that keep sorting fast: one per synced property, on
 * exactly the expression the queries sort by, so the planner uses it (measured: 100 rows at offset
 * 99,000 of 100,000 in ~4 ms). A default property's value is read from its own column
 * (value-columns.ts), any other from the contact's JSON.
 */
import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../errors.ts';
import type { SortDirection } from '../../ipc/types.ts';
import { SORT_KEY_FUNCTION, sortKeyIndexTag } from './sort-keys.ts';
import { isPropertyName, syncedPropertyList } from './synced-properties.ts';
import { extractedValue, valueColumn } from './value-columns.ts';

/** Each index slows every write (the default nine are most of a page's write time); beyond this many synced properties, sorting scans. */
const MAX_SORT_INDEXES = 20;
const SORT_INDEX_PREFIX = 'contacts_sort_';
const defaultTypes: Record<string, string> = { hs_object_id: 'number', createdate: 'datetime', lastmodifieddate: 'datetime' };

export function checkColumn(name: string): string {
  if (!isPropertyName(name)) throw new AppError('bad-input', `"${name}" is not a contact property name.`);
  return name;
}

export const valueOf = (column: string) => valueColumn(column) ?? extractedValue(column, 'properties');

/**
 * Free text sorts by its collation key (the user's language's order, see sort-keys.ts). Dropdowns,
 * owners, dates and yes/no keep their stored value's order, which is also what filters look up.
 */
const COLLATED_TYPES = new Set(['string', 'phone_number']);

type SortKind = 'number' | 'collated' | 'stored';
const sortKind = (type: string): SortKind => (type === 'number' ? 'number' : COLLATED_TYPES.has(type) ? 'collated' : 'stored');

/** What rows sort by; indexes are created on exactly these expressions so the planner uses them. */
export function sortKey(column: string, type: string): string {
  if (column === 'hs_object_id') return 'id';
  const value = `NULLIF(${valueOf(column)}, '')`;
  switch (sortKind(type)) {
    case 'number':
      return `CAST(${value} AS REAL)`;
    case 'collated':
      return `${SORT_KEY_FUNCTION}(${value})`;
    default:
      return `${value} COLLATE NOCASE`;
  }
}

/** The ORDER BY for a sort (ties broken by id, blanks last in both directions). */
export function orderBy(sort: { column: string; direction: SortDirection } | undefined, typeOf: (column: string) => string): string {
  if (!sort) return 'ORDER BY id';
  const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const key = sortKey(sort.column, typeOf(sort.column));
  return key === 'id' ? `ORDER BY id ${direction}` : `ORDER BY ${key} ${direction} NULLS LAST, id ${direction}`;
}

/** Property types as HubSpot declared them (numbers sort as numbers). */
export function loadPropertyTypes(db: DatabaseSync): (column: string) => string {
  const types = new Map((db.prepare('SELECT name, type FROM properties').all() as { name: string; type: string }[]).map((row) => [row.name, row.type]));
  return (column) => types.get(column) ?? defaultTypes[column] ?? 'string';
}

/** One index per synced property (up to the limit); the writer calls it when the synced properties or their types change. */
export function reconcileSortIndexes(db: DatabaseSync, syncedProperties: string[] | null, typeOf: (column: string) => string): void {
  const wanted = new Map<string, string>();
  const names = (syncedProperties ?? syncedPropertyList()).filter((name) => name !== 'hs_object_id' && isPropertyName(name));
  const keyTag = sortKeyIndexTag();
  for (const name of names.slice(0, MAX_SORT_INDEXES)) {
    const kind = sortKind(typeOf(name));
    // collated indexes are named after the locale and ICU version their keys were made with
    const label = kind === 'number' ? 'number' : kind === 'stored' ? 'text' : `key${keyTag}`;
    // (an index on a value column is named apart from the JSON one it replaces, so reconciling swaps them)
    const source = valueColumn(name) ? 'v' : '';
    wanted.set(`${SORT_INDEX_PREFIX}${source}${label}_${name}`, sortKey(name, typeOf(name)));
  }
  const existing = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND substr(name, 1, ${SORT_INDEX_PREFIX.length}) = '${SORT_INDEX_PREFIX}'`).all() as { name: string }[]).map((row) => row.name);
  for (const name of existing) if (!wanted.has(name)) db.exec(`DROP INDEX "${name}"`);
  for (const [name, key] of wanted) if (!existing.includes(name)) db.exec(`CREATE INDEX "${name}" ON contacts(${key})`);
}
