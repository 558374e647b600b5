/**
 * What the cache remembers about syncing, written in the same transaction as the contacts it
 * describes, so a sync killed at any moment resumes from exactly what was saved.
 */
import { z } from 'zod';

/** Contact ids still to fetch: `next` ≤ id < `end` (no end: up to the newest). Search pages down from `end`. */
const idRangeSchema = z.object({ next: z.number().int().nonnegative(), end: z.number().int().positive().nullable() });
export type IdRange = z.infer<typeof idRangeSchema>;

const fullSyncSchema = z.object({
  /** Contacts written by this sync carry this number; those left with an older one are swept at the end. */
  generation: z.number().int().positive(),
  strategy: z.enum(['list', 'parallel']),
  startedAt: z.number(),
  /** HubSpot's newest lastmodifieddate (epoch ms) when the sync began: the incremental sync continues from it. */
  startWatermark: z.number().nullable(),
  total: z.number().int().nonnegative().nullable(),
  properties: z.array(z.string()),
  list: z.object({
    /** HubSpot's opaque cursor for the next list page; null before the first page. */
    after: z.string().nullable(),
    done: z.boolean(),
    /** Highest id the list has returned while its ids were ascending; a hint for where it has reached. */
    highestId: z.number().int().nullable(),
    ascending: z.boolean(),
  }),
  /** parallel strategy: id ranges not fetched yet */
  ranges: z.array(idRangeSchema),
});
export type FullSyncCheckpoint = z.infer<typeof fullSyncSchema>;

export const syncStateSchema = z.object({
  generation: z.number().int().nonnegative(),
  fullSync: fullSyncSchema.nullable(),
  lastFullSyncAt: z.number().nullable(),
  lastSyncedAt: z.number().nullable(),
  /** Epoch ms of HubSpot's lastmodifieddate up to which every change is in the cache. */
  watermark: z.number().nullable(),
  /** The properties the cached values were fetched with; null before the first full sync. */
  syncedProperties: z.array(z.string()).nullable(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export const initialSyncState: SyncState = {
  generation: 0,
  fullSync: null,
  lastFullSyncAt: null,
  lastSyncedAt: null,
  watermark: null,
  syncedProperties: null,
};

/** A saved state that no longer parses (older version, damage) starts over: the next sync is full. */
export function parseSyncState(raw: Record<string, unknown>): SyncState {
  const parsed = syncStateSchema.safeParse({ ...initialSyncState, ...raw });
  return parsed.success ? parsed.data : { ...initialSyncState, generation: typeof raw.generation === 'number' ? raw.generation : 0 };
}
