/**
 * HubSpot's owners endpoint (2026-03): the people and queues a contact's `hubspot_owner_id` points
 * at. Needs the optional scope `crm.objects.owners.read`; each answer is checked with zod.
 */
import { z } from 'zod';
import { AppError, isAppError } from '../errors.ts';
import type { HubSpotClient } from './client.ts';
import { needingScope } from './optional-scopes.ts';

const ownersPath = '/crm/owners/2026-03';
/** HubSpot's default page; owners lists are short, so the documented default is enough. */
export const OWNERS_PAGE_LIMIT = 100;
/** A guard against a cursor that never ends (HubSpot portals have at most a few thousand owners). */
const MAX_PAGES = 1000;

const text = z.string().nullish().transform((v) => v ?? null);
const numericId = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative().transform(String)]);

const ownerSchema = z.object({
  id: numericId,
  email: text,
  firstName: text,
  lastName: text,
  userId: z.number().int().nullish().transform((v) => v ?? null),
  userIdIncludingInactive: z.number().int().nullish().transform((v) => v ?? null),
  // PERSON or QUEUE today; anything newer is kept as it comes
  type: z.string().catch('PERSON'),
  teams: z
    .array(z.object({ id: numericId, name: z.string().catch(''), primary: z.boolean().catch(false) }))
    .nullish()
    .transform((v) => v ?? []),
  archived: z.boolean().optional().default(false),
  createdAt: text,
  updatedAt: text,
});
export type HubSpotOwner = z.output<typeof ownerSchema>;

const pageSchema = z.object({
  results: z.array(ownerSchema),
  paging: z.object({ next: z.object({ after: z.string().min(1) }).optional() }).optional(),
});

export interface OwnersQuery {
  /** true: only archived owners (deactivated users); false: only active ones */
  archived: boolean;
  /** only the owner with this email */
  email?: string;
}

export interface OwnersApi {
  /** Every owner of one kind, all pages. */
  listOwners(query: OwnersQuery, signal?: AbortSignal): Promise<HubSpotOwner[]>;
  /** Active owners, then archived ones: contacts still point at deactivated users. */
  listAllOwners(signal?: AbortSignal): Promise<HubSpotOwner[]>;
  /** One owner by its owner id or its user id; null when HubSpot has no such (active, unless archived) owner. */
  getOwner(id: string, options?: { idProperty?: 'id' | 'userId'; archived?: boolean }, signal?: AbortSignal): Promise<HubSpotOwner | null>;
}

export function createOwnersApi(client: HubSpotClient): OwnersApi {
  const listOwners = (query: OwnersQuery, signal?: AbortSignal): Promise<HubSpotOwner[]> =>
    needingScope('crm.objects.owners.read', async () => {
      const owners: HubSpotOwner[] = [];
      const seen = new Set<string>();
      let after: string | undefined;
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const page = await client.request({
          method: 'GET',
          path: ownersPath,
          query: { limit: OWNERS_PAGE_LIMIT, after, email: query.email, archived: query.archived ? 'true' : undefined },
          pool: 'general',
          schema: pageSchema,
          signal,
        });
        owners.push(...page.results);
        after = page.paging?.next?.after;
        if (after === undefined) return owners;
        if (seen.has(after)) break;
        seen.add(after);
      }
      throw new AppError('hubspot-error', 'HubSpot kept sending more pages of owners than an account can have. Try again later.');
    });

  return {
    listOwners,

    async listAllOwners(signal) {
      const active = await listOwners({ archived: false }, signal);
      const archived = await listOwners({ archived: true }, signal);
      return [...active, ...archived];
    },

    getOwner(id, options = {}, signal) {
      return needingScope('crm.objects.owners.read', async () => {
        try {
          return await client.request({
            method: 'GET',
            path: `${ownersPath}/${encodeURIComponent(id)}`,
            query: { idProperty: options.idProperty ?? 'id', archived: options.archived ? 'true' : undefined },
            pool: 'general',
            schema: ownerSchema,
            signal,
          });
        } catch (error) {
          if (isAppError(error) && error.details?.httpStatus === 404) return null;
          throw error;
        }
      });
    },
  };
}

export { ownerOfUser } from './owner-of-user.ts';

/** What the app shows for an owner: "First Last", else the email, else the id. */
export function ownerDisplayName(owner: Pick<HubSpotOwner, 'id' | 'firstName' | 'lastName' | 'email'>): string {
  const name = [owner.firstName, owner.lastName].map((part) => part?.trim()).filter(Boolean).join(' ');
  return name || owner.email?.trim() || owner.id;
}
