/** How a contact owner reads in the table and the export. */

/** What Contact Desk keeps of a HubSpot owner (GET /crm/owners, archived ones included). */
export interface OwnerFacts {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  archived: boolean;
}

/**
 * The owners known to this computer, by id; null when they could not be fetched (the account did
 * not grant `crm.objects.owners.read`): the Contact owner column then shows the ids.
 */
export type OwnerDirectory = ReadonlyMap<string, OwnerFacts> | null;

const OWNER_ID = /^\d{1,20}$/;

/**
 * "First Last"; the email when the owner has no name; "Unknown owner (id)" for an id HubSpot no
 * longer lists. An archived (deactivated) owner keeps their name, as on HubSpot's contacts page.
 * Anything that is not an owner id stays as it was.
 */
export function ownerName(raw: string, owners: OwnerDirectory): string {
  const id = raw.trim();
  if (owners === null || !OWNER_ID.test(id)) return raw;
  const owner = owners.get(id);
  if (!owner) return `Unknown owner (${id})`;
  const name = [owner.firstName, owner.lastName].map((part) => part?.trim() ?? '').filter(Boolean).join(' ');
  return name || owner.email?.trim() || `Unknown owner (${id})`;
}
