/**
 * Keeps HubSpot's contact lists in the cache: the catalogue (names, sizes) and the members of the
 * lists in use, so a List filter answers offline and instantly. Members are fetched when a list is
 * chosen and refreshed after each sync. Every page of a list is fetched before anything is written,
 * and the members are then replaced in one transaction: a refresh that fails half-way (offline, a
 * rate limit, HubSpot down) leaves the previous members in place and says so on the list.
 */
import type { ListInfo } from '../../ipc/types.ts';
import type { ListRecord } from '../contacts/lists-store.ts';
import { AppError, isAppError } from '../errors.ts';
import type { Clock, Logger } from '../ports.ts';

/** The cache's lists tables (see contacts/lists-store.ts); async because they live with the cache. */
export interface ListsStore {
  replaceListCatalogue(lists: readonly ListRecord[]): Promise<void>;
  /** One transaction. */
  replaceListMembers(listId: string, contactIds: readonly number[], fetchedAt: number): Promise<void>;
  recordListProblem(listId: string, problem: string): Promise<void>;
  markListDeleted(listId: string): Promise<void>;
  markListChosen(listId: string, at: number): Promise<void>;
  listsToRefresh(since: number, alsoIds: readonly string[]): Promise<string[]>;
  readList(listId: string): Promise<ListInfo | null>;
  readLists(): Promise<ListInfo[]>;
}

/** HubSpot's lists API, as much of it as this needs (hubspot/lists-api.ts). */
export interface ListsSource {
  allContactLists(params?: Record<string, never>, signal?: AbortSignal): Promise<ListRecord[]>;
  allMembers(listId: string, signal?: AbortSignal): Promise<string[]>;
}

export interface ListSyncOptions {
  source: ListsSource;
  store: ListsStore;
  clock: Clock;
  log: Logger;
  /** Lists the saved views use: kept fresh whether or not they were chosen lately. */
  listsInViews(): string[];
  /** Whether the list is gone from HubSpot (deleted there) rather than out of reach for now. */
  isListGone(error: unknown): boolean;
}

export interface ListSync {
  /** The account's lists, fetched now. */
  refreshCatalogue(signal?: AbortSignal): Promise<ListInfo[]>;
  /** A list was chosen: fetch its members now. Rejects with the reason when they cannot be fetched. */
  fetchMembers(listId: string, signal?: AbortSignal): Promise<ListInfo>;
  /** After a sync: the catalogue and the members of the lists in use. Resolves with the problems, in plain words. */
  refreshInUse(signal?: AbortSignal): Promise<string[]>;
  /** Why lists cannot be used right now (the scope is missing), or null. */
  problem(): string | null;
}

/** A list chosen within this time keeps being refreshed with each sync. */
export const CHOSEN_LIST_KEPT_FRESH_MS = 14 * 86_400_000;

const toContactIds = (recordIds: readonly string[]): number[] => recordIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number);

export function createListSync(options: ListSyncOptions): ListSync {
  const { source, store, clock, log } = options;
  let scopeProblem: string | null = null;
  /** One fetch per list at a time: choosing a list while the sync refreshes it joins that fetch. */
  const inFlight = new Map<string, Promise<ListInfo>>();

  const noteScope = (error: unknown) => {
    if (isAppError(error) && error.kind === 'missing-scope') scopeProblem = error.message;
  };

  async function fetchNow(listId: string, signal: AbortSignal | undefined): Promise<ListInfo> {
    const known = await store.readList(listId);
    const name = known ? `“${known.name}”` : 'this list';
    try {
      const members = await source.allMembers(listId, signal);
      scopeProblem = null;
      await store.replaceListMembers(listId, toContactIds(members), clock.now());
      log.info('lists: members fetched', { listId, members: members.length });
    } catch (error) {
      noteScope(error);
      if (options.isListGone(error)) {
        await store.markListDeleted(listId);
        throw new AppError('hubspot-error', `The list ${name} was deleted in HubSpot, so it can’t be used as a filter any more.`, { cause: error });
      }
      const kind = isAppError(error) ? error.kind : 'internal';
      const reason = isAppError(error) ? error.message : 'Something went wrong inside Contact Desk.';
      log.warn('lists: members not fetched', { listId, kind });
      if (known?.membersFetchedAt == null) throw new AppError(kind, `The members of ${name} could not be fetched. ${reason}`, { cause: error });
      await store.recordListProblem(listId, reason);
      throw new AppError(kind, `The members of ${name} were not refreshed, so the ones fetched before are used. ${reason}`, { cause: error });
    }
    const info = await store.readList(listId);
    if (!info) throw new AppError('internal', 'Contact Desk could not read the list back from its saved contacts. Try again.');
    return info;
  }

  function fetchMembers(listId: string, signal?: AbortSignal): Promise<ListInfo> {
    const running = inFlight.get(listId);
    if (running) return running;
    const started = fetchNow(listId, signal).finally(() => inFlight.delete(listId));
    inFlight.set(listId, started);
    return started;
  }

  async function refreshCatalogue(signal?: AbortSignal): Promise<ListInfo[]> {
    try {
      const lists = await source.allContactLists({}, signal);
      scopeProblem = null;
      await store.replaceListCatalogue(lists);
    } catch (error) {
      noteScope(error);
      throw error;
    }
    return store.readLists();
  }

  return {
    refreshCatalogue,

    async fetchMembers(listId, signal) {
      await store.markListChosen(listId, clock.now());
      return fetchMembers(listId, signal);
    },

    async refreshInUse(signal) {
      const problems: string[] = [];
      try {
        await refreshCatalogue(signal);
      } catch (error) {
        // without the catalogue the members can still be refreshed; a missing scope stops both
        problems.push(isAppError(error) ? error.message : 'HubSpot’s lists could not be fetched.');
        if (scopeProblem !== null) return problems;
      }
      const ids = await store.listsToRefresh(clock.now() - CHOSEN_LIST_KEPT_FRESH_MS, options.listsInViews());
      for (const listId of ids) {
        if (signal?.aborted) break;
        try {
          await fetchMembers(listId, signal);
        } catch (error) {
          problems.push(isAppError(error) ? error.message : String(error));
        }
      }
      return problems;
    },

    problem: () => scopeProblem,
  };
}
