/** Which contact properties the sync fetches: the defaults, the user's extras, and what sync itself needs. */

export const DEFAULT_SYNCED_PROPERTIES = [
  'firstname',
  'lastname',
  'email',
  'phone',
  'company',
  'jobtitle',
  'lifecyclestage',
  // Contact owner and Lead status: HubSpot's default columns, and filters need them cached (and indexed).
  'hubspot_owner_id',
  'hs_lead_status',
  'createdate',
  'lastmodifieddate',
] as const;

/** Range sync pages by hs_object_id and incremental sync by lastmodifieddate, so both are always fetched. */
const REQUIRED = ['hs_object_id', 'createdate', 'lastmodifieddate'];

const propertyName = /^[A-Za-z0-9_]{1,100}$/;

export function isPropertyName(name: string): boolean {
  return propertyName.test(name);
}

/** Defaults first, then extras, then what sync needs; no duplicates, nothing malformed. */
export function syncedPropertyList(extras: readonly string[] = []): string[] {
  return [...new Set([...DEFAULT_SYNCED_PROPERTIES, ...extras, ...REQUIRED])].filter(isPropertyName);
}
