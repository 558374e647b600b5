/**
 * Search over the cache, through one of two indexes of the same text (search-text.ts):
 * - 'fts': FTS5, contentless, word prefixes (the default wherever SQLite has FTS5);
 * - 'words': where it has not (FTS5 is a build option), a plain index of every word
 *   (contacts_words: word → contact) for the prefix lookup, and each contact's words in order
 *   (contacts_text) to check that all the typed words are there, in sequence. Slower on broad
 *   searches, the same results.
 * The writer picks the index when it opens the file; readers see which one the file has.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { CacheConnection } from './cache-connection.ts';
import { ftsQuery, indexTokens, searchableName, searchableText, searchWords } from './search-text.ts';

export type SearchIndex = 'fts' | 'words';

/** Raised when the file's search index or its words change, so an older one is rebuilt. */
const SEARCH_VERSION = 2;
/** Symbols and emoji are word characters too (the default leaves them out). */
const FTS_TOKENIZER = `unicode61 remove_diacritics 2 categories 'L* N* Co M* S*'`;

export interface SearchMatch {
  /** The parameters of idsSql and countSql. */
  params: string[];
  /** The ids of the matching contacts. */
  idsSql: string;
  countSql: string;
}

const NOTHING: SearchMatch = { params: [], idsSql: 'SELECT NULL WHERE 0', countSql: 'SELECT 0 AS n' };

function wordsMatch(words: string[]): SearchMatch {
  const phrases = words.map((word) => indexTokens(word)).filter((tokens) => tokens.length > 0);
  if (phrases.length === 0) return NOTHING;
  // the longest word narrows the candidates through the index; every word is then checked in order
  const driver = phrases.flat().reduce((longest, token) => (token.length > longest.length ? token : longest));
  const checks = phrases.map(() => 'instr(text, ?) > 0').join(' AND ');
  const idsSql = `SELECT id FROM contacts_text WHERE id IN (SELECT id FROM contacts_words WHERE word >= ? AND word < ?) AND ${checks}`;
  return { params: [driver, `${driver}\u{10FFFF}`, ...phrases.map((tokens) => ` ${tokens.join(' ')}`)], idsSql, countSql: `SELECT count(*) AS n FROM (${idsSql})` };
}

/** Null when the search is blank (everything matches). */
export function searchMatch(index: SearchIndex, search: string): SearchMatch | null {
  const words = searchWords(search);
  if (words === null) return null;
  if (words.length === 0) return NOTHING;
  if (index === 'words') return wordsMatch(words);
  return {
    params: [ftsQuery(words)],
    idsSql: 'SELECT rowid FROM contacts_search WHERE contacts_search MATCH ?',
    countSql: 'SELECT count(*) AS n FROM contacts_search WHERE contacts_search MATCH ?',
  };
}

/**
 * How a page of matches is read in the sort's order (cache-queries.ts chooses, by cost):
 * - 'sort-matches': every match read and sorted (NOT INDEXED keeps SQLite from walking a sort index);
 * - 'walk-index': the sort index walked from its start, keeping the matches (`+id` keeps SQLite from
 *   driving the query by the matches), until the page is full.
 */
export type MatchOrder = 'sort-matches' | 'walk-index';

/** The FROM's tail and WHERE clause for the matches (of a search, or of a view's filters: filter-queries.ts). */
export function matchWhere(match: Pick<SearchMatch, 'idsSql'> | null, order: MatchOrder): string {
  if (match === null) return '';
  return order === 'walk-index' ? `WHERE +id IN (${match.idsSql})` : `NOT INDEXED WHERE id IN (${match.idsSql})`;
}

/**
 * Only the matches among the first rows in the sort's order (the first parameter: how many rows),
 * sorted: the start of the sort index walked without reading a row, then those matches read.
 */
export function matchAmongFirstWhere(match: Pick<SearchMatch, 'idsSql'>, orderBySql: string): string {
  return `NOT INDEXED WHERE id IN (SELECT id FROM (SELECT id FROM contacts ${orderBySql} LIMIT ?) WHERE id IN (${match.idsSql}))`;
}

/** An FTS5 query SQLite could not parse matches nothing; it is never the user's problem. */
export function isSearchSyntaxError(error: unknown): boolean {
  return error instanceof Error && /fts5|unterminated string|malformed MATCH/i.test(error.message);
}

