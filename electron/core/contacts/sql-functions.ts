/**
 * SQL functions every cache connection has (the writer, the readers, the export's reader): they are
 * registered in one place, by openCacheConnection, so a query or an index may use them anywhere.
 * An expression index that uses one must only use deterministic functions.
 */
import type { DatabaseSync, SQLInputValue, SQLOutputValue } from 'node:sqlite';

interface SqlFunction {
  name: string;
  deterministic: boolean;
  fn: (...args: SQLOutputValue[]) => SQLInputValue;
}

/** Add a function here; it is on every connection opened after that. */
const sqlFunctions: SqlFunction[] = [];

export function registerSqlFunctions(db: DatabaseSync): void {
  for (const { name, deterministic, fn } of sqlFunctions) db.function(name, { deterministic, directOnly: !deterministic }, fn);
}
