/** The IPC handlers of the views feature; services.ts spreads them into the app's handlers. */
import type { Handlers } from '../../ipc/contract.ts';
import type { SavedViewsStore } from './saved-views.ts';

export type ViewHandlers = Pick<Handlers, 'getViews' | 'saveView' | 'updateView' | 'deleteView' | 'useView'>;

export function createViewHandlers(views: SavedViewsStore): ViewHandlers {
  return {
    getViews: async () => views.state(),
    saveView: async ({ name, definition }) => views.save(name, definition),
    updateView: async ({ id, name, definition }) => views.update(id, { name, definition }),
    deleteView: async ({ id }) => views.remove(id),
    useView: async ({ id }) => views.use(id),
  };
}
