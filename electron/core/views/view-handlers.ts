/** The IPC handlers of the views feature; services.ts spreads them into the app's handlers. */
import type { Handlers } from '../../ipc/contract.ts';
import type { FilterChoices } from '../../ipc/types.ts';
import { AppError } from '../errors.ts';
import type { ListSync } from './list-sync.ts';
import type { SavedViewsStore } from './saved-views.ts';

export type ViewHandlers = Pick<
  Handlers,
  'getViews' | 'saveView' | 'updateView' | 'deleteView' | 'useView' | 'getFilterChoices' | 'refreshLists' | 'fetchListMembers'
>;

export interface ViewHandlerDeps {
  saved: SavedViewsStore;
  lists: ListSync;
  filterChoices(): Promise<FilterChoices>;
  /** Why lists cannot be used (a missing scope), or null. */
  listsProblem(): string | null;
}

export function createViewHandlers({ saved, lists, filterChoices, listsProblem }: ViewHandlerDeps): ViewHandlers {
  const checkLists = () => {
    const problem = listsProblem();
    if (problem !== null) throw new AppError('missing-scope', problem);
  };
  return {
    getViews: async () => saved.state(),
    saveView: async ({ name, definition }) => saved.save(name, definition),
    updateView: async ({ id, name, definition }) => saved.update(id, { name, definition }),
    deleteView: async ({ id }) => saved.remove(id),
    useView: async ({ id }) => saved.use(id),
    getFilterChoices: () => filterChoices(),
    async refreshLists() {
      checkLists();
      await lists.refreshCatalogue();
      return filterChoices();
    },
    async fetchListMembers({ listId }) {
      checkLists();
      return lists.fetchMembers(listId);
    },
  };
}
