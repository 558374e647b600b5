/**
 * The table's cells, as shown: the same column formats the export uses (as-shown.ts), so a cell
 * reads the same in the window and in the file. Formatting runs in the core, not in the renderer:
 * the export worker needs it anyway (a file is written with no window open), the owners and the
 * property definitions live in the cache, and the renderer cannot import Node code. The core runs
 * on the same computer as the window, so "the computer's time zone" is the same for both.
 */
import type { ContactsPage } from '../../ipc/types.ts';
import { columnFormat, type PropertyFacts } from './as-shown.ts';
import type { OwnerDirectory } from './owner-names.ts';

export function showPage(page: ContactsPage, columns: readonly string[], properties: ReadonlyMap<string, PropertyFacts>, owners: OwnerDirectory): ContactsPage {
  const formats = columns.map((name) => columnFormat(name, properties.get(name), owners, 'shown'));
  return { ...page, rows: page.rows.map((row) => ({ id: row.id, cells: formats.map((format, i) => format.text(row.cells[i] ?? null)) })) };
}
