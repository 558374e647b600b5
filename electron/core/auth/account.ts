import type { Account, MissingScope } from '../../ipc/types.ts';
import { optionalScopeFeatures } from '../hubspot/optional-scopes.ts';
import type { TokenIntrospection } from './token-client.ts';

/** What each scope Contact Desk asks for makes possible, in the words the app shows. */
const scopePurposes: Readonly<Record<string, string>> = {
  oauth: 'signing in',
  'crm.objects.contacts.read': 'seeing and syncing contacts',
  'crm.schemas.contacts.read': 'choosing columns (contact properties)',
  ...Object.fromEntries(Object.entries(optionalScopeFeatures).map(([scope, feature]) => [scope, feature.adds])),
};

export function accountFromIntrospection(
  introspection: Extract<TokenIntrospection, { active: true }>,
  requestedScopes: readonly string[],
  optionalScopes: readonly string[] = [],
): Account {
  return {
    hubId: introspection.hubId,
    domain: introspection.hubDomain,
    userEmail: introspection.userEmail,
    ...(introspection.userId !== undefined ? { userId: introspection.userId } : {}),
    scopes: [...introspection.scopes],
    missingScopes: [...missingScopes(requestedScopes, introspection.scopes), ...missingScopes(optionalScopes, introspection.scopes, { optional: true })],
  };
}

export function missingScopes(requested: readonly string[], granted: readonly string[], options: { optional?: boolean } = {}): MissingScope[] {
  const grantedSet = new Set(granted);
  return requested
    .filter((scope) => !grantedSet.has(scope))
    .map((scope) => ({ scope, blocks: scopePurposes[scope] ?? 'some of Contact Desk’s features', ...(options.optional ? { optional: true } : {}) }));
}
