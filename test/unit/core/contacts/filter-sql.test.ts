/**
 * The filter SQL on a real cache file (the cache module's own schema and sort indexes), each
 * combination checked against a reference computed in plain JavaScript from the same contacts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, type TestContext } from 'node:test';
import { openContactsCache, type CachedContact, type PropertyDefinition } from '../../../../electron/core/contacts/cache.ts';
import { matchingIdsSql, registerFilterFunctions } from '../../../../electron/core/contacts/filter-sql.ts';
import { createListsSchema, replaceListCatalogue, replaceListMembers } from '../../../../electron/core/contacts/lists-store.ts';
import { ftsQuery } from '../../../../electron/core/contacts/search-text.ts';
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

function openFixture(t: TestContext, contacts: CachedContact[]): DatabaseSync {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-filters-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'contacts.sqlite');
  const cache = openContactsCache(path);
  cache.replaceProperties(definitions);
  cache.updateSyncState({ syncedProperties: synced });
  cache.upsertContacts(contacts);
  cache.close();
  const db = new DatabaseSync(path);
  t.after(() => db.close());
  registerFilterFunctions(db);
  createListsSchema(db);
  replaceListCatalogue(db, [{ listId: '7', name: 'Spring Event', processingType: 'MANUAL', size: 3 }]);
  replaceListMembers(db, '7', [2, 3, 5, 8, 13, 21, 34, 55, 89, 100000], 1);
  return db;
}

const facts = (overrides: Partial<FilterFacts> = {}): FilterFacts => ({
  synced: new Set(synced),
  definitions: new Map(definitions.map((property) => [property.name, property])),
  ownerIds: new Set(['101', '102', '103']),
  me: '102',
  meProblem: 'unknown',
  lists: new Map([['7', { name: 'Spring Event', deleted: false, membersFetchedAt: 1 }]]),
  listsProblem: null,
  now: Date.UTC(2025, 11, 15, 12),
  timeZone: 'Europe/Berlin',
  ...overrides,
});

function idsFor(db: DatabaseSync, filters: ViewFilter[], search = '', overrides: Partial<FilterFacts> = {}): number[] {
  const { terms } = resolveFilters(filters, facts(overrides));
  const set = matchingIdsSql(terms, ftsQuery(search));
  if (set === null) return (db.prepare('SELECT id FROM contacts ORDER BY id').all() as { id: number }[]).map((row) => row.id);
  return (db.prepare(`SELECT id FROM contacts WHERE id IN (${set.sql}) ORDER BY id`).all(...set.params) as { id: number }[]).map((row) => row.id);
}

type Props = Record<string, string | null>;
const value = (properties: Props, name: string) => (properties[name] === '' ? null : (properties[name] ?? null));
const lower = (text: string | null) => text?.toLowerCase() ?? null;
const berlinMidnight = (day: string) => Date.parse(`${day}T00:00:00+01:00`);

/** The reference: each filter as a plain predicate over a contact's properties. */
const reference: Record<string, (p: Props, id: number) => boolean> = {
  stageCustomerOrLead: (p) => ['customer', 'lead'].includes(lower(value(p, 'lifecyclestage')) ?? ''),
  ownerMeOrNone: (p) => value(p, 'hubspot_owner_id') === '102' || value(p, 'hubspot_owner_id') === null,
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
  ['contact owner: Me or No owner', [{ kind: 'owner', owners: ['me', 'none'] }], ['ownerMeOrNone']],
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
      { kind: 'owner', owners: ['me', 'none'] },
      { kind: 'date', property: 'createdate', range: { from: '2025-06-01', to: null } },
      { kind: 'contains', property: 'city', text: 'ber' },
    ],
    ['stageCustomerOrLead', 'ownerMeOrNone', 'cityContainsBer'],
  ],
];

test('each filter kind, alone and combined, matches exactly the reference', (t) => {
  const contacts = makeContacts(600);
  const db = openFixture(t, contacts);
  const createdSinceJune = (p: Props) => Date.parse(p.createdate!) >= berlinMidnight('2025-06-01') - 3_600_000; // CEST
  for (const [name, filters, predicates] of cases) {
    const extra = name.startsWith('stage AND') ? [createdSinceJune] : name.includes('this month') ? [reference.createdDecember!] : [];
    const expected = contacts
      .filter((contact) => [...predicates.map((key) => reference[key]!), ...extra].every((matches) => matches(contact.properties, Number(contact.id))))
      .map((contact) => Number(contact.id));
    assert.ok(expected.length > 0 && expected.length < contacts.length, `${name}: the fixture should both match and miss`);
    assert.deepEqual(idsFor(db, filters), expected, name);
  }
});

test('search narrows the filtered contacts further', (t) => {
  const contacts = makeContacts(600);
  const db = openFixture(t, contacts);
  const stage: ViewFilter[] = [{ kind: 'is-any-of', property: 'lifecyclestage', values: ['customer'] }];
  const searched = new Set(idsFor(db, [], 'José'));
  const expected = idsFor(db, stage).filter((id) => searched.has(id));
  assert.ok(expected.length > 0);
  assert.deepEqual(idsFor(db, stage, 'José'), expected);
  assert.ok(contacts.filter((c) => expected.includes(Number(c.id))).every((c) => c.properties.firstname === 'José'));
});

test('a filter that cannot be applied is left out; "Me" without an owner record matches nobody', (t) => {
  const db = openFixture(t, makeContacts(200));
  const all = idsFor(db, []);
  assert.deepEqual(idsFor(db, [{ kind: 'list', listId: '7' }], '', { lists: new Map([['7', { name: 'Spring Event', deleted: true, membersFetchedAt: 1 }]]) }), all);
  assert.deepEqual(idsFor(db, [{ kind: 'owner', owners: ['me'] }], '', { me: null }), []);
  assert.deepEqual(idsFor(db, [{ kind: 'is-any-of', property: 'city', values: ['Berlin'] }], '', { synced: new Set(synced.filter((name) => name !== 'city')) }), all);
});

test('indexed properties are answered from their sort index alone', (t) => {
  const db = openFixture(t, makeContacts(50));
  const plan = (filters: ViewFilter[]) => {
    const set = matchingIdsSql(resolveFilters(filters, facts()).terms, null)!;
    return (db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM (${set.sql})`).all(...set.params) as { detail: string }[]).map((row) => row.detail).join('\n');
  };
  assert.match(plan([{ kind: 'is-any-of', property: 'lifecyclestage', values: ['customer'] }]), /COVERING INDEX contacts_sort_text_lifecyclestage/);
  assert.match(plan([{ kind: 'date', property: 'createdate', range: { preset: 'this-year' } }]), /COVERING INDEX contacts_sort_text_createdate/);
  assert.match(plan([{ kind: 'contains', property: 'city', text: 'ber' }]), /COVERING INDEX contacts_sort_text_city/);
  assert.match(plan([{ kind: 'is-not-empty', property: 'hubspot_owner_id' }]), /COVERING INDEX contacts_sort_text_hubspot_owner_id/);
});
