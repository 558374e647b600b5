import type { Account, MissingScope } from '../../ipc/types.ts';
import type { TokenIntrospection } from './token-client.ts';

/** What each scope Contact Desk asks for makes possible, in the words the app shows. */
const scopePurposes: Readonly<Record<string, string>> = {
  oauth: 'signing in',
  'crm.objects.contacts.read': 'seeing and syncing contacts',
  'crm.schemas.contacts.read': 'choosing columns (contact properties)',
};

export function accountFromIntrospection(introspection: Extract<TokenIntrospection, { active: true }>, requestedScopes: readonly string[]): Account {
  return {
    hubId: introspection.hubId,
    domain: introspection.hubDomain,
    userEmail: introspection.userEmail,
    ...(introspection.userId !== undefined ? { userId: introspection.userId } : {}),
    scopes: [...introspection.scopes],
    missingScopes: missingScopes(requestedScopes, introspection.scopes),
  };
}

export function missingScopes(requested: readonly string[], granted: readonly string[]): MissingScope[] {
  const grantedSet = new Set(granted);
  return requested
    .filter((scope) => !grantedSet.has(scope))
    .map((scope) => ({ scope, blocks: scopePurposes[scope] ?? 'some of Contact Desk’s features' }));
}
