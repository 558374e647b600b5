/**
 * The views' filters on a real cache (the cache workers, its schema and sort indexes), each
 * combination checked against a reference computed in plain JavaScript from the same contacts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openContactsCache, type CachedContact, type ContactsCache, type PropertyDefinition } from '../../../../electron/core/contacts/cache.ts';
import { openReader } from '../../../../electron/core/contacts/cache-reader.ts';
import type { FilterContext } from '../../../../electron/core/contacts/filter-queries.ts';
import { matchingIdsSql } from '../../../../electron/core/contacts/filter-sql.ts';
import { resolveFilters, type FilterFacts } from '../../../../electron/core/views/filters.ts';
import type { ViewFilter } from '../../../../electron/ipc/types.ts';

const definitions: PropertyDefinition[] = [
  def('firstname', 'First name', 'string', 'text'),
  def('lastname', 'Last name', 'string', 'text'),
  def('email', 'Email', 'string', 'text'),
  def('company', 'Company', 'string', 'text'),
  def('city', 'City', 'string', 'text'),
  def('lifecyclestage', 'Lifecycle stage', 'enumeration', 'radio'),
  def('hs_lead_status', 'Lead status', 'enumeration', 'radio'),
  def('hubspot_owner_id', 'Contact owner', 'enumeration', 'select'),
  def('interests', 'Interests', 'enumeration', 'checkbox'),
  def('birthday', 'Birthday', 'date', 'date'),
  def('createdate', 'Create date', 'datetime', 'date'),
  def('lastmodifieddate', 'Last modified date', 'datetime', 'date'),
];
const synced = definitions.map((property) => property.name);

function def(name: string, label: string, type: string, fieldType: string): PropertyDefinition {
  return { name, label, type, fieldType, groupName: 'contactinformation', description: '', hidden: false, displayOrder: 0, options: [] };
}

/** Deterministic contacts with the awkward values HubSpot sends: empty strings, case, accents, multi-values, old date formats. */
function makeContacts(count: number): CachedContact[] {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const day = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const created = new Date(day - Math.floor(random() * 400) * 86_400_000 - Math.floor(random() * 86_400_000)).toISOString();
    const birthdayDay = new Date(Date.UTC(1990, 0, 1) + Math.floor(random() * 20) * 86_400_000);
    return {
      id: String(i + 1),
      createdAt: created,
      updatedAt: created,
      properties: {
        hs_object_id: String(i + 1),
        firstname: pick(['Ana', 'Ömer', 'José', 'Li', '']),
        lastname: pick(['Berg', 'Álvarez', 'Nguyen', 'Müller', null]),
        email: `person${i + 1}@example.com`,
        company: pick(['Acme', 'Globex', 'Initech 100%', null]),
        city: pick(['Berlin', 'BERLIN', 'Bern', 'Überlingen', 'München', 'münchen', '', null, 'Rio_de_Janeiro']),
        lifecyclestage: pick(['customer', 'lead', 'subscriber', 'Customer', '', null]),
        hs_lead_status: pick(['NEW', 'OPEN', 'IN_PROGRESS', null]),
        hubspot_owner_id: pick(['101', '102', '103', '999', '', null]),
        interests: pick(['sailing', 'sailing;golf', 'golf;chess', 'chess', 'golfing', '', null]),
        birthday: pick([birthdayDay.toISOString().slice(0, 10), String(birthdayDay.getTime()), '', null]),
        createdate: created,
        lastmodifieddate: created,
      },
    };
  });
}

interface Fixture {
  cache: ContactsCache;
  path: string;
}

async function openFixture(t: TestContext, contacts: CachedContact[]): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-filters-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'contacts.sqlite');
  const cache = openContactsCache(path);
  t.after(() => cache.close());
  await cache.replaceProperties(definitions);
  await cache.updateSyncState({ syncedProperties: synced });
  await cache.upsertContacts(contacts);
  await cache.replaceListCatalogue([{ listId: '7', name: 'Spring Event', processingType: 'MANUAL', size: 3 }]);
  await cache.replaceListMembers('7', [2, 3, 5, 8, 13, 21, 34, 55, 89, 100000], 1);
  return { cache, path };
}

const context = (overrides: Partial<FilterContext> = {}): FilterContext => ({
  now: Date.UTC(2025, 11, 15, 12),
  timeZone: 'Europe/Berlin',
  user: { email: 'me@example.com', userId: null },
  listsProblem: null,
  ...overrides,
});

/** Facts as the cache would read them, for the plan check (which goes to SQL directly). */
const facts = (): FilterFacts => ({
  synced: new Set(synced),
  definitions: new Map(definitions.map((property) => [property.name, property])),
  ownerIds: null,
  me: null,
  meProblem: '',
  lists: new Map([['7', { name: 'Spring Event', deleted: false, membersFetchedAt: 1 }]]),
  listsProblem: null,
  now: Date.UTC(2025, 11, 15, 12),
  timeZone: 'Europe/Berlin',
});

