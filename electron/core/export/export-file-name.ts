import type { ExportRequest } from '../../ipc/types.ts';

/** The name the Save dialog suggests: `contacts-2026-03-05.csv` (or `.xlsx`), or `contacts-search-….csv` for search results. */
export function suggestedExportFileName(scope: ExportRequest['scope'], format: ExportRequest['format'], now: number): string {
  const date = new Date(now);
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `${scope === 'search' ? 'contacts-search' : 'contacts'}-${day}.${format}`;
}
