/**
 * The table's page as shown (labels, owner names, dates), formatted where the data is: in the reader
 * worker, with the same column formats the export uses (electron/core/values/). Property definitions
 * and owners are read again only when another connection has committed.
 */
import type { ContactsPage, ContactsQuery } from '../../ipc/types.ts';
import type { OwnerDirectory } from '../values/owner-names.ts';
import { showPage } from '../values/table-cells.ts';
import { properties, query } from './cache-queries.ts';
import type { Reader } from './cache-reader.ts';
import type { PropertyDefinition } from './cache-types.ts';
import type { FilterContext } from './filter-queries.ts';
import { ownerDirectory } from './owners-store.ts';

export interface ShowingFacts {
  properties: ReadonlyMap<string, PropertyDefinition>;
  owners: OwnerDirectory;
}

const remembered = new WeakMap<Reader, { version: number; facts: ShowingFacts }>();

/** What formatting needs from the cache: the property definitions and the owners. */
export function showingFacts(r: Reader): ShowingFacts {
  const version = r.dataVersion();
  const known = remembered.get(r);
  if (known?.version === version) return known.facts;
  const facts = { properties: new Map(properties(r).map((property) => [property.name, property])), owners: ownerDirectory(r) };
  remembered.set(r, { version, facts });
  return facts;
}

/** One page of the table, each cell as shown; a view's filters are applied with `context` (filter-queries.ts). */
export function queryShown(r: Reader, request: ContactsQuery, context: FilterContext | null = null): ContactsPage {
  const facts = showingFacts(r);
  return showPage(query(r, request, context), request.columns, facts.properties, facts.owners);
}
