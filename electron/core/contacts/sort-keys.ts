/**
 * The collation sort key as an SQL function on every cache connection (registered in
 * sql-functions.ts), so text columns sort the way the user's language sorts (Álvarez with the A's)
 * through an ordinary expression index on `contact_sort_key(value)` (cache-sorting.ts). The keys
 * come from electron/core/values/sort-key.ts.
 *
 * The keys depend on the locale and ICU's version. The index names carry a short hash of both, so
 * when either changes (an Electron update, another language), the writer's index reconciliation
 * drops the old indexes and builds new ones instead of reading stale keys.
 */
import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { sortKeyer, sortKeyIdentity } from '../values/sort-key.ts';

export const SORT_KEY_FUNCTION = 'contact_sort_key';

export function registerSortKeyFunction(db: DatabaseSync): void {
  // Built on first use (a few hundred ms): connections that only read through the index never need it.
  let keyer: ReturnType<typeof sortKeyer> | null = null;
  db.function(SORT_KEY_FUNCTION, { deterministic: true }, (value) => {
    if (value === null) return null;
    keyer ??= sortKeyer();
    return keyer.key(String(value));
  });
}

/**
 * Makes this thread's key tables now (about 0.2 s) rather than in its first query that sorts by
 * text; how long that took, in ms (nothing to make the second time).
 */
export function prepareSortKeys(): number {
  const started = performance.now();
  sortKeyer();
  return performance.now() - started;
}

/** Part of the sort-key indexes' names: changes with the locale, ICU's version and the key layout. */
export function sortKeyIndexTag(): string {
  return createHash('sha256').update(sortKeyIdentity()).digest('hex').slice(0, 8);
}