/** Which index the file has. */
export function searchIndexOf(db: DatabaseSync): SearchIndex {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'contacts_search'`).get() ? 'fts' : 'words';
}

// --- the writer's side

/** Whether this SQLite can make the FTS5 table the cache uses. */
export function ftsAvailable(db: DatabaseSync): boolean {
  try {
    db.exec(`CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x, tokenize = "${FTS_TOKENIZER}"); DROP TABLE temp.fts5_probe;`);
    return true;
  } catch {
    return false;
  }
}

function searchFields(properties: Record<string, string | null>): string[] {
  return [searchableName(properties.firstname, properties.lastname), searchableText(properties.email), searchableText(properties.company)];
}

function wordsText(fields: string[]): string {
  // fields apart, so a sequence of words never runs from one into the next
  return fields.map((field) => ` ${indexTokens(field).join(' ')} `).join('\n');
}

function unindexWords(conn: CacheConnection, id: number): void {
  const old = conn.statement('SELECT text FROM contacts_text WHERE id = ?').get(id) as { text: string } | undefined;
  if (!old) return;
  const forget = conn.statement('DELETE FROM contacts_words WHERE word = ? AND id = ?');
  for (const word of new Set(old.text.split(/\s+/u).filter((token) => token !== ''))) forget.run(word, id);
  conn.statement('DELETE FROM contacts_text WHERE id = ?').run(id);
}

/** Writes (or replaces) one contact's search text. */
export function indexContact(conn: CacheConnection, index: SearchIndex, id: number, properties: Record<string, string | null>): void {
  const fields = searchFields(properties);
  if (index === 'fts') {
    conn.statement('INSERT OR REPLACE INTO contacts_search (rowid, name, email, company) VALUES (?, ?, ?, ?)').run(id, ...fields);
    return;
  }
  unindexWords(conn, id);
  const text = wordsText(fields);
  conn.statement('INSERT INTO contacts_text (id, text) VALUES (?, ?)').run(id, text);
  const add = conn.statement('INSERT OR IGNORE INTO contacts_words (word, id) VALUES (?, ?)');
  for (const word of new Set(text.split(/\s+/u).filter((token) => token !== ''))) add.run(word, id);
}

/**
 * After an update: the search text is rewritten only when it changed. A full sync that adds a
 * column rewrites every contact, and replacing a contact's search entry was up to a third of such a
 * write (measured with 1,000,000 cached: 0.30 → 0.19–0.26 ms per contact).
 */
export function reindexContact(conn: CacheConnection, index: SearchIndex, id: number, before: Record<string, string | null>, after: Record<string, string | null>): void {
  const previous = searchFields(before);
  if (searchFields(after).some((field, i) => field !== previous[i])) indexContact(conn, index, id, after);
}

export function unindexContact(conn: CacheConnection, index: SearchIndex, id: number): void {
  if (index === 'fts') conn.statement('DELETE FROM contacts_search WHERE rowid = ?').run(id);
  else unindexWords(conn, id);
}

export function clearSearchIndex(db: DatabaseSync, index: SearchIndex): void {
  if (index === 'fts') db.exec(`INSERT INTO contacts_search (contacts_search) VALUES ('delete-all')`);
  else db.exec('DELETE FROM contacts_words; DELETE FROM contacts_text;');
}

function createSearchIndex(db: DatabaseSync, index: SearchIndex): void {
  if (index === 'fts') {
    db.exec(`CREATE VIRTUAL TABLE contacts_search USING fts5(name, email, company, content = '', contentless_delete = 1, tokenize = "${FTS_TOKENIZER}", prefix = '1 2')`);
  } else {
    db.exec(`
      CREATE TABLE contacts_words (word TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (word, id)) WITHOUT ROWID, STRICT;
      CREATE TABLE contacts_text (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;
    `);
  }
}

/** The file has an FTS5 table this SQLite cannot open: it is set aside and a new cache started. */
export class SearchIndexUnreadable extends Error {}

/**
 * Makes sure the file has `index` at the current version, building it from the cached contacts
 * when it has not (first open, an older version, or the other kind). Runs in the writer's
 * opening transaction.
 */
export function prepareSearchIndex(conn: CacheConnection, index: SearchIndex): void {
  const { db } = conn;
  const name = `search:${index}`;
  const current = db.prepare('SELECT version FROM schema_parts WHERE name = ?').get(name) as { version: number } | undefined;
  if (current?.version === SEARCH_VERSION) return;
  const hasFts = searchIndexOf(db) === 'fts';
  if (hasFts && index === 'words' && !ftsAvailable(db)) throw new SearchIndexUnreadable('The cache has a full-text index this SQLite cannot read.');
  db.exec('DROP TABLE IF EXISTS contacts_search; DROP TABLE IF EXISTS contacts_words; DROP TABLE IF EXISTS contacts_text;');
  db.exec(`DELETE FROM schema_parts WHERE name LIKE 'search:%'`);
  createSearchIndex(db, index);
  for (const row of db.prepare('SELECT id, properties FROM contacts').iterate() as Iterable<{ id: number; properties: string }>) {
    indexContact(conn, index, row.id, JSON.parse(row.properties) as Record<string, string | null>);
  }
  db.prepare('INSERT INTO schema_parts (name, version) VALUES (?, ?)').run(name, SEARCH_VERSION);
}
