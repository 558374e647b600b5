/**
 * The sandbox itself, at the size the other benchmarks use it (1,000,000 contacts): it must answer
 * fast enough never to be what a benchmark measures. These are the speed claims the sandbox's tests
 * used to make with timers (those now test behaviour only).
 */
import { startSandbox } from '../sandbox/server.ts';
import type { Sandbox } from '../sandbox/server.ts';
import { KNOWN_LISTS } from '../sandbox/lists.ts';
import type { BenchOptions } from './options.ts';
import type { Measurement } from './report.ts';

const REPEATS = 5;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function signIn(sandbox: Sandbox): Promise<string> {
  const redirectUri = sandbox.redirectUris[0] as string;
  const code = sandbox.admin.authorize({ redirectUri });
  const res = await fetch(`${sandbox.url}/oauth/2026-03/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, redirect_uri: redirectUri, code }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function runSandboxBench(options: BenchOptions, say: (line: string) => void): Promise<{ rows: Measurement[]; details: Record<string, unknown> }> {
  const contacts = options.sizes.sandboxContacts;
  const rows: Measurement[] = [];
  const row = (measure: string, ms: number, targetMs: number | null, note?: string): void => {
    rows.push({
      part: 'sandbox', measure, unit: 'ms', ours: Math.round(ms), reference: null, ratio: null,
      target: targetMs === null ? null : `< ${targetMs} ms`, pass: targetMs === null ? null : ms < targetMs, ...(note ? { note } : {}),
    });
  };

  say(`sandbox: starting with ${contacts.toLocaleString('en-US')} contacts`);
  const start = await timed(() => startSandbox({ contacts, seed: options.seed, dataEndTime: options.dataEndMs, rateLimit: { max: 1_000_000, intervalMs: 10_000 }, searchRateLimitPerSecond: 1_000_000 }));
  const sandbox = start.value;
  try {
    row('start-up', start.ms, 500, 'contacts are made on demand: nothing is generated up front');
    const token = await signIn(sandbox);
    const get = (path: string) => fetch(sandbox.url + path, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
    const search = (body: unknown) => fetch(`${sandbox.url}/crm/objects/2026-03/contacts/search`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ total: number }>);
    const repeat = async (work: (i: number) => Promise<unknown>): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i < REPEATS; i++) times.push((await timed(() => work(i))).ms);
      return median(times);
    };

    row('contacts list page (100), median', await repeat(() => get('/crm/objects/2026-03/contacts?limit=100&properties=firstname,email')), 200);
    const since = sandbox.admin.now() - 20 * 86_400_000;
    const window = (after?: string) => ({
      filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(since) }] }],
      sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }], properties: ['firstname', 'lastmodifieddate'], limit: 200, ...(after ? { after } : {}),
    });
    row('search, changed-since window, first page (200), median', await repeat(() => search(window())), 300);
    row('search, same window at result 9,800, median', await repeat(() => search(window('9800'))), 500);
    const quarter = Math.floor(contacts / 4);
    row('search, 4 id ranges at once, median', await repeat(() => Promise.all([0, 1, 2, 3].map((q) => search({
      filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GTE', value: String(q * quarter + 1) }, { propertyName: 'hs_object_id', operator: 'LT', value: String((q + 1) * quarter + 1) }] }],
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }], limit: 200,
    })))), 500);

    say('sandbox: making the query index');
    const build = await timed(() => sandbox.admin.prepareQueryIndex());
    row('query index made (worker thread, once)', build.ms, null, 'before it exists, the first query waits for it; the server keeps answering');
    const words = ['smith', 'maria example', 'gmbh', '+44', 'zzzq'];
    // HubSpot lets an account search 5 times a second: the sandbox answers within that
    row('search with a query (indexed), median', await repeat((i) => search({ query: words[i % words.length], limit: 100 })), 200);

    const pages = await timed(async () => {
      let after = '';
      let n = 0;
      do {
        const page = (await get(`/crm/lists/2026-03/${KNOWN_LISTS.webinar.listId}/memberships?limit=250${after ? `&after=${after}` : ''}`)) as { paging?: { next?: { after: string } } };
        after = page.paging?.next?.after ?? '';
        n++;
      } while (after);
      return n;
    });
    // within what the general limit (110 requests per 10 s) lets a client fetch anyway
    row(`list memberships, all ${pages.value} pages of the big list`, pages.ms, Math.round((pages.value * 10_000) / 110));
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    return { rows, details: { contacts, queryIndexMs: build.ms, membershipPages: pages.value, heapUsedMb: Math.round(heapMb) } };
  } finally {
    await sandbox.close();
  }
}
