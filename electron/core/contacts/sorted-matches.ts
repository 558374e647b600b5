/**
 * The last sorted matches a read connection worked out, so the next keystroke of a search and the
 * next pages of the same search are read without sorting again.
 *
 * Sorting the matches costs reading every matching row (measured at 1,000,000 contacts: about
 * 65 ms for 11,000 matches, most of it the rows' pages read from disk). Typing narrows: every
 * contact "garcia" finds, "garci" found too. So when a set of matches is no larger than the one
 * remembered, its ids are read (no row needed: a few ms from the search index) and, when every
 * one of them is among the remembered, the remembered order filtered to them is the new order.
 * That check, not the search text, decides: it holds for filters, for any search, and for the same
 * search's next page. Forgotten when the cache changes (PRAGMA data_version) or another sort is asked.
 */
import type { Reader } from './cache-reader.ts';
import type { IdSet } from './filter-queries.ts';

/** Beyond this many matches nothing is remembered (a large set is read by walking the sort index). */
const REMEMBER_AT_MOST = 100_000;

interface SortedMatches {
  dataVersion: number;
  /** The ORDER BY the ids are in. */
  orderSql: string;
  /** Matching ids in that order. */
  ids: number[];
  /** Each id's place in `ids`; made when first narrowed (most searches are never narrowed). */
  places: Map<number, number> | null;
}

const remembered = new WeakMap<Reader, SortedMatches>();

function remember(r: Reader, dataVersion: number, orderSql: string, ids: number[]): number[] {
  if (ids.length <= REMEMBER_AT_MOST) remembered.set(r, { dataVersion, orderSql, ids, places: null });
  return ids;
}

/**
 * The matches of `set` (`total` of them) in the order of `orderSql`, from the remembered ones when
 * they hold all of them; null when they do not.
 */
export function narrowRemembered(r: Reader, orderSql: string, set: IdSet, total: number): number[] | null {
  const last = remembered.get(r);
  if (!last || last.orderSql !== orderSql || total > last.ids.length) return null;
  const dataVersion = r.dataVersion();
  if (dataVersion !== last.dataVersion) {
    remembered.delete(r);
    return null;
  }
  const kept: number[] = [];
  const select = r.conn.statement(set.idsSql);
  select.setReturnArrays(true);
  // leaving the loop early resets the statement (no read left open)
  for (const [id] of select.iterate(...set.params) as Iterable<[number]>) {
    // the first match tells most other searches apart, before the places are worked out
    if (last.places === null && !last.ids.includes(id)) return null;
    last.places ??= new Map(last.ids.map((rememberedId, place) => [rememberedId, place]));
    const place = last.places.get(id);
    if (place === undefined) return null;
    kept.push(place);
  }
  const ids = Array.from(new Uint32Array(kept).sort(), (place) => last.ids[place]!);
  return remember(r, dataVersion, orderSql, ids);
}

/** Every match of `set`, sorted (`matchesSql` selects their ids in the order of `orderSql`), and remembered. */
export function sortAndRemember(r: Reader, orderSql: string, matchesSql: string, set: IdSet): number[] {
  // read before the rows: a change committed meanwhile then makes the remembered order stale by version, never silently
  const dataVersion = r.dataVersion();
  const select = r.conn.statement(matchesSql);
  select.setReturnArrays(true);
  return remember(r, dataVersion, orderSql, (select.all(...set.params) as unknown as [number][]).map(([id]) => id));
}
