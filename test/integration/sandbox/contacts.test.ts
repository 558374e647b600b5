import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOSTILE_CONTACTS, KNOWN_CONTACTS } from '../../../sandbox/contacts-data.ts';
import { CONTACTS_V, CONTACTS_V3, api, connect, json, sandbox } from './helpers.ts';
import type { ContactJson, PageJson } from './helpers.ts';

const DEFAULTS = ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'];

test('list: default limit 10, default properties, paging with opaque cursors to the very end (both paths)', async (t) => {
  const sb = await sandbox(t, { contacts: 250 });
  const { access_token: token } = await connect(sb);

  const first = await api(sb, token, CONTACTS_V);
  assert.equal(first.status, 200);
  const page = await json<PageJson>(first);
  assert.equal(page.results.length, 10);
  const c0 = page.results[0] as ContactJson;
  assert.equal(c0.id, '1');
  assert.deepEqual(Object.keys(c0.properties).sort(), DEFAULTS);
  assert.equal(c0.archived, false);
  assert.match(c0.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(c0.createdAt, c0.properties.createdate);
  assert.equal(c0.updatedAt, c0.properties.lastmodifieddate);
  assert.equal(c0.properties.hs_object_id, '1');
  assert.ok(page.paging?.next?.after);
  assert.ok(page.paging.next.link?.startsWith(sb.url));

  for (const path of [CONTACTS_V, CONTACTS_V3]) {
    const ids: string[] = [];
    let after: string | undefined;
    let calls = 0;
    do {
      const res = await api(sb, token, `${path}?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      assert.equal(res.status, 200);
      const body = await json<PageJson>(res);
      ids.push(...body.results.map((c) => c.id));
      after = body.paging?.next?.after;
      if (after) {
        assert.doesNotMatch(after, /^\d+$/, 'cursor is opaque');
        assert.ok(!Buffer.from(after, 'base64url').toString('latin1').includes(body.results.at(-1)?.id ?? '\u0000'), 'cursor does not reveal the id');
      }
      calls++;
    } while (after);
    assert.equal(calls, 3);
    assert.equal(ids.length, 250);
    assert.deepEqual(ids, Array.from({ length: 250 }, (_, i) => String(i + 1)));
  }
  // following paging.next.link works as is
  const link = page.paging.next.link as string;
  const viaLink = await fetch(link, { headers: { authorization: `Bearer ${token}` } });
  assert.equal((await json<PageJson>(viaLink)).results[0]?.id, '11');
});

test('list: limit > 100 and bad values give 400; tampered or foreign cursors give 400', async (t) => {
  const sb = await sandbox(t, { contacts: 50 });
  const { access_token: token } = await connect(sb);
  for (const q of ['limit=101', 'limit=0', 'limit=abc', 'archived=maybe']) {
    const res = await api(sb, token, `${CONTACTS_V}?${q}`);
    assert.equal(res.status, 400, q);
    const body = await json(res);
    assert.equal(body.status, 'error');
    assert.equal(body.category, 'VALIDATION_ERROR');
    assert.ok(body.correlationId);
  }
  assert.equal((await api(sb, token, `${CONTACTS_V}?limit=100`)).status, 200);

  const page = await json<PageJson>(await api(sb, token, `${CONTACTS_V}?limit=5`));
  const after = page.paging?.next?.after as string;
  const raw = Buffer.from(after, 'base64url');
  raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
  const tampered = raw.toString('base64url');
  assert.equal((await api(sb, token, `${CONTACTS_V}?after=${tampered}`)).status, 400);
  assert.equal((await api(sb, token, `${CONTACTS_V}?after=5`)).status, 400);
  assert.equal((await api(sb, token, `${CONTACTS_V}?after=${after}&archived=true`)).status, 400);

  // a cursor from another sandbox (another key) is rejected
  const other = await sandbox(t, { contacts: 50 });
  const otherToken = (await connect(other)).access_token;
  assert.equal((await api(other, otherToken, `${CONTACTS_V}?after=${after}`)).status, 400);
});

test('list: properties param (comma list or repeated); unknown names left out, known empty ones null', async (t) => {
  const sb = await sandbox(t, { contacts: 30 });
  const { access_token: token } = await connect(sb);
  const a = await json<PageJson>(await api(sb, token, `${CONTACTS_V}?limit=20&properties=firstname,company,phone,no_such_property`));
  for (const c of a.results) assert.deepEqual(Object.keys(c.properties).sort(), ['company', 'firstname', 'phone']);
  const b = await json<PageJson>(await api(sb, token, `${CONTACTS_V}?limit=20&properties=firstname&properties=company`));
  assert.deepEqual(Object.keys((b.results[0] as ContactJson).properties).sort(), ['company', 'firstname']);
  const nullOne = a.results.find((c) => c.id === HOSTILE_CONTACTS.null.id) as ContactJson;
  assert.equal(nullOne.properties.phone, null);
  assert.equal(nullOne.properties.firstname, '');
});

test('single contact GET (2026-03 and v3), 404 for unknown, archived only with archived=true', async (t) => {
  const sb = await sandbox(t, { contacts: 30 });
  const { access_token: token } = await connect(sb);
  for (const path of [CONTACTS_V, CONTACTS_V3]) {
    const res = await api(sb, token, `${path}/${KNOWN_CONTACTS.nonLatin.id}?properties=firstname,lastname,email`);
    assert.equal(res.status, 200);
    const c = await json<ContactJson>(res);
    assert.equal(c.properties.firstname, KNOWN_CONTACTS.nonLatin.firstname);
    assert.equal(c.properties.lastname, KNOWN_CONTACTS.nonLatin.lastname);
    assert.match(res.headers.get('content-type') ?? '', /charset=utf-8/);
  }
  const nf = await api(sb, token, `${CONTACTS_V}/999999`);
  assert.equal(nf.status, 404);
  assert.equal((await json(nf)).category, 'OBJECT_NOT_FOUND');
  assert.equal((await api(sb, token, `${CONTACTS_V}/abc`)).status, 404);

  const byEmail = await api(sb, token, `${CONTACTS_V}/${encodeURIComponent(KNOWN_CONTACTS.email.email)}?idProperty=email`);
  assert.equal((await json<ContactJson>(byEmail)).id, KNOWN_CONTACTS.email.id);

  sb.admin.archiveContact('7');
  assert.equal((await api(sb, token, `${CONTACTS_V}/7`)).status, 404);
  const archived = await json<ContactJson>(await api(sb, token, `${CONTACTS_V}/7?archived=true`));
  assert.equal(archived.archived, true);
  assert.ok(archived.archivedAt);
});

test('archived contacts leave the default list and appear with archived=true; created ones come last', async (t) => {
  const sb = await sandbox(t, { contacts: 20 });
  const { access_token: token } = await connect(sb);
  sb.admin.archiveContact('3');
  sb.admin.archiveContact('10');
  const created = sb.admin.createContact({ firstname: 'New', lastname: 'Person', email: 'new@example.com' });
  assert.equal(created.id, '21');
  const updated = sb.admin.updateContact('5', { firstname: 'Renamed' });
  assert.ok(updated.updatedAt > (sb.admin.getContact('6')?.updatedAt ?? ''));
  assert.equal(sb.admin.contactCount(), 19);

  const live = await json<PageJson>(await api(sb, token, `${CONTACTS_V}?limit=100`));
  const ids = live.results.map((c) => c.id);
  assert.equal(ids.length, 19);
  assert.ok(!ids.includes('3') && !ids.includes('10'));
  assert.equal(ids.at(-1), '21');
  assert.equal(live.results.find((c) => c.id === '5')?.properties.firstname, 'Renamed');
  assert.equal(live.paging, undefined, 'no paging.next on the last page');

  const arch = await json<PageJson>(await api(sb, token, `${CONTACTS_V}?archived=true&limit=1`));
  assert.deepEqual(arch.results.map((c) => c.id), ['3']);
  assert.equal(arch.results[0]?.archived, true);
  const arch2 = await json<PageJson>(await api(sb, token, `${CONTACTS_V}?archived=true&limit=1&after=${arch.paging?.next?.after}`));
  assert.deepEqual(arch2.results.map((c) => c.id), ['10']);
  assert.equal(arch2.paging, undefined);

  // the admin view agrees with the API
  const adminIds = [...sb.admin.allContacts()].map((c) => c.id);
  assert.deepEqual(adminIds, ids);
  assert.deepEqual([...sb.admin.allContacts({ archived: true })].map((c) => c.id), ['3', '10']);
});

test('properties endpoint (2026-03 and v3) describes contact properties like HubSpot', async (t) => {
  const sb = await sandbox(t, { contacts: 5 });
  const { access_token: token } = await connect(sb);
  for (const path of ['/crm/properties/2026-03/contacts', '/crm/v3/properties/contacts']) {
    const res = await api(sb, token, path);
    assert.equal(res.status, 200);
    const body = await json<{ results: Record<string, unknown>[]; paging?: unknown }>(res);
    assert.equal(body.paging, undefined);
    const names = body.results.map((p) => p.name);
    for (const n of ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'jobtitle', 'lifecyclestage', 'city', 'country', 'website', 'createdate', 'lastmodifieddate', 'hs_object_id', 'hs_lead_status', 'notes_last_updated']) {
      assert.ok(names.includes(n), n);
    }
    for (const p of body.results) {
      for (const key of ['name', 'label', 'type', 'fieldType', 'groupName', 'description', 'options', 'hidden', 'hubspotDefined', 'calculated', 'displayOrder']) {
        assert.ok(key in p, `${String(p.name)}.${key}`);
      }
    }
    const stage = body.results.find((p) => p.name === 'lifecyclestage') as { type: string; options: { value: string; label: string }[] };
    assert.equal(stage.type, 'enumeration');
    assert.ok(stage.options.some((o) => o.value === 'customer' && o.label === 'Customer'));
    const created = body.results.find((p) => p.name === 'createdate') as { type: string };
    assert.equal(created.type, 'datetime');
  }
  const one = await json(await api(sb, token, '/crm/properties/2026-03/contacts/email'));
  assert.equal(one.label, 'Email');
  assert.equal((await api(sb, token, '/crm/properties/2026-03/contacts/nope')).status, 404);
});

test('sample data: deterministic per seed, hostile values and many scripts in the first contacts', async (t) => {
  const a = await sandbox(t, { contacts: 2000, seed: 7, dataEndTime: '2026-06-01T00:00:00Z' });
  const b = await sandbox(t, { contacts: 2000, seed: 7, dataEndTime: '2026-06-01T00:00:00Z' });
  const c = await sandbox(t, { contacts: 2000, seed: 8, dataEndTime: '2026-06-01T00:00:00Z' });
  const all = (s: typeof a) => [...s.admin.allContacts()];
  const ca = all(a);
  assert.deepEqual(ca, all(b));
  assert.notDeepEqual(ca.slice(30, 60), all(c).slice(30, 60));

  const props = (id: string) => (ca[Number(id) - 1] as { properties: Record<string, string | null> }).properties;
  for (const [kind, h] of Object.entries(HOSTILE_CONTACTS)) assert.equal(props(h.id)[h.property], h.value, kind);
  assert.ok((props(HOSTILE_CONTACTS.veryLong.id).company ?? '').length >= 2000);
  for (const k of Object.values(KNOWN_CONTACTS)) {
    assert.equal(props(k.id).firstname, k.firstname);
    assert.equal(props(k.id).lastname, k.lastname);
  }
  assert.equal(props(KNOWN_CONTACTS.email.id).email, KNOWN_CONTACTS.email.email);

  const text = ca.map((x) => Object.values(x.properties).join(' ')).join('\n');
  for (const [script, re] of Object.entries({
    latinAccents: /[áéíóúñüöäçãõøåæœ]/iu, han: /\p{Script=Han}/u, kana: /\p{Script=Hiragana}|\p{Script=Katakana}/u,
    hangul: /\p{Script=Hangul}/u, arabic: /\p{Script=Arabic}/u, hebrew: /\p{Script=Hebrew}/u, cyrillic: /\p{Script=Cyrillic}/u,
    greek: /\p{Script=Greek}/u, devanagari: /\p{Script=Devanagari}/u, thai: /\p{Script=Thai}/u, emoji: /\p{Extended_Pictographic}/u,
  })) assert.match(text, re, script);

  // beyond the hand-written ones, a small share of generated contacts carry hostile values too
  const hostile = ca.slice(30).filter((x) => ['firstname', 'lastname', 'company', 'jobtitle', 'city'].some((k) => {
    const v = x.properties[k];
    return typeof v === 'string' && (/^[=+\-@\t]|[\r\n"]/.test(v) || v.length > 1000);
  }));
  assert.ok(hostile.length > 10 && hostile.length < 300, `hostile share ${hostile.length}/1970`);
  const emails = ca.map((x) => x.properties.email).filter((e): e is string => !!e);
  assert.equal(new Set(emails).size, emails.length, 'emails are unique');

  // dates: within ~3 years before dataEndTime, non-decreasing with the id, modified >= created
  let prevC = '';
  let prevM = '';
  for (const x of ca) {
    const cd = x.properties.createdate as string;
    const md = x.properties.lastmodifieddate as string;
    assert.ok(cd >= prevC && md >= prevM && md >= cd);
    assert.ok(cd >= '2023-05-01' && md < '2026-06-01');
    prevC = cd;
    prevM = md;
  }
});

test('a million contacts cost nothing up front: none is held in memory, and any of them can be read', async (t) => {
  // how fast is a benchmark's business (npm run bench -- --only sandbox); this is about what is held
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const sb = await sandbox(t, { contacts: 1_000_000 });
  globalThis.gc?.();
  const grown = process.memoryUsage().heapUsed - heapBefore;
  assert.ok(grown < 32 * 2 ** 20, `the heap grew ${(grown / 2 ** 20).toFixed(1)} MB for a million contacts`);
  assert.equal(sb.admin.contactCount(), 1_000_000);
  const { access_token: token } = await connect(sb);
  const last = await json<ContactJson>(await api(sb, token, `${CONTACTS_V}/1000000`));
  assert.equal(last.id, '1000000');
  const page = await json<PageJson>(await api(sb, token, `${CONTACTS_V}?limit=100`));
  assert.equal(page.results.length, 100);
  assert.equal((await api(sb, token, `${CONTACTS_V}/1000001`)).status, 404);
});

test('hostile values come through the API exactly, invisible characters before a formula included', async (t) => {
  const sb = await sandbox(t, { contacts: 40 });
  const { access_token: token } = await connect(sb);
  const page = await json<PageJson>(await api(sb, token, `${CONTACTS_V}?limit=100&properties=${[...new Set(Object.values(HOSTILE_CONTACTS).map((h) => h.property))].join(',')}`));
  const byId = new Map(page.results.map((c) => [c.id, c.properties]));
  for (const [kind, h] of Object.entries(HOSTILE_CONTACTS)) assert.equal(byId.get(h.id)?.[h.property], h.value, kind);
  const invisibleFirst = Object.values(HOSTILE_CONTACTS).filter((h) => /^[\p{Cc}\p{Cf}\p{Z}]+[=+\-@]/u.test(h.value ?? ''));
  const starts = new Set(invisibleFirst.map((h) => (h.value ?? '').codePointAt(0)));
  for (const ch of [0x00, 0x01, 0x07, 0x1b, 0x1f, 0xfeff, 0x200b]) assert.ok(starts.has(ch), `a value starting with U+${ch.toString(16).padStart(4, '0')} then a formula`);
});

test('the first screens of the default order (last name, A to Z) show ordinary people; hostile values sit further down', async (t) => {
  const shown = ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'jobtitle', 'city', 'country', 'website'];
  const odd = (name: string, value: string | null | undefined): boolean => {
    if (value === null || value === undefined) return false;
    if (name === 'phone' || name === 'mobilephone') return !/^[+(0-9][0-9 ().-]*( ext\. [0-9]+)?$/.test(value);
    if (value === '') return name === 'firstname' || name === 'lastname';
    return value.length > 80 || /[\p{Cc}\p{Cf}"]|\p{Extended_Pictographic}/u.test(value) || /^[=+\-@'\p{Z}]/u.test(value);
  };
  // the cache's order today (SQLite NOCASE: ASCII case folded, then UTF-8 bytes) and a language-aware one
  const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a.replace(/[A-Z]/g, (c) => c.toLowerCase())), Buffer.from(b.replace(/[A-Z]/g, (c) => c.toLowerCase())));
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  for (const seed of [1, 2, 3]) {
    const sb = await sandbox(t, { contacts: 5000, seed });
    const all = [...sb.admin.allContacts()].filter((c) => c.properties.lastname);
    assert.ok(all.some((c) => shown.some((name) => odd(name, c.properties[name]))), 'hostile values are still in the data');
    for (const [order, compare] of [['bytes', byBytes], ['collator', collator.compare]] as const) {
      const first = [...all].sort((a, b) => compare(a.properties.lastname as string, b.properties.lastname as string) || Number(a.id) - Number(b.id)).slice(0, 100);
      for (const c of first) {
        const bad = shown.filter((name) => odd(name, c.properties[name]));
        assert.deepEqual(bad, [], `seed ${seed}, ${order} order: contact ${c.id} (${c.properties.lastname}) shows ${bad.map((n) => JSON.stringify(c.properties[n])).join(', ')}`);
      }
    }
  }
});
