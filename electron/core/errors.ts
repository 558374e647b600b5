import type { ErrorKind, ErrorView } from '../ipc/types.ts';

export type { ErrorKind, ErrorView };

/**
 * Every failure the user can see is an AppError: a kind the code can branch on and a sentence a
 * non-technical person understands. Never put a token, code or secret in `message`.
 */
export class AppError extends Error {
  readonly kind: ErrorKind;
  /** Extra facts for the UI (never secrets), e.g. { resumeAt } for a daily limit. */
  readonly details: Record<string, string | number | boolean> | undefined;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown; details?: Record<string, string | number | boolean> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.details = options?.details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function toErrorView(error: unknown): ErrorView {
  if (isAppError(error)) {
    return error.details ? { kind: error.kind, message: error.message, details: error.details } : { kind: error.kind, message: error.message };
  }
  return { kind: 'internal', message: 'Something went wrong inside Contact Desk. Try again; if it keeps happening, restart the app.' };
}
