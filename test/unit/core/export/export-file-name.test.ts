import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggestedExportFileName } from '../../../../electron/core/export/export-file-name.ts';

test('the suggested name carries the local date and says when it holds search results', () => {
  const now = new Date(2026, 2, 5, 23, 59).getTime();
  assert.equal(suggestedExportFileName('all', 'csv', now), 'contacts-2026-03-05.csv');
  assert.equal(suggestedExportFileName('search', 'csv', now), 'contacts-search-2026-03-05.csv');
  assert.equal(suggestedExportFileName('all', 'xlsx', now), 'contacts-2026-03-05.xlsx');
});
