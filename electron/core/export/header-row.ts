import type { ExportRequest } from '../../ipc/types.ts';

/**
 * The first row of the file: each column's HubSpot label, or its internal name. Two properties can
 * share a label; those get their internal name added so no two columns read the same.
 */
export function headerRow(columns: readonly string[], style: ExportRequest['header'], labels: ReadonlyMap<string, string>): string[] {
  if (style === 'names') return [...columns];
  const named = columns.map((column) => labels.get(column)?.trim() || column);
  const uses = new Map<string, number>();
  for (const label of named) uses.set(label, (uses.get(label) ?? 0) + 1);
  return named.map((label, i) => ((uses.get(label) ?? 0) > 1 && label !== columns[i] ? `${label} (${columns[i]})` : label));
}
