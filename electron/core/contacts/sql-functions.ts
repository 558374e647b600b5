/**
 * SQL functions every cache connection has (the writer, the readers, the export's reader): they are
 * registered in one place, by openCacheConnection, so a query or an index may use them anywhere.
 * A function used by an expression index must be registered with `deterministic: true`.
 */
import type { DatabaseSync } from 'node:sqlite';
import { registerFilterFunctions } from './filter-sql.ts';
import { registerSortKeyFunction } from './sort-keys.ts';

/** Each feature's registration (a function calling `db.function(...)`); add yours here. */
const registrations: readonly ((db: DatabaseSync) => void)[] = [registerSortKeyFunction, registerFilterFunctions];

export function registerSqlFunctions(db: DatabaseSync): void {
  for (const register of registrations) register(db);
}
