/**
 * What the sync reads while it writes (writer worker, on the write connection): it must see its
 * own writes, including those of a transaction not committed yet.
 */
import type { IdSpan } from './cache-types.ts';
import type { Writer } from './cache-writer.ts';
import type { SyncState } from './sync-state.ts';

export function syncState(w: Writer): SyncState {
  return w.state();
}

export function lastSyncedAt(w: Writer): number | null {
  return w.state().lastSyncedAt;
}

function spanSql(span: IdSpan): { where: string; params: number[] } {
  return span.end === null ? { where: 'id >= ?', params: [span.from] } : { where: 'id >= ? AND id < ?', params: [span.from, span.end] };
}

/** HubSpot's ids are positive: a span from 0 to no end holds every contact. */
export const EVERY_CONTACT_COUNT_SQL = 'SELECT count(*) AS n FROM contacts';

/** Contacts with ids in the span; only those carrying the current generation when `marked`. */
export function countIds(w: Writer, span: IdSpan, options: { marked?: boolean } = {}): number {
  // Every contact (each sync's check for deleted ones): counted on the smallest index, which SQLite
  // picks when nothing narrows the count. A range on the ids walks the table itself: at 1,000,000
  // contacts 28 times the pages (3 s), and they filled the writer's whole page cache.
  if (!options.marked && span.from <= 0 && span.end === null) return w.conn.withScanCache(() => (w.conn.statement(EVERY_CONTACT_COUNT_SQL).get() as { n: number }).n);
  const { where, params } = spanSql(span);
  const marked = options.marked ? ' AND generation = ?' : '';
  const values = options.marked ? [...params, w.state().generation] : params;
  return (w.conn.statement(`SELECT count(*) AS n FROM contacts WHERE ${where}${marked}`).get(...values) as { n: number }).n;
}

export function idsIn(w: Writer, span: IdSpan): number[] {
  const { where, params } = spanSql(span);
  return (w.conn.statement(`SELECT id FROM contacts WHERE ${where} ORDER BY id`).all(...params) as { id: number }[]).map((row) => row.id);
}

/** The id at position `n` (from 0) among cached ids in the span, or null past the end. */
export function nthId(w: Writer, span: IdSpan, n: number): number | null {
  const { where, params } = spanSql(span);
  const row = w.conn.statement(`SELECT id FROM contacts WHERE ${where} ORDER BY id LIMIT 1 OFFSET ?`).get(...params, n) as { id: number } | undefined;
  return row?.id ?? null;
}
