/**
 * What the Export dialog says about the contacts it exports: the view on screen (its name, search
 * and filters) or all of them, and the request fields that export exactly that view.
 */
import type { ExportRequest, ViewFilter } from '../../../electron/ipc/types.ts';
import { formatCount, formatNumber } from './format.ts';

/** The view on screen, as the Export dialog needs it. */
export interface ExportableView {
  /** The chosen view's name; null for "All contacts" (narrowed only by what was typed or picked). */
  name: string | null;
  /** What is on screen differs from the chosen view. */
  modified: boolean;
  search: string;
  filters: ViewFilter[];
  /** How many contacts the view shows; null while counting. */
  count: number | null;
}

/** The view can be exported on its own: something narrows it, or it is one the user chose by name. */
export const isExportableView = (view: ExportableView): boolean => view.search !== '' || view.filters.length > 0 || view.name !== null;

/** Long names are cut in one-line places (the button). */
const short = (name: string, max = 40): string => {
  const characters = Array.from(name);
  return characters.length <= max ? name : `${characters.slice(0, max - 1).join('')}…`;
};

/** The choice that exports the view: "Only the 12 contacts in “My customers”", "Only the 12 contacts matching “acme”". */
export function viewScopeLabel(view: ExportableView): string {
  if (!isExportableView(view)) return 'Only the contacts of a view (choose filters or type a search first)';
  if (view.count === null) {
    if (view.name !== null) return `Only the contacts in “${view.name}” (counting…)`;
    return `Only the ${view.filters.length > 0 ? 'filtered contacts' : 'contacts'}${view.search ? ` matching “${view.search}”` : ''} (counting…)`;
  }
  if (view.name !== null) return `Only the ${formatCount(view.count ?? 0, 'contact')} in “${view.name}”${view.modified ? ' (changed)' : ''}`;
  const contacts = formatCount(view.count ?? 0, view.filters.length > 0 ? 'filtered contact' : 'contact');
  return `Only the ${contacts}${view.search ? ` matching “${view.search}”` : ''}`;
}

export const allScopeLabel = (total: number): string => `All ${formatNumber(total)} ${total === 1 ? 'contact' : 'contacts'}`;

/** The Export button: "Export 12 contacts in “My customers”", "Export 300 contacts". */
export function exportButtonLabel(scope: ExportRequest['scope'], view: ExportableView, total: number): string {
  if (scope === 'all') return `Export ${formatCount(total, 'contact')}`;
  if (view.count === null) return 'Export';
  const contacts = formatCount(view.count ?? 0, 'contact');
  return view.name === null ? `Export ${contacts}` : `Export ${contacts} in “${short(view.name)}”`;
}

/** The request's fields that say which contacts go into the file. */
export function exportScopeFields(scope: ExportRequest['scope'], view: ExportableView): Pick<ExportRequest, 'scope' | 'search' | 'filters' | 'viewName'> {
  if (scope === 'all') return { scope, search: '' };
  return { scope, search: view.search, filters: view.filters, ...(view.name !== null ? { viewName: view.name } : {}) };
}
