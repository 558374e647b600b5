import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { CachedContact } from '../../../../electron/core/contacts/cache-types.ts';
import { openWriter, type Writer } from '../../../../electron/core/contacts/cache-writer.ts';
import { upsertContacts } from '../../../../electron/core/contacts/cache-writes.ts';
import { DEFAULT_SYNCED_PROPERTIES } from '../../../../electron/core/contacts/synced-properties.ts';

const CREATED = '2025-01-01T00:00:00.000Z';
const MODIFIED = '2026-01-01T00:00:00.000Z';

function person(id: number, jobtitle: string): CachedContact {
  const properties = {
    hs_object_id: String(id),
    firstname: `First${(id * 7919) % 1000}`,
    lastname: `Last${(id * 104729) % 1000}`,
    email: `person${(id * 31) % 2003}@example.com`,
    phone: `+1 555 01${(id * 17) % 100}`,
    company: `Company ${(id * 13) % 97}`,
    jobtitle,
    lifecyclestage: id % 2 ? 'lead' : 'customer',
    hubspot_owner_id: String(100 + (id % 7)),
    hs_lead_status: 'NEW',
    createdate: CREATED,
    lastmodifieddate: MODIFIED,
  };
  return { id: String(id), properties, createdAt: CREATED, updatedAt: MODIFIED };
}

/** A writer on a new cache file of its own, closed and removed after the test. */
function tempWriter(t: TestContext): { w: Writer; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-value-columns-'));
  const path = join(dir, 'contacts.sqlite');
  const w = openWriter(path);
  t.after(() => {
    w.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { w, path };
}

test('an update that changes one property rewrites that property’s index, not the indexes of the values that stayed', (t) => {
  const { w, path } = tempWriter(t);
  upsertContacts(w, Array.from({ length: 2000 }, (_, i) => person(i + 1, `Title ${i % 50}`)));
  const pageSize = (w.conn.db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
  const framesInLog = () => Math.round((statSync(`${path}-wal`).size - 32) / (pageSize + 24));

  const pagesWritten = w.withoutBackgroundCheckpoints(() =>
    [11, 777, 1999].map((id) => {
      w.conn.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      upsertContacts(w, [person(id, 'Chief Tea Officer')]);
      w.transaction(() => {}); // commits the batch the update opened
      return framesInLog();
    }),
  );
  // the contact's row and the job title's index; with every sort index rewritten it was 12-13
  for (const pages of pagesWritten) assert.ok(pages <= 4, `${pages} pages written for one changed job title (${pagesWritten.join(', ')})`);

  const columns = DEFAULT_SYNCED_PROPERTIES.map((property) => `v_${property} IS NOT json_extract(properties, '$."${property}"')`).join(' OR ');
  assert.equal((w.conn.db.prepare(`SELECT count(*) AS n FROM contacts WHERE ${columns}`).get() as { n: number }).n, 0, 'every column says what the JSON says');
  assert.equal((w.conn.db.prepare('SELECT v_jobtitle FROM contacts WHERE id = 777').get() as { v_jobtitle: string }).v_jobtitle, 'Chief Tea Officer');
});

test('a value that changes, appears or goes is the same in its column and the JSON', (t) => {
  const { w } = tempWriter(t);
  upsertContacts(w, [{ id: '5', properties: { firstname: 'Ada', email: 'ada@example.com' }, createdAt: CREATED, updatedAt: MODIFIED }]);
  const later = '2026-02-01T00:00:00.000Z';
  upsertContacts(w, [{ id: '5', properties: { firstname: 'Ada', email: null, company: 'Analytical Engines' }, createdAt: CREATED, updatedAt: later }]);
  w.transaction(() => {});
  assert.deepEqual({ ...(w.conn.db.prepare('SELECT v_firstname, v_email, v_company, v_jobtitle FROM contacts WHERE id = 5').get() as object) }, {
    v_firstname: 'Ada',
    v_email: null,
    v_company: 'Analytical Engines',
    v_jobtitle: null,
  });
});
