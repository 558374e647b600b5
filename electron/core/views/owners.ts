/**
 * Contact owners for the owner filter: who "Me" is, and the owners as the panel lists them. Pure:
 * the owners come from the cache (the sync keeps them there), the user from the sign-in.
 */
import type { OwnerChoice } from '../../ipc/types.ts';
import { ownerOfUser } from '../hubspot/owner-of-user.ts';

/** What the cache keeps of an owner (contacts/owners-store.ts), as much as this needs. */
export interface KnownOwner {
  id: string;
  userId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  archived: boolean;
}

export interface SignedInUser {
  email: string;
  userId: number | null;
}

/** The signed-in user's owner id, by the owners API's rule (ownerOfUser: active owners, userId first, then email). */
export function myOwnerId(owners: readonly KnownOwner[], user: SignedInUser | null): string | null {
  if (user === null) return null;
  // the cache keeps userIds as text
  const withNumericIds = owners.map((owner) => ({ ...owner, userId: owner.userId === null ? null : Number(owner.userId) }));
  return ownerOfUser(withNumericIds, user)?.id ?? null;
}

/** "First Last", else the email, else "Owner <id>". */
export function ownerLabel(owner: KnownOwner): string {
  const name = [owner.firstName, owner.lastName].map((part) => part?.trim() ?? '').filter(Boolean).join(' ');
  return name || owner.email?.trim() || `Owner ${owner.id}`;
}

export const ownerChoices = (owners: readonly KnownOwner[]): OwnerChoice[] =>
  owners.map((owner) => ({ id: owner.id, name: ownerLabel(owner), email: owner.email, archived: owner.archived }));

/** Why "Me" matches no contact, when it does not. */
export function mineProblem(signedIn: boolean, ownersKnown: boolean): string {
  if (!signedIn) return 'Nobody is signed in, so “Me” matches no contact.';
  if (!ownersKnown) return 'Contact Desk doesn’t know HubSpot’s contact owners, so “Me” matches no contact. They are fetched with each sync (with the permission “crm.objects.owners.read”).';
  return 'Your HubSpot user isn’t a contact owner in HubSpot, so “Me” matches no contact.';
}
