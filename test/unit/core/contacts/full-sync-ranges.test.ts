import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultFullSyncOptions, initialRanges } from '../../../../electron/core/contacts/full-sync.ts';
import { SEARCH_PAGE_LIMIT } from '../../../../electron/core/hubspot/contacts-api.ts';

// 9,800 contacts with ids 1..9,800 below the top page; the list brought 100 in 260 ms (HubSpot's latency)
const plan = { low: 1, end: 9801, contacts: 9800, listRate: 100_000 / 260 };

test('the ranges cover every id below the top page once, from 0, with one range more than there are search workers', () => {
  const ranges = initialRanges(plan, defaultFullSyncOptions);
  assert.equal(ranges[0]?.next, 0, 'ids below the lowest the list showed are covered too');
  for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i]?.next, ranges[i - 1]?.end, 'no gap, no overlap');
  assert.equal(ranges.at(-1)?.end, plan.end);
  assert.ok(ranges.length >= defaultFullSyncOptions.searchWorkers + 1, `${ranges.length} ranges`);
});

test('the bottom range (the list\'s, taken by search last) is sized by the list\'s share of the speed', () => {
  const [listRange] = initialRanges(plan, defaultFullSyncOptions);
  const share = (listRange?.end ?? 0) / plan.end;
  // the list at ~385/s beside search at 5 × 200 a second (counted at 75%): about a third
  assert.ok(share > 0.25 && share < 0.4, `list's share ${share.toFixed(2)}`);
  const fastList = initialRanges({ ...plan, listRate: 20_000 }, defaultFullSyncOptions)[0];
  assert.ok((fastList?.end ?? 0) / plan.end > 0.8, 'a list without latency takes most of the ids');
});

test('search ranges hold whole pages when ids are evenly used (a part-full last page costs a request all the same)', () => {
  for (const contacts of [9800, 99_800, 31_234]) {
    const ranges = initialRanges({ ...plan, end: contacts + 1, contacts }, defaultFullSyncOptions);
    for (const range of ranges.slice(1)) {
      const held = (range.end ?? 0) - range.next;
      assert.equal(held % SEARCH_PAGE_LIMIT, 0, `[${range.next}, ${range.end}) holds ${held} contacts of ${contacts}`);
    }
  }
});
