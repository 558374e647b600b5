/**
 * The user's saved views and the view they last used, in the shell's key-value store (written
 * atomically there, so a crash keeps the old or the new list). What is read back is checked with the
 * contract's own schema: a damaged entry is dropped, never shown half-broken.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { viewDefinitionSchema } from '../../ipc/contract.ts';
import type { BuiltInViewId, SavedView, ViewDefinition, ViewsState } from '../../ipc/types.ts';
import { AppError } from '../errors.ts';
import type { Clock, KeyValueStore, Logger } from '../ports.ts';
import { checkViewName } from './view-names.ts';

export const BUILT_IN_VIEWS: readonly BuiltInViewId[] = ['all-contacts', 'my-contacts'];
export const MAX_SAVED_VIEWS = 200;
const storeKey = 'views';

const savedViewSchema = viewDefinitionSchema.extend({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: z.string().max(2000),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export interface SavedViewsStore {
  state(): ViewsState;
  get(id: string): SavedView | null;
  save(name: string, definition: ViewDefinition): SavedView;
  update(id: string, changes: { name?: string | undefined; definition?: ViewDefinition | undefined }): SavedView;
  remove(id: string): ViewsState;
  /** Remembers the view in use; an unknown id is refused. */
  use(id: string): void;
}

const isBuiltIn = (id: string): id is BuiltInViewId => (BUILT_IN_VIEWS as readonly string[]).includes(id);
const notFound = () => new AppError('bad-input', 'That view no longer exists. It may have been deleted in another window.');

export function createSavedViewsStore(store: KeyValueStore, clock: Clock, log: Logger): SavedViewsStore {
  function read(): ViewsState {
    const raw = store.get(storeKey) as { saved?: unknown; lastUsed?: unknown } | undefined;
    const entries = Array.isArray(raw?.saved) ? raw.saved : [];
    const saved = entries.flatMap((entry) => savedViewSchema.safeParse(entry).data ?? []);
    if (saved.length < entries.length) log.warn('views: dropped saved views that could not be read', { dropped: entries.length - saved.length });
    const lastUsed = typeof raw?.lastUsed === 'string' && (isBuiltIn(raw.lastUsed) || saved.some((view) => view.id === raw.lastUsed)) ? raw.lastUsed : 'all-contacts';
    return { saved, lastUsed };
  }
  const write = (state: ViewsState) => store.set(storeKey, state);
  const find = (state: ViewsState, id: string) => state.saved.find((view) => view.id === id) ?? null;

  return {
    state: read,
    get: (id) => find(read(), id),

    save(name, definition) {
      const state = read();
      if (state.saved.length >= MAX_SAVED_VIEWS) throw new AppError('bad-input', `You have ${MAX_SAVED_VIEWS} saved views, the most Contact Desk keeps. Delete one you no longer use first.`);
      checkViewName(name, state.saved.map((view) => view.name));
      const now = clock.now();
      const view: SavedView = { id: randomUUID(), name, ...structuredClone(definition), createdAt: now, updatedAt: now };
      write({ saved: [...state.saved, view], lastUsed: view.id });
      return view;
    },

    update(id, changes) {
      const state = read();
      const current = find(state, id);
      if (!current) throw notFound();
      if (changes.name !== undefined) checkViewName(changes.name, state.saved.filter((view) => view.id !== id).map((view) => view.name));
      const next: SavedView = { ...current, ...(changes.definition ? structuredClone(changes.definition) : {}), name: changes.name ?? current.name, updatedAt: clock.now() };
      write({ ...state, saved: state.saved.map((view) => (view.id === id ? next : view)) });
      return next;
    },

    remove(id) {
      const state = read();
      if (!find(state, id)) throw notFound();
      const next: ViewsState = { saved: state.saved.filter((view) => view.id !== id), lastUsed: state.lastUsed === id ? 'all-contacts' : state.lastUsed };
      write(next);
      return next;
    },

    use(id) {
      const state = read();
      if (!isBuiltIn(id) && !find(state, id)) throw notFound();
      if (state.lastUsed !== id) write({ ...state, lastUsed: id });
    },
  };
}