/** Every matching id, through the cache's own query (pages of 500), in id order. */
async function idsFor({ cache }: Fixture, filters: ViewFilter[], search = '', overrides: Partial<FilterContext> = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await cache.query({ search, filters, sort: { column: 'hs_object_id', direction: 'asc' }, columns: ['email'], offset, limit: 500 }, context(overrides));
    ids.push(...page.rows.map((row) => Number(row.id)));
    if (offset + 500 >= page.total) {
      assert.equal(ids.length, page.total, 'the count agrees with the rows');
      return ids;
    }
  }
}

type Props = Record<string, string | null>;
const value = (properties: Props, name: string) => (properties[name] === '' ? null : (properties[name] ?? null));
const lower = (text: string | null) => text?.toLowerCase() ?? null;
const berlinMidnight = (day: string) => Date.parse(`${day}T00:00:00+01:00`);

/** The reference: each filter as a plain predicate over a contact's properties. */
const reference: Record<string, (p: Props, id: number) => boolean> = {
  stageCustomerOrLead: (p) => ['customer', 'lead'].includes(lower(value(p, 'lifecyclestage')) ?? ''),
  owner102OrNone: (p) => value(p, 'hubspot_owner_id') === '102' || value(p, 'hubspot_owner_id') === null,
  cityEmpty: (p) => value(p, 'city') === null,
  cityNotEmpty: (p) => value(p, 'city') !== null,
  cityContainsBer: (p) => lower(value(p, 'city'))?.includes('ber') ?? false,
  cityContainsMunchen: (p) => value(p, 'city')?.toLocaleLowerCase().includes('münchen') ?? false,
  cityContainsUnderscore: (p) => value(p, 'city')?.includes('_') ?? false,
  interestsGolf: (p) => (value(p, 'interests')?.split(';') ?? []).includes('golf'),
  createdDecember: (p) => {
    const at = Date.parse(p.createdate!);
    return at >= berlinMidnight('2025-12-01') && at < berlinMidnight('2026-01-01');
  },
  birthdayFirstWeek: (p) => {
    const raw = value(p, 'birthday');
    if (raw === null) return false;
    const day = /^\d+$/.test(raw) ? new Date(Number(raw)).toISOString().slice(0, 10) : raw;
    return day >= '1990-01-01' && day <= '1990-01-07';
  },
  inSpringEvent: (_, id) => [2, 3, 5, 8, 13, 21, 34, 55, 89].includes(id),
};

const cases: [string, ViewFilter[], (keyof typeof reference)[]][] = [
  ['lifecycle stage: Customer or Lead (any case)', [{ kind: 'is-any-of', property: 'lifecyclestage', values: ['customer', 'lead'] }], ['stageCustomerOrLead']],
  ['contact owner: 102 or No owner', [{ kind: 'owner', owners: ['102', 'none'] }], ['owner102OrNone']],
  ['city is empty', [{ kind: 'is-empty', property: 'city' }], ['cityEmpty']],
  ['city is not empty', [{ kind: 'is-not-empty', property: 'city' }], ['cityNotEmpty']],
  ['city contains "BER"', [{ kind: 'contains', property: 'city', text: 'BER' }], ['cityContainsBer']],
  ['city contains "MÜNCHEN" (not ASCII)', [{ kind: 'contains', property: 'city', text: 'MÜNCHEN' }], ['cityContainsMunchen']],
  ['city contains "_" (a LIKE wildcard, taken literally)', [{ kind: 'contains', property: 'city', text: '_' }], ['cityContainsUnderscore']],
  ['interests (multi-select) is any of golf', [{ kind: 'is-any-of', property: 'interests', values: ['golf'] }], ['interestsGolf']],
  ['created in December (Berlin time)', [{ kind: 'date', property: 'createdate', range: { from: '2025-12-01', to: '2025-12-31' } }], ['createdDecember']],
  ['created this month (15 Dec 2025 is "now")', [{ kind: 'date', property: 'createdate', range: { preset: 'this-month' } }], []],
  ['birthday (date, some stored as epoch ms) in the first week', [{ kind: 'date', property: 'birthday', range: { from: '1990-01-01', to: '1990-01-07' } }], ['birthdayFirstWeek']],
  ['on the list "Spring Event"', [{ kind: 'list', listId: '7' }], ['inSpringEvent']],
  [
    'stage AND owner AND created AND city',
    [
      { kind: 'is-any-of', property: 'lifecyclestage', values: ['customer', 'lead'] },
      { kind: 'owner', owners: ['102', 'none'] },
      { kind: 'date', property: 'createdate', range: { from: '2025-06-01', to: null } },
      { kind: 'contains', property: 'city', text: 'ber' },
    ],
    ['stageCustomerOrLead', 'owner102OrNone', 'cityContainsBer'],
  ],
];

