/** What the table, the column chooser and the export read (reader connections only). */
import type { ContactsPage, ContactsQuery, ViewFilter } from '../../ipc/types.ts';
import type { PropertyDefinition, PropertyOption, RowsOptions } from './cache-types.ts';
import type { Reader } from './cache-reader.ts';
import { isSearchSyntaxError, matchAmongFirstWhere, matchWhere, type MatchOrder } from './cache-search.ts';
import { checkColumn, orderBy, valueOf } from './cache-sorting.ts';
import { narrowContacts, type FilterContext, type IdSet } from './filter-queries.ts';
import { narrowRemembered, sortAndRemember } from './sorted-matches.ts';
import { checkSort } from './sort-fallback.ts';

function countMatches(r: Reader, set: IdSet | null): number {
  return r.rememberedCount(set?.key ?? '', () =>
    set === null ? (r.conn.statement('SELECT count(*) AS n FROM contacts').get() as { n: number }).n : (r.conn.statement(set.countSql).get(...set.params) as { n: number }).n,
  );
}

/** No contact at all (what a search SQLite cannot parse leaves). */
const NO_CONTACTS: IdSet = { idsSql: 'SELECT NULL WHERE 0', countSql: 'SELECT 0 AS n', params: [], key: 'nothing' };

/** A search SQLite cannot parse (whatever was typed) matches nothing, rather than failing. */
function orNoMatch<T>(read: () => T, none: T): T {
  try {
    return read();
  } catch (error) {
    if (isSearchSyntaxError(error)) return none;
    throw error;
  }
}

function selectSql(r: Reader, cells: string[], withId: boolean, sort: RowsOptions['sort'], set: IdSet | null, order: MatchOrder): string {
  const list = [...(withId ? ['id'] : []), ...cells.map(valueOf)].join(', ');
  return `SELECT ${list} FROM contacts ${matchWhere(set, order)} ${orderBy(sort, (column) => r.typeOf(column))}`;
}

/**
 * What reading a page costs, in microseconds (measured at 1,000,000 contacts): per match when the
 * matches are read and sorted; per sort index entry walked; per entry walked by the first try (a
 * subquery, slower).
 */
const COST = { sortMatch: 5, walkEntry: 0.12, firstTryEntry: 0.3 };
/** The first try walks this many times as far into the sort index as the page's matches would reach if spread evenly. */
const FIRST_TRY_MARGIN = 3;

type PageRows = [number, ...(string | null)[]][];

/** The rows of `ids`, in that order. */
function rowsById(r: Reader, columns: string[], ids: number[]): PageRows {
  if (ids.length === 0) return [];
  const select = r.conn.statement(`SELECT ${['id', ...columns.map(valueOf)].join(', ')} FROM contacts WHERE id IN (SELECT value FROM json_each(?))`);
  select.setReturnArrays(true);
  const byId = new Map((select.all(JSON.stringify(ids)) as unknown as PageRows).map((row) => [row[0], row]));
  return ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
}

/**
 * Rows offset..offset+limit of `total` matches, the cheapest way: sorting the matches costs their
 * number, walking the sort index costs how far into it the page's matches lie, which depends on the
 * search (a last name sorted by last name lies where that name is: Wright, 900,000 entries into
 * 1,000,000). So for many matches the start of the index is tried first, as far as evenly spread
 * matches would fill the page; when they are not there, the matches are sorted or the index walked.
 * Sorted matches are remembered for the next keystroke and the next pages (sorted-matches.ts).
 */
function readPage(r: Reader, columns: string[], sort: RowsOptions['sort'], set: IdSet | null, total: number, offset: number, limit: number): PageRows {
  const read = (sql: string, params: IdSet['params']) => {
    const select = r.conn.statement(`${sql} LIMIT ? OFFSET ?`);
    select.setReturnArrays(true);
    return select.all(...params, limit, offset) as unknown as PageRows;
  };
  if (set === null) return read(selectSql(r, columns, true, sort, null, 'walk-index'), []);
  const order = orderBy(sort, (column) => r.typeOf(column));
  const narrowed = narrowRemembered(r, order, set, total);
  if (narrowed) return rowsById(r, columns, narrowed.slice(offset, offset + limit));
  const everyone = countMatches(r, null);
  const sortCost = total * COST.sortMatch;
  const firstTry = Math.ceil((FIRST_TRY_MARGIN * (offset + limit) * everyone) / total);
  if (firstTry < everyone && firstTry * COST.firstTryEntry < sortCost) {
    const list = ['id', ...columns.map(valueOf)].join(', ');
    const rows = read(`SELECT ${list} FROM contacts ${matchAmongFirstWhere(set, order)} ${order}`, [firstTry, ...set.params]);
    // all the page's matches were among the first rows: they are the page
    if (rows.length === Math.min(limit, total - offset)) return rows;
  }
  if (sortCost > everyone * COST.walkEntry) return read(selectSql(r, columns, true, sort, set, 'walk-index'), set.params);
  const sorted = sortAndRemember(r, order, selectSql(r, [], true, sort, set, 'sort-matches'), set);
  return rowsById(r, columns, sorted.slice(offset, offset + limit));
}

