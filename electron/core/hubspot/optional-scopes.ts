/**
 * The scopes Contact Desk asks for as optional (HubSpot's `optional_scope`): without them the app
 * still works, minus one feature each. One place names each scope and what it adds, for the
 * missing-scope notice and for the errors of the calls that need it.
 */
import { AppError, isAppError } from '../errors.ts';

export const optionalScopeFeatures = {
  'crm.objects.owners.read': { adds: 'Contact owner names', unavailable: 'Contact owner names can’t be shown' },
  'crm.lists.read': { adds: 'Filtering by HubSpot lists', unavailable: 'HubSpot lists can’t be used as filters' },
} as const;

export type OptionalScope = keyof typeof optionalScopeFeatures;

export const optionalScopes = Object.keys(optionalScopeFeatures) as OptionalScope[];

/** Runs a call that needs `scope`; a missing-scope refusal gets a sentence naming what is lost. */
export async function needingScope<T>(scope: OptionalScope, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isAppError(error) || error.kind !== 'missing-scope') throw error;
    throw new AppError(
      'missing-scope',
      `${optionalScopeFeatures[scope].unavailable}: HubSpot didn't give Contact Desk the permission “${scope}”. Sign in again and allow it, or ask your HubSpot Super Admin.`,
      { cause: error, details: { ...error.details, scope } },
    );
  }
}
