/**
 * The default synced properties each have a column of their own beside the contact's JSON, holding
 * what `json_extract` reads from it, and their sort and filter indexes are built on those columns.
 *
 * Why: SQLite rewrites an index on an UPDATE whenever the index reads a column the UPDATE sets. With
 * every index reading the JSON, a change to one property rewrote the entries of all eleven, each on
 * a page of its own in a large cache (13 pages per contact at 1,000,000 cached, against 3 when only
 * the changed property's index is written: bench/RESULTS.md, round 15). The writer sets only the
 * columns whose values changed. Properties the person adds to the sync stay in the JSON alone.
 */
import { DEFAULT_SYNCED_PROPERTIES } from './synced-properties.ts';

const columnOf = new Map<string, string>(DEFAULT_SYNCED_PROPERTIES.map((property) => [property, `v_${property}`]));

/** The column holding this property's value, if it has one. */
export const valueColumn = (property: string): string | undefined => columnOf.get(property);

/** What the column holds: the property's value as SQLite reads it from the JSON in `json`. */
export const extractedValue = (property: string, json: string) => `json_extract(${json}, '$."${property}"')`;

/** The columns, for the table's definition (ANY: kept exactly as json_extract returns them). */
export const valueColumnDefinitions = (): string[] => [...columnOf.values()].map((column) => `${column} ANY`);

/** The columns of these properties (all of them by default), each with its value read from `json`. */
export function valueColumnValues(json: string, properties: readonly string[] = [...columnOf.keys()]): Map<string, string> {
  return new Map(properties.map((property) => [columnOf.get(property)!, extractedValue(property, json)]));
}

/** `column = <its value in json>` for these properties (all of them by default). */
export const valueAssignments = (json: string, properties?: readonly string[]): string[] =>
  [...valueColumnValues(json, properties)].map(([column, value]) => `${column} = ${value}`);

/** The properties with a column whose values differ between two versions of a contact. */
export function changedValueProperties(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return [...columnOf.keys()].filter((property) => (before[property] ?? null) !== (after[property] ?? null));
}

/** Brings a cache whose contacts have no value columns to this layout (the sort indexes are rebuilt on them when the writer opens). */
export const addValueColumnsSql = (): string =>
  [...valueColumnDefinitions().map((definition) => `ALTER TABLE contacts ADD COLUMN ${definition}`), `UPDATE contacts SET ${valueAssignments('properties').join(', ')}`].join(';\n');
