import { formatCount, formatNumber } from './format.ts';

interface CountShown {
  /** Contacts in the cache; null until the summary has loaded. */
  total: number | null;
  /** Rows the current filters and search leave; null until the table's first answer. */
  matches: number | null;
  filtered: boolean;
  searching: boolean;
}

/** The line above the table: how many contacts there are, and how many the filters or the search leave. */
export function contactsCountText({ total, matches, filtered, searching }: CountShown): string {
  if (total === null) return 'Loading contacts…';
  const all = formatCount(total, 'contact');
  if (filtered && matches !== null) return `${formatNumber(matches)} of ${all}`;
  if (searching && matches !== null) return `${formatNumber(matches)} of ${all} ${matches === 1 ? 'matches' : 'match'}`;
  return all;
}
