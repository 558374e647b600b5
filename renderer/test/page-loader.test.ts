import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContactsPage, ContactsQuery } from '../../electron/ipc/types.ts';
import { ContactPageLoader } from '../src/lib/page-loader.ts';

/** A data source whose answers the test releases one by one, to control their order. */
function controlledSource(rowCount: () => number, label = () => 'v1') {
  const pending: { query: ContactsQuery; release(): void; fail(error: unknown): void }[] = [];
  const fetchPage = (query: ContactsQuery) =>
    new Promise<ContactsPage>((resolve, reject) => {
      pending.push({
        query,
        release: () => {
          const total = rowCount();
          const rows = [];
          for (let index = query.offset; index < Math.min(total, query.offset + query.limit); index++) {
            rows.push({ id: String(index), cells: [`${query.search}${label()}#${index}`] });
          }
          resolve({ rows, total, offset: query.offset });
        },
        fail: reject,
      });
    });
  const releaseAll = async () => {
    while (pending.length > 0) {
      pending.shift()!.release();
      await settle();
    }
  };
  return { fetchPage, pending, releaseAll };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
/** A user who pauses between moves (a second each): no move counts as flying through the list. */
const pausing = () => {
  let now = 0;
  return () => (now += 1000);
};
const query = (search = '') => ({ search, sort: { column: 'lastname', direction: 'asc' as const }, columns: ['lastname'] });

test('loads the first page for a new query and reports the total', async () => {
  const source = controlledSource(() => 250);
  const loader = new ContactPageLoader(source.fetchPage, { pageSize: 100 });
  loader.setQuery(query());
  assert.equal(loader.total, null);
  assert.deepEqual(source.pending.map((call) => [call.query.offset, call.query.limit]), [[0, 100]]);
  await source.releaseAll();
  assert.equal(loader.total, 250);
  assert.equal(loader.row(42)?.cells[0], 'v1#42');
  assert.equal(loader.row(120), undefined);
});

test('fetches only the pages on screen that it does not have, a few at a time', async () => {
  const source = controlledSource(() => 10_000);
  const loader = new ContactPageLoader(source.fetchPage, { pageSize: 100, maxConcurrent: 2 });
  loader.setQuery(query());
  await source.releaseAll();

  loader.load({ start: 50, end: 449 });
  assert.deepEqual(source.pending.map((call) => call.query.offset), [100, 200]);
  source.pending.shift()!.release();
  await settle();
  assert.deepEqual(source.pending.map((call) => call.query.offset), [200, 300]);
  await source.releaseAll();
  assert.equal(loader.row(449)?.cells[0], 'v1#449');

  loader.load({ start: 0, end: 449 });
  assert.equal(source.pending.length, 0, 'every page is already there');
});

test('scrolling past pages drops the ones no longer wanted from the queue', async () => {
  const source = controlledSource(() => 100_000);
  const loader = new ContactPageLoader(source.fetchPage, { pageSize: 100, maxConcurrent: 1, now: pausing() });
  loader.setQuery(query());
  await source.releaseAll();
  loader.load({ start: 1000, end: 1250 });
  loader.load({ start: 90_000, end: 90_050 });
  await source.releaseAll();
  const fetched = new Set<number>();
  for (let page = 0; page < 1000; page++) if (loader.row(page * 100)) fetched.add(page);
  assert.deepEqual([...fetched].sort((a, b) => a - b), [0, 10, 900]);
});

test('a refresh keeps showing the old rows until the fresh page arrives', async () => {
  let version = 'v1';
  const source = controlledSource(() => 150, () => version);
  const loader = new ContactPageLoader(source.fetchPage, { pageSize: 100 });
  loader.setQuery(query());
  await source.releaseAll();
  loader.load({ start: 0, end: 30 });

  version = 'v2';
  loader.refresh();
  assert.equal(loader.row(5)?.cells[0], 'v1#5');
  assert.equal(source.pending.length, 1);
  await source.releaseAll();
  assert.equal(loader.row(5)?.cells[0], 'v2#5');
});

test('answers for an earlier search never show up under a newer one', async () => {
  const source = controlledSource(() => 300);
  const loader = new ContactPageLoader(source.fetchPage, { pageSize: 100 });
  loader.setQuery(query('anna'));
  const stale = source.pending.shift()!;
  loader.setQuery(query('bob'));
  stale.release();
  await settle();
  assert.equal(loader.row(0), undefined);
  assert.equal(loader.total, null);
  await source.releaseAll();
  assert.equal(loader.row(0)?.cells[0], 'bobv1#0');
});

test('refreshes while a page is on its way ask for it once more when it arrives, never twice at once', async () => {
  let version = 'v1';
  const source = controlledSource(() => 100, () => version);
  const loader = new ContactPageLoader(source.fetchPage, { pageSize: 100 });
  loader.setQuery(query());
  loader.refresh();
  loader.refresh();
  assert.equal(source.pending.length, 1, 'no second request for the page on its way');
  source.pending.shift()!.release();
  await settle();
  assert.equal(loader.row(0)?.cells[0], 'v1#0', 'its rows are shown meanwhile');
  assert.deepEqual(source.pending.map((call) => call.query.offset), [0], 'and it is asked for once more');
  version = 'v2';
  await source.releaseAll();
  assert.equal(loader.row(0)?.cells[0], 'v2#0');
  assert.equal(source.pending.length, 0);
});

test('keeps at most maxPages pages, dropping those least recently on screen', async () => {
  const source = controlledSource(() => 10_000);
  const loader = new ContactPageLoader(source.fetchPage, { pageSize: 10, maxPages: 3 });
  loader.setQuery(query());
  await source.releaseAll();
  for (const start of [100, 200, 300]) {
    loader.load({ start, end: start + 5 });
    await source.releaseAll();
  }
  assert.equal(loader.row(0), undefined);
  assert.ok(loader.row(100) && loader.row(200) && loader.row(300));
});

test('a failed page becomes an error the screen can show, and a refresh tries again', async () => {
  const source = controlledSource(() => 100);
  const loader = new ContactPageLoader(source.fetchPage, { pageSize: 100 });
  let notified = 0;
  loader.subscribe(() => notified++);
  loader.setQuery(query());
  source.pending.shift()!.fail({ kind: 'internal', message: 'The contacts on this computer could not be read.' });
  await settle();
  assert.deepEqual(loader.error, { kind: 'internal', message: 'The contacts on this computer could not be read.' });
  assert.ok(notified >= 2);

  loader.refresh();
  assert.equal(loader.error, null);
  await source.releaseAll();
  assert.equal(loader.total, 100);
});

test('keeps what the app said about the sort until the query changes', async () => {
  const sortIssue = { column: 'favourite_colour', reason: 'The property “favourite_colour” the table was sorted by no longer exists in HubSpot, so contacts are shown in their usual order.' };
  const loader = new ContactPageLoader(async (page: ContactsQuery): Promise<ContactsPage> => ({
    rows: [{ id: '1', cells: ['A'] }],
    total: 1,
    offset: page.offset,
    ...(page.sort.column === 'favourite_colour' ? { sortIssue } : {}),
  }));
  loader.setQuery({ ...query(), sort: { column: 'favourite_colour', direction: 'desc' } });
  assert.equal(loader.sortIssue, null, 'nothing said before the answer');
  await settle();
  assert.deepEqual(loader.sortIssue, sortIssue);
  loader.refresh();
  await settle();
  assert.deepEqual(loader.sortIssue, sortIssue, 'a refresh keeps it');
  loader.setQuery(query());
  assert.equal(loader.sortIssue, null);
  await settle();
  assert.equal(loader.sortIssue, null);
});

test('the status snapshot moves with the total and errors, not with each page of rows that arrives', async () => {
  let total = 1000;
  const source = controlledSource(() => total);
  const loader = new ContactPageLoader(source.fetchPage, { pageSize: 100 });
  loader.setQuery(query());
  await source.releaseAll();
  const afterFirstPage = { rows: loader.getSnapshot(), status: loader.getStatusSnapshot() };

  for (const start of [200, 500, 800]) {
    loader.load({ start, end: start + 30 });
    await source.releaseAll();
  }
  assert.ok(loader.getSnapshot() > afterFirstPage.rows, 'the rows moved');
  assert.equal(loader.getStatusSnapshot(), afterFirstPage.status, 'the status did not');

  total = 1001;
  loader.refresh();
  await source.releaseAll();
  assert.ok(loader.getStatusSnapshot() > afterFirstPage.status, 'a new total is a new status');

  const beforeError = loader.getStatusSnapshot();
  loader.load({ start: 900, end: 950 });
  source.pending.shift()!.fail({ kind: 'internal', message: 'The contacts on this computer could not be read.' });
  await settle();
  assert.ok(loader.getStatusSnapshot() > beforeError, 'an error is a new status');
});

test('a page scrolled past before it arrived is kept, and only the pages on screen redraw the table', async () => {
  const source = controlledSource(() => 10_000);
  const loader = new ContactPageLoader(source.fetchPage, { pageSize: 100, maxConcurrent: 2, now: pausing() });
  loader.setQuery(query());
  await source.releaseAll();
  let redraws = 0;
  loader.subscribe(() => (redraws += 1));

  loader.load({ start: 5000, end: 5027 });
  loader.load({ start: 9000, end: 9027 });
  assert.deepEqual(source.pending.map((call) => call.query.offset), [5000, 9000]);
  const before = loader.getSnapshot();
  source.pending.shift()!.release();
  await settle();
  assert.equal(loader.row(5000)?.cells[0], 'v1#5000', 'the page scrolled past is kept for a scroll back');
  assert.equal(redraws, 0, 'it redrew nothing');
  assert.equal(loader.getSnapshot(), before);

  source.pending.shift()!.release();
  await settle();
  assert.equal(redraws, 1, 'the page on screen redraws the table');
  assert.ok(loader.getSnapshot() > before);
});

test('flying through the list fetches no page on the way, only where the view stays put; a move from rows shown fetches at once', async () => {
  const source = controlledSource(() => 1_000_000);
  let clock = 0;
  const timers: { run(): void; live: boolean }[] = [];
  const loader = new ContactPageLoader(source.fetchPage, {
    pageSize: 100,
    now: () => clock,
    later: (run) => {
      const timer = { run, live: true };
      timers.push(timer);
      return () => (timer.live = false);
    },
  });
  loader.setQuery(query());
  await source.releaseAll();
  const offsets = () => source.pending.map((call) => call.query.offset);

  clock = 1000;
  loader.load({ start: 5000, end: 5027 });
  assert.deepEqual(offsets(), [5000], 'a jump from rows shown fetches at once');
  for (const start of [10_000, 15_000, 20_000]) {
    clock += 33;
    loader.load({ start, end: start + 27 });
  }
  assert.deepEqual(offsets(), [5000], 'nothing fetched for the rows flown past');
  const live = timers.filter((timer) => timer.live);
  assert.equal(live.length, 1);
  live[0]!.run();
  assert.deepEqual(offsets(), [5000, 20_000], 'where the view stayed put');
  await source.releaseAll();

  clock += 33;
  loader.load({ start: 20_050, end: 20_077 });
  assert.deepEqual(offsets(), [], 'a step within reach needs no fetch here (its page is there)');
  clock += 33;
  loader.load({ start: 20_110, end: 20_137 });
  assert.deepEqual(offsets(), [20_100], 'a step to the next page fetches at once');
});
