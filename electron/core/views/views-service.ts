/**
 * The views feature as the app's services see it: the saved views, what the Filters panel offers
 * (owners, lists), the HubSpot lists kept in the cache, and the facts a query needs to apply a
 * view's filters (the time, the time zone, who "Me" is, whether lists may be used).
 */
import type { Account, FilterChoices, ViewFilter } from '../../ipc/types.ts';
import type { Events } from '../../ipc/contract.ts';
import type { ContactsCache } from '../contacts/cache.ts';
import type { FilterContext } from '../contacts/filter-queries.ts';
import { isAppError } from '../errors.ts';
import type { HubSpotClient } from '../hubspot/client.ts';
import { createListsApi, isListGone } from '../hubspot/lists-api.ts';
import { optionalScopeFeatures } from '../hubspot/optional-scopes.ts';
import type { Clock, KeyValueStore, Logger } from '../ports.ts';
import { localTimeZone } from './date-range.ts';
import { createListSync, type ListSync } from './list-sync.ts';
import { mineProblem, myOwnerId, ownerChoices } from './owners.ts';
import { createSavedViewsStore, type SavedViewsStore } from './saved-views.ts';
import { createViewHandlers, type ViewHandlers } from './view-handlers.ts';

export interface ViewsServiceDeps {
  store: KeyValueStore;
  clock: Clock;
  log: Logger;
  cache: ContactsCache;
  client: HubSpotClient;
  account(): Account | null;
  emit(event: 'listsChanged', payload: Events['listsChanged']): void;
  /** The computer's time zone; tests pass one. */
  timeZone?: () => string;
}

export interface ViewsService {
  saved: SavedViewsStore;
  lists: ListSync;
  handlers: ViewHandlers;
  /** What the cache needs to apply a view's filters now. */
  filterContext(): FilterContext;
  /** After a sync: the lists catalogue and the members of the lists in use, problems said in plain words. */
  refreshLists(): Promise<void>;
}

const LISTS_SCOPE = 'crm.lists.read';

/** Without the scope the List filter names it, and everything else works. */
function listsScopeProblem(account: Account | null): string | null {
  if (account === null || account.scopes.includes(LISTS_SCOPE)) return null;
  return `${optionalScopeFeatures[LISTS_SCOPE].unavailable}: your HubSpot sign-in doesn’t include the permission “${LISTS_SCOPE}”. Ask your HubSpot admin to allow it for Contact Desk, then sign in again.`;
}

const listIdsIn = (filters: readonly ViewFilter[]) => filters.flatMap((filter) => (filter.kind === 'list' ? [filter.listId] : []));

export function createViewsService(deps: ViewsServiceDeps): ViewsService {
  const { cache, clock, log } = deps;
  const saved = createSavedViewsStore(deps.store, clock, log);
  const api = createListsApi(deps.client);
  const lists = createListSync({
    source: {
      allContactLists: async (_params, signal) =>
        (await api.allContactLists({}, signal)).map(({ listId, name, processingType, size }) => ({ listId, name, processingType, size })),
      allMembers: (listId, signal) => api.allMembers(listId, signal),
    },
    store: cache,
    clock,
    log,
    listsInViews: () => saved.state().saved.flatMap((view) => listIdsIn(view.filters)),
    isListGone,
  });
  const listsProblem = () => listsScopeProblem(deps.account()) ?? lists.problem();

  const filterContext = (): FilterContext => {
    const account = deps.account();
    return {
      now: clock.now(),
      timeZone: (deps.timeZone ?? localTimeZone)(),
      user: account ? { email: account.userEmail, userId: account.userId ?? null } : null,
      listsProblem: listsProblem(),
    };
  };

  const filterChoices = async (): Promise<FilterChoices> => {
    const [owners, lists] = await Promise.all([cache.readOwners(), cache.readLists()]);
    const me = owners.available ? myOwnerId(owners.owners, filterContext().user) : null;
    return {
      owners: ownerChoices(owners.owners),
      me,
      ownersNote: me === null ? mineProblem(deps.account() !== null, owners.available) : null,
      lists,
      listsNote: listsProblem(),
    };
  };

  return {
    saved,
    lists,
    filterContext,
    handlers: createViewHandlers({ saved, lists, filterChoices, listsProblem }),
    async refreshLists() {
      if (listsScopeProblem(deps.account()) !== null) return;
      try {
        const problems = await lists.refreshInUse();
        for (const problem of problems) log.warn('lists: refresh problem', { problem });
        deps.emit('listsChanged', { problems });
      } catch (error) {
        log.warn('lists: could not refresh', { kind: isAppError(error) ? error.kind : 'internal' });
      }
    },
  };
}
