import type { ExportRequest } from '../../ipc/types.ts';

type Named = Pick<ExportRequest, 'scope' | 'format' | 'search' | 'filters' | 'viewName'>;

/** Characters no file system takes (or that disguise a name, like right-to-left overrides). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Names Windows keeps for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
/** Long enough to recognise the view, short enough for any folder depth. */
const MAX_NAME_CHARACTERS = 60;

/** A view's name as a file name's first part: unsafe characters become spaces; null if nothing is left. */
export function fileSafeName(name: string): string | null {
  const cleaned = name.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const short = Array.from(cleaned).slice(0, MAX_NAME_CHARACTERS).join('');
  const trimmed = short.replace(/^[.\s]+|[.\s]+$/g, '');
  if (trimmed === '') return null;
  return RESERVED.test(trimmed) ? `${trimmed} view` : trimmed;
}

/**
 * The name the Save dialog suggests, with the local date: `contacts-2026-03-05.csv` for all
 * contacts; for a view, its name (`My customers 2026-03-05.xlsx`), else what narrows it
 * (`contacts-filtered-…`, `contacts-search-…`).
 */
export function suggestedExportFileName(request: Named, now: number): string {
  const date = new Date(now);
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  if (request.scope === 'all') return `contacts-${day}.${request.format}`;
  const named = request.viewName === undefined ? null : fileSafeName(request.viewName);
  if (named !== null) return `${named} ${day}.${request.format}`;
  return `${(request.filters ?? []).length > 0 ? 'contacts-filtered' : 'contacts-search'}-${day}.${request.format}`;
}