/**
 * One page of the table: the requested columns of the rows at offset..offset+limit, and how many
 * match the search and the view's filters (resolved with `context`; see filter-queries.ts).
 */
export function query(r: Reader, request: ContactsQuery, context: FilterContext | null = null): ContactsPage {
  const columns = request.columns.map(checkColumn);
  const { sort, issue } = checkSort(r, { column: checkColumn(request.sort.column), direction: request.sort.direction });
  const offset = Math.max(0, Math.floor(request.offset));
  const limit = Math.max(0, Math.floor(request.limit));
  const sortSaid = issue ? { sortIssue: issue } : {};
  return orNoMatch(() => {
    const { set, issues } = narrowContacts(r, request.search, request.filters ?? [], context);
    const total = countMatches(r, set);
    const said = { ...(issues.length > 0 ? { filterIssues: issues } : {}), ...sortSaid };
    if (limit === 0 || offset >= total) return { rows: [], total, offset, ...said };
    const rows = readPage(r, columns, sort, set, total, offset, limit).map(([id, ...cells]) => ({ id: String(id), cells }));
    return { rows, total, offset, ...said };
  }, { rows: [], total: 0, offset, ...sortSaid });
}

/** How many contacts match the search and filters (all of them when neither narrows). */
export function count(r: Reader, search = '', filters: readonly ViewFilter[] = [], context: FilterContext | null = null): number {
  return orNoMatch(() => countMatches(r, narrowContacts(r, search, filters, context).set), 0);
}

function parseOptions(json: string): PropertyOption[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((o): o is PropertyOption => typeof o?.value === 'string' && typeof o?.label === 'string') : [];
  } catch {
    return [];
  }
}

export function properties(r: Reader): PropertyDefinition[] {
  const rows = r.conn.statement('SELECT * FROM properties ORDER BY label COLLATE NOCASE, name').all() as {
    name: string; label: string; type: string; field_type: string; group_name: string; description: string; hidden: number; display_order: number; options: string;
  }[];
  return rows.map((row) => ({
    name: row.name,
    label: row.label,
    type: row.type,
    fieldType: row.field_type,
    groupName: row.group_name,
    description: row.description,
    hidden: row.hidden === 1,
    displayOrder: row.display_order,
    options: parseOptions(row.options),
  }));
}

export function propertyLabels(r: Reader): Map<string, string> {
  return new Map((r.conn.statement('SELECT name, label FROM properties').all() as { name: string; label: string }[]).map((row) => [row.name, row.label]));
}

/**
 * Streams the cells of every matching row, in the table's order. Not a message: it runs where the
 * connection is (the export worker; tests), since an iterator cannot cross to another thread.
 */
export function rows(r: Reader, options: RowsOptions): IterableIterator<(string | null)[]> {
  const columns = options.columns.map(checkColumn);
  const { sort } = checkSort(r, options.sort && { column: checkColumn(options.sort.column), direction: options.sort.direction });
  const { set } = orNoMatch(() => narrowContacts(r, options.search, options.filters ?? [], options.context ?? null), { set: NO_CONTACTS, issues: [] });
  // a fresh statement: several iterations may run at once
  const select = r.conn.db.prepare(selectSql(r, columns, false, sort, set, 'walk-index'));
  select.setReturnArrays(true);
  const iterator = select.iterate(...(set?.params ?? [])) as unknown as IterableIterator<(string | null)[]>;
  let started = false;
  return {
    [Symbol.iterator]() {
      return this;
    },
    next() {
      if (started) return iterator.next();
      started = true;
      return orNoMatch(() => iterator.next(), { done: true, value: undefined });
    },
  };
}
