/** SQLite's failures as the sentences users see, and errors as plain values across the worker boundary. */
import { AppError, isAppError, toErrorView } from '../errors.ts';
import type { ErrorView } from '../errors.ts';

export const sqliteCode = (error: unknown): number | undefined => {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code & 0xff : undefined;
};
const SQLITE_PERM = 3;
const SQLITE_READONLY = 8;
export const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
export const SQLITE_NOTADB = 26;

export function cacheError(error: unknown): AppError {
  if (isAppError(error)) return error;
  switch (sqliteCode(error)) {
    case SQLITE_FULL:
      return new AppError('disk-full', "The disk is full, so Contact Desk can't save contacts. Free up some space, then sync again.", { cause: error });
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
      return new AppError('permission-denied', "Contact Desk can't write to its data folder. Check that the folder exists and that you may change it, then restart Contact Desk.", { cause: error });
    default:
      return new AppError('internal', 'Contact Desk had a problem with its saved contacts. Restart it; if that does not help, sync again.', { cause: error });
  }
}

/** What a cache worker posts for a failed call: the user's sentence, and SQLite's own words for the log. */
export interface CacheFailure {
  view: ErrorView;
  /** The underlying problem in SQLite's words (never contact data beyond what SQLite puts in it). */
  problem: string | null;
}

export function toCacheFailure(error: unknown): CacheFailure {
  const appError = cacheError(error);
  const cause = appError.cause;
  return { view: toErrorView(appError), problem: cause instanceof Error ? cause.message : null };
}

export function fromCacheFailure(failure: CacheFailure): AppError {
  const { kind, message, details } = failure.view;
  return new AppError(kind, message, { ...(details ? { details } : {}), ...(failure.problem ? { cause: new Error(failure.problem) } : {}) });
}
