/**
 * Exporting a view: the file holds exactly the contacts the view shows (its filters and search,
 * applied as the table applies them), in its order, with its columns. The expected rows are worked
 * out here from the sandbox's own data, not from the cache; the export runs through the real
 * exporter and worker into a real file, read back with csv-parse.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { FilterContext } from '../../../electron/core/contacts/filter-queries.ts';
import { createExporter } from '../../../electron/core/export/exporter.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import type { ExportRequest, ViewFilter } from '../../../electron/ipc/types.ts';
import { KNOWN_LISTS } from '../../../sandbox/lists.ts';
import type { SandboxContact } from '../../../sandbox/server.ts';
import type { World } from '../contacts/world.ts';
import { NOW, signedInUser, syncedWorld, TZ } from './views-world.ts';

const COLUMNS = ['hs_object_id', 'email', 'lifecyclestage', 'hubspot_owner_id'];

async function exported(world: World, context: FilterContext, request: Partial<ExportRequest>): Promise<string[][]> {
  const exporter = createExporter({ dbPath: world.dbPath, clock: systemClock, log: world.log, filterContext: () => context });
  const path = join(world.dir, `export-${Math.random().toString(36).slice(2)}.csv`);
  const full: ExportRequest = { columns: COLUMNS, scope: 'view', search: '', header: 'names', format: 'csv', values: 'stored', excelFriendly: false, delimiter: ',', ...request };
  const { done } = exporter.start(full, { path }, () => {});
  const final = await done;
  await exporter.dispose();
  assert.equal(final.state, 'done', JSON.stringify(final.error));
  const [header, ...rows] = parse(readFileSync(path), { bom: true, relax_column_count: false }) as string[][];
  assert.deepEqual(header, COLUMNS);
  assert.equal(final.written, rows.length, 'the dialog’s count is the file’s');
  return rows;
}

const raw = (contact: SandboxContact) => COLUMNS.map((name) => contact.properties[name] ?? '');
const blank = (value: string | null | undefined) => value === null || value === undefined || value === '';

test('a view exports exactly its contacts: "Me" or no owner, customers or leads, on a list, with a search', async (t) => {
  const world = await syncedWorld(t);
  const context: FilterContext = { now: NOW, timeZone: TZ, user: await signedInUser(world), listsProblem: null };
  const me = world.sandbox.admin.ownerOfSignedInUser().id;
  const newsletter = new Set(world.sandbox.admin.listMembers(KNOWN_LISTS.newsletter.listId).map(String));
  const contacts = [...world.sandbox.admin.allContacts()];
  const filters: ViewFilter[] = [
    { kind: 'owner', owners: ['me', 'none'] },
    { kind: 'is-any-of', property: 'lifecyclestage', values: ['customer', 'lead'] },
    { kind: 'list', listId: KNOWN_LISTS.newsletter.listId },
  ];
  const inView = (c: SandboxContact) =>
    (c.properties.hubspot_owner_id === me || blank(c.properties.hubspot_owner_id)) && ['customer', 'lead'].includes(c.properties.lifecyclestage ?? '') && newsletter.has(c.id);
  const expected = contacts.filter(inView).map(raw);
  assert.ok(expected.length > 0 && expected.length < contacts.length / 10, `the view is a small part of the contacts (${expected.length})`);

  const byId = { column: 'hs_object_id', direction: 'asc' } as const;
  assert.deepEqual(await exported(world, context, { filters, sort: byId, viewName: 'My customers' }), expected, 'the view’s rows, in id order');

  // a search narrows the view further: exactly those of its contacts the table finds
  const table = await world.cache.query({ search: 'a', filters, sort: byId, columns: ['email'], offset: 0, limit: 500 }, context);
  const searched = new Set(table.rows.map((row) => row.id));
  assert.equal(table.total, table.rows.length);
  assert.ok(searched.size > 0 && searched.size < expected.length);
  assert.deepEqual(await exported(world, context, { filters, search: 'a', sort: byId }), expected.filter((row) => searched.has(row[0]!)));

  // the view's order: by email, newest first, as the table sorts it
  const byEmail = await exported(world, context, { filters, sort: { column: 'email', direction: 'desc' } });
  assert.deepEqual([...byEmail].sort((a, b) => Number(a[0]) - Number(b[0])), expected);
  const emails = byEmail.map((row) => row[1]!);
  assert.deepEqual(emails, [...emails].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })), 'sorted by email, descending');

  // "All contacts" leaves the view's filters and search out
  assert.equal((await exported(world, context, { scope: 'all', filters, search: 'a' })).length, contacts.length);
});
