/**
 * Search over the cache: what the user typed becomes an FTS5 match (search-text.ts), and the
 * matches are combined with the table query in whichever way is cheaper for their number.
 */
import { ftsQuery } from './search-text.ts';

/** Up to this many search matches are sorted directly; above, walking the sort index is cheaper. */
const SORT_MATCHES_DIRECTLY_UP_TO = 3000;

export interface SearchMatch {
  /** The parameter bound to the match. */
  param: string;
  /** The row ids that match, as a subquery taking `param`. */
  idsSql: string;
  countSql: string;
}

/** Null when nothing searchable was typed (everything matches). */
export function searchMatch(search: string): SearchMatch | null {
  const match = ftsQuery(search);
  if (match === null) return null;
  return {
    param: match,
    idsSql: 'SELECT rowid FROM contacts_search WHERE contacts_search MATCH ?',
    countSql: 'SELECT count(*) AS n FROM contacts_search WHERE contacts_search MATCH ?',
  };
}

/** The WHERE clause for the matches (of a search, or of a view's filters: filter-queries.ts). `+id` keeps SQLite from driving a large result by the matches, so it walks the sort index instead. */
export function matchWhere(match: Pick<SearchMatch, 'idsSql'> | null, matches: number | 'many'): string {
  if (match === null) return '';
  const walkIndex = matches === 'many' || matches > SORT_MATCHES_DIRECTLY_UP_TO;
  return `WHERE ${walkIndex ? '+id' : 'id'} IN (${match.idsSql})`;
}
