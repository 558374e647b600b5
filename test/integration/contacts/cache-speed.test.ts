/**
 * The cache's main-thread queries must take milliseconds at 100,000 contacts (the table asks for
 * a page on every scroll and keystroke). Medians of several runs, with a generous bound for busy
 * machines; the measured times are printed as diagnostics.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openContactsCache } from '../../../electron/core/contacts/cache.ts';
import type { CachedContact } from '../../../electron/core/contacts/cache.ts';
import { startSandbox } from '../../../sandbox/server.ts';
import type { ContactsQuery } from '../../../electron/ipc/types.ts';

const CONTACTS = 100_000;
const BOUND_MS = 100;

test(`queries on ${CONTACTS.toLocaleString('en')} contacts take milliseconds`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-speed-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cache = openContactsCache(join(dir, 'contacts.sqlite'));
  t.after(() => cache.close());

  // realistic values (names in many scripts, emails, companies) from the sandbox's generator
  const sandbox = await startSandbox({ contacts: CONTACTS, seed: 3 });
  let batch: CachedContact[] = [];
  for (const contact of sandbox.admin.allContacts()) {
    batch.push(contact);
    if (batch.length === 2000) {
      await cache.upsertContacts(batch);
      batch = [];
    }
  }
  await cache.upsertContacts(batch);
  await sandbox.close();
  assert.equal(await cache.count(), CONTACTS);

  const columns = ['firstname', 'lastname', 'email', 'phone', 'company', 'jobtitle', 'lifecyclestage', 'createdate', 'lastmodifieddate'];
  const base: ContactsQuery = { search: '', sort: { column: 'lastname', direction: 'asc' }, columns, offset: 0, limit: 100 };
  const cases: [string, Partial<ContactsQuery>][] = [
    ['first page, sorted by last name', {}],
    ['a page near the end', { offset: CONTACTS - 150 }],
    ['sorted by company, descending, middle', { sort: { column: 'company', direction: 'desc' }, offset: CONTACTS / 2 }],
    ['search by a name prefix', { search: 'mar' }],
    ['search by one letter (most contacts match)', { search: 'e' }],
    ['deep page of a broad search', { search: 'e', offset: 20_000 }],
    ['search by email prefix', { search: 'jose.alv' }],
    ['search in Chinese', { search: '王' }],
  ];
  for (const [label, change] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let run = 0; run < 5; run++) {
      // a different offset each run, so no run is answered from the count cache alone
      const query = { ...base, ...change, offset: (change.offset ?? 0) + run };
      const started = performance.now();
      total = (await cache.query(query)).total;
      times.push(performance.now() - started);
    }
    const median = times.sort((a, b) => a - b)[2] as number;
    t.diagnostic(`${label}: ${median.toFixed(1)} ms (${total} matches)`);
    assert.ok(median < BOUND_MS, `${label} took ${median.toFixed(1)} ms`);
  }
});
