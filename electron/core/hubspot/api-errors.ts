/** What a failed HubSpot API call means for the user: an AppError with a kind and a plain sentence. */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { sentences as tokenSentences } from '../auth/token-errors.ts';

export const sentences = {
  offline: tokenSentences.offline,
  unreachable: tokenSentences.unreachable,
  noAnswer: tokenSentences.noAnswer,
  down: tokenSentences.down,
  rateLimited: tokenSentences.rateLimited,
  revoked: tokenSentences.revoked,
  unreadable: tokenSentences.unreadable,
  missingScope:
    "Your HubSpot account didn't give Contact Desk permission to read contacts. Sign in again and allow access, or ask your HubSpot admin.",
  refused: 'HubSpot refused the request. Try again; if it keeps happening, ask whoever set up Contact Desk.',
  cancelled: 'Stopped.',
} as const;

/** HubSpot's error body; every field optional because proxies and outages send other things. */
export const apiErrorBodySchema = z
  .object({
    status: z.string().optional(),
    message: z.string().optional(),
    category: z.string().optional(),
    subCategory: z.string().optional(),
    errorType: z.string().optional(),
    policyName: z.string().optional(),
    correlationId: z.string().optional(),
  })
  .catch({});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export function parseErrorBody(text: string): ApiErrorBody {
  try {
    return apiErrorBodySchema.parse(JSON.parse(text));
  } catch {
    return {};
  }
}

/** Facts for the log and the UI's details; never the message (it can echo request data). */
export function errorDetails(httpStatus: number, body: ApiErrorBody): Record<string, string | number> {
  return {
    httpStatus,
    ...(body.category ? { category: body.category } : {}),
    ...(body.correlationId ? { correlationId: body.correlationId } : {}),
  };
}

/** The start of the next UTC day: when HubSpot's daily limit is reset at the latest. */
export function nextUtcMidnight(now: number): number {
  const day = 86_400_000;
  return Math.floor(now / day) * day + day;
}

export function dailyLimitError(now: number, details: Record<string, string | number>): AppError {
  const resumeAt = nextUtcMidnight(now);
  const when = new Intl.DateTimeFormat(undefined, { weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(resumeAt);
  return new AppError(
    'daily-limit',
    `Your HubSpot account has used up today's allowance of requests, so Contact Desk has paused. Your saved contacts are still here; syncing can start again after ${when}.`,
    { details: { ...details, resumeAt } },
  );
}

/** A non-2xx answer that is not retried (401/429/5xx are handled by the client before this). */
export function errorForStatus(httpStatus: number, body: ApiErrorBody): AppError {
  const details = errorDetails(httpStatus, body);
  if (httpStatus === 401) return new AppError('revoked', sentences.revoked, { details });
  if (httpStatus === 403 && body.category === 'MISSING_SCOPES') return new AppError('missing-scope', sentences.missingScope, { details });
  if (httpStatus === 429) return new AppError('rate-limited', sentences.rateLimited, { details });
  if (httpStatus >= 500) return new AppError('hubspot-down', sentences.down, { details });
  return new AppError('hubspot-error', sentences.refused, { details });
}