test('each filter kind, alone and combined, matches exactly the reference', async (t) => {
  const contacts = makeContacts(600);
  const fixture = await openFixture(t, contacts);
  const createdSinceJune = (p: Props) => Date.parse(p.createdate!) >= berlinMidnight('2025-06-01') - 3_600_000; // CEST
  for (const [name, filters, predicates] of cases) {
    const extra = name.startsWith('stage AND') ? [createdSinceJune] : name.includes('this month') ? [reference.createdDecember!] : [];
    const expected = contacts
      .filter((contact) => [...predicates.map((key) => reference[key]!), ...extra].every((matches) => matches(contact.properties, Number(contact.id))))
      .map((contact) => Number(contact.id));
    assert.ok(expected.length > 0 && expected.length < contacts.length, `${name}: the fixture should both match and miss`);
    assert.deepEqual(await idsFor(fixture, filters), expected, name);
  }
});

test('search narrows the filtered contacts further', async (t) => {
  const contacts = makeContacts(600);
  const fixture = await openFixture(t, contacts);
  const stage: ViewFilter[] = [{ kind: 'is-any-of', property: 'lifecyclestage', values: ['customer'] }];
  const searched = new Set(await idsFor(fixture, [], 'José'));
  const expected = (await idsFor(fixture, stage)).filter((id) => searched.has(id));
  assert.ok(expected.length > 0);
  assert.deepEqual(await idsFor(fixture, stage, 'José'), expected);
  assert.ok(contacts.filter((c) => expected.includes(Number(c.id))).every((c) => c.properties.firstname === 'José'));
});

test('a filter that cannot be applied is left out and said why; "Me" without an owner record matches nobody', async (t) => {
  const fixture = await openFixture(t, makeContacts(200));
  const all = await idsFor(fixture, []);
  await fixture.cache.markListDeleted('7');
  const page = await fixture.cache.query(
    { search: '', filters: [{ kind: 'list', listId: '7' }, { kind: 'is-any-of', property: 'favourite_colour', values: ['blue'] }], sort: { column: 'email', direction: 'asc' }, columns: ['email'], offset: 0, limit: 10 },
    context(),
  );
  assert.equal(page.total, all.length);
  assert.deepEqual(page.filterIssues?.map((issue) => [issue.index, issue.applied]), [[0, false], [1, false]]);
  assert.match(page.filterIssues![0]!.reason, /“Spring Event” was deleted in HubSpot/);
  assert.deepEqual(await idsFor(fixture, [{ kind: 'owner', owners: ['me'] }]), []);
  assert.deepEqual(await idsFor(fixture, [{ kind: 'list', listId: '7' }], '', { listsProblem: 'Lists need crm.lists.read.' }), all);
});

test('owner, enumerations and dates are answered from their sort index alone', async (t) => {
  const { path } = await openFixture(t, makeContacts(50));
  const reader = openReader(path);
  t.after(() => reader.close());
  const plan = (filters: ViewFilter[]) => {
    const set = matchingIdsSql(resolveFilters(filters, facts()).terms, null)!;
    return (reader.conn.db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM (${set.sql})`).all(...set.params) as { detail: string }[]).map((row) => row.detail).join('\n');
  };
  assert.match(plan([{ kind: 'is-any-of', property: 'lifecyclestage', values: ['customer'] }]), /COVERING INDEX contacts_sort_vtext_lifecyclestage/);
  assert.match(plan([{ kind: 'date', property: 'createdate', range: { preset: 'this-year' } }]), /COVERING INDEX contacts_sort_vtext_createdate/);
  assert.match(plan([{ kind: 'is-not-empty', property: 'hubspot_owner_id' }]), /COVERING INDEX contacts_sort_vtext_hubspot_owner_id/);
});

test('a filtered count and its pages follow the cache as a sync or a list refresh changes it', async (t) => {
  const contacts = makeContacts(300);
  const fixture = await openFixture(t, contacts);
  const stage: ViewFilter[] = [{ kind: 'is-any-of', property: 'lifecyclestage', values: ['customer'] }];
  const before = await idsFor(fixture, stage);
  await fixture.cache.upsertContacts([{ ...contacts[0]!, id: '5000', properties: { ...contacts[0]!.properties, hs_object_id: '5000', lifecyclestage: 'customer' } }]);
  assert.deepEqual(await idsFor(fixture, stage), [...before, 5000]);
  const list: ViewFilter[] = [{ kind: 'list', listId: '7' }];
  assert.deepEqual(await idsFor(fixture, list), [2, 3, 5, 8, 13, 21, 34, 55, 89]);
  await fixture.cache.replaceListMembers('7', [1, 5000], 2);
  assert.deepEqual(await idsFor(fixture, list), [1, 5000]);
});
