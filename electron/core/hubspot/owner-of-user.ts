/**
 * The owners API's rule for "Me", in a module of its own without the API's response schemas: the
 * cache workers apply it to a view's owner filter, and each worker would otherwise load the schema
 * library for it (about 6 MB of memory per worker).
 */
import type { HubSpotOwner } from './owners-api.ts';

/**
 * The signed-in user's owner record ("Me"): the active owner whose `userId` is the user's, else
 * the one with the user's email (that the two ids agree is inferred, not documented by HubSpot).
 */
export function ownerOfUser<Owner extends Pick<HubSpotOwner, 'archived' | 'userId' | 'email'>>(owners: readonly Owner[], user: { userId?: number | null; email?: string | null }): Owner | undefined {
  const active = owners.filter((o) => !o.archived);
  const byId = user.userId == null ? undefined : active.find((o) => o.userId === user.userId);
  if (byId) return byId;
  const email = user.email?.trim().toLowerCase();
  return email ? active.find((o) => o.email?.toLowerCase() === email) : undefined;
}
