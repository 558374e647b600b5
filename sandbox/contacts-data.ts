/**
 * Seeded, deterministic sample contacts. Contact `id` (1..total) is computed on demand from
 * (seed, id): nothing is held in memory, so a million contacts cost nothing until read.
 *
 * Invariant the search relies on: `createdate` and `lastmodifieddate` of generated contacts are
 * non-decreasing with the id (spread over the ~3 years before `endMs`), so a date range is a
 * binary search over ids. Contacts changed at run time live in the store's overlay instead.
 *
 * Contacts 1..27 are hand-written so that even a tiny sandbox shows every hostile kind of value.
 */
import { createRng, hash32 } from './random.ts';
import type { Rng } from './random.ts';
import {
  COMPANY_KINDS, COMPANY_SUFFIXES, COMPANY_WORDS, FREE_MAIL_DOMAINS, LEAD_STATUSES, LIFECYCLE_STAGES,
  LOCALES, asciiFold,
} from './locales.ts';
import type { Locale, Named } from './locales.ts';

export type Properties = Record<string, string | null>;

export interface GeneratedContact {
  id: string;
  properties: Properties;
  createdAt: string;
  updatedAt: string;
}

/** What `GET .../contacts` returns when no `properties` are asked for. */
export const DEFAULT_PROPERTIES = ['firstname', 'lastname', 'email', 'createdate', 'lastmodifieddate', 'hs_object_id'];

const DAY = 86_400_000;
export const HISTORY_MS = 3 * 365 * DAY;

const LONG_COMPANY = `Very Long Company Name ${'Holdings International Worldwide Consolidated '.repeat(52)}`.trim();
const LONG_TITLE = `Senior ${'Principal Deputy Assistant '.repeat(80)}Manager`;

/** Hand-written contacts; properties not given here are generated as usual. */
const CURATED: Record<number, Properties> = {
  1: {
    firstname: 'José', lastname: 'Álvarez', email: 'jose.alvarez@acme-sample.example', company: 'Acme Sample, Inc.', phone: '+34 612 345 678', jobtitle: 'Director de Ventas', city: 'Madrid', country: 'Spain', lifecyclestage: 'customer',
    hs_lead_status: 'OPEN', product_interest: 'support_desk;analytics', newsletter_opt_in: 'true', contract_renewal_date: '2026-09-30', lifetime_value: '1234.5',
  },
  2: {
    firstname: '芳', lastname: '王', email: 'wang.fang@xingchen-tech.example', company: '北京星辰科技有限公司', phone: '+86 138 0013 8000', jobtitle: '销售经理', city: '北京', country: 'China',
    hs_lead_status: 'LEGACY_WARM', newsletter_opt_in: 'false', contract_renewal_date: '1572480000000', lifetime_value: '17',
  },
  3: {
    firstname: '花子', lastname: '佐藤', email: 'hanako.sato@sakura-shoji.example', company: '株式会社さくら商事', phone: '+81 90-1234-5678', jobtitle: '営業部長', city: '東京', country: 'Japan',
    lifecyclestage: '1234567', product_interest: 'analytics;discontinued_fax', lifetime_value: '0',
  },
  4: { firstname: 'Zoë', lastname: "O'Brien", email: "zoe.o'brien@best-widgets.example", company: 'The "Best" Widgets Co.', jobtitle: 'Head of "Growth"', city: 'Dublin', country: 'Ireland' },
  5: { firstname: 'Lena', lastname: 'Umbruch', company: 'Northwind Traders\nEurope Division', jobtitle: 'Key Account Manager\nDACH', city: 'Köln', country: 'Germany' },
  6: { firstname: 'Émile', lastname: 'Durand', company: 'Durand & Fils\r\nSARL', jobtitle: 'Responsable\r\ncommercial', city: 'Orléans', country: 'France' },
  7: { firstname: 'Eve', lastname: 'Formula', company: '=HYPERLINK("http://x","y")', jobtitle: '=1+2', city: 'Boston', country: 'United States' },
  8: { firstname: '@mention', lastname: 'Wood', company: '@SUM(A1)', jobtitle: 'Analyst', city: 'Seattle', country: 'United States' },
  9: { firstname: 'Priya', lastname: 'Patel', company: '+1', phone: '+44 20 7946 0958', jobtitle: '+1', city: 'London', country: 'United Kingdom' },
  10: { firstname: 'Max', lastname: 'Minus', company: '-5', jobtitle: '-Head of Minus', city: 'Denver', country: 'United States' },
  11: { firstname: '\tTabitha', lastname: 'Tabb', company: '\tTabbed Ltd', jobtitle: '\tConsultant', city: 'Leeds', country: 'United Kingdom' },
  12: { firstname: '007', lastname: 'Bond', phone: '0049 30 1234567', mobilephone: '00491701234567', company: '007 Security GmbH', zip: '01234', city: 'Berlin', country: 'Germany' },
  13: { firstname: 'Lang', lastname: 'Tekst', company: LONG_COMPANY, jobtitle: LONG_TITLE, city: 'Amsterdam', country: 'Netherlands', lifetime_value: '1e400' },
  14: {
    firstname: '', lastname: null, email: null, phone: null, mobilephone: null, company: '', jobtitle: null, city: null, country: '', website: null, lifecyclestage: null, hs_lead_status: null,
    product_interest: null, newsletter_opt_in: null, contract_renewal_date: null, lifetime_value: null,
  },
  15: { firstname: 'Zoë 🌟', lastname: 'Nguyễn 👩‍💻', company: 'Pizza 🍕 Palace', jobtitle: 'Chief 🚀 Officer', city: 'Hà Nội', country: 'Vietnam 🇻🇳' },
  16: { firstname: '민준', lastname: '김', email: 'minjun.kim@hanbit-soft.example', company: '(주)한빛소프트', phone: '+82 10-1234-5678', jobtitle: '마케팅 팀장', city: '서울', country: 'South Korea' },
  17: { firstname: 'محمد', lastname: 'العلي', email: 'mohammed.alali@alofok-trading.example', company: 'شركة الأفق للتجارة', phone: '+971 50 123 4567', jobtitle: 'مدير المبيعات', city: 'دبي', country: 'United Arab Emirates' },
  18: { firstname: 'נועה', lastname: 'כהן', email: 'noa.cohen@cohen-co.example', company: 'כהן ושות׳ בע״מ', phone: '+972 52-123-4567', city: 'תל אביב-יפו', country: 'Israel' },
  19: { firstname: 'Наталья', lastname: 'Смирнова', email: 'natalya.smirnova@romashka.example', company: 'ООО «Ромашка»', phone: '+7 912 345-67-89', jobtitle: 'Менеджер по продажам', city: 'Москва', country: 'Russia' },
  20: { firstname: 'Γιώργος', lastname: 'Παπαδόπουλος', email: 'giorgos.papadopoulos@ellinika-trofima.example', company: 'Ελληνικά Τρόφιμα Α.Ε.', city: 'Αθήνα', country: 'Greece' },
  21: { firstname: 'प्रिया', lastname: 'शर्मा', email: 'priya.sharma@sharma-enterprises.example', company: 'शर्मा एंटरप्राइज़ेज', city: 'मुंबई', country: 'India' },
  22: { firstname: 'สมชาย', lastname: 'ศรีสุข', email: 'somchai.srisuk@thaitech.example', company: 'บริษัท ไทยเทค จำกัด', city: 'กรุงเทพมหานคร', country: 'Thailand' },
  23: {
    firstname: 'Dana', lastname: 'Everything, "All" at once', company: 'Quote "Inc", Line\nBreak; Semi', jobtitle: '"Quoted"\r\n=cmd|\' /C calc\'!A0', city: 'Austin', country: 'United States',
    lifetime_value: '12,5', contract_renewal_date: '2023-02-30',
  },
  24: { firstname: 'Seán', lastname: "O'Neil-Ní Bhriain", email: "sean.o'neil+crm@example.com", company: 'Café Ünïcödé & Søns, Ltd.', city: 'Cork', country: 'Ireland' },
  // invisible characters before a formula: a spreadsheet drops them and evaluates what follows
  25: { firstname: 'Nora', lastname: 'Nullmann', company: '\u0000=HYPERLINK("http://example.com/x","Click")', jobtitle: '\u0000=1+2', city: 'Hamburg', country: 'Germany' },
  26: {
    firstname: 'Otto', lastname: 'Steuer', company: '\u0001=WEBSERVICE("http://example.com/leak")', jobtitle: '\u0007=1+2', city: '\u0008+1',
    zip: '\u000b-5', website: '\u000c@SUM(A1)', country: '\u001b=1+2', mobilephone: '\u001f=1+2',
  },
  27: { firstname: 'Ida', lastname: 'Zeichen', company: '\ufeff=HYPERLINK("http://example.com/x","Click")', jobtitle: '\u200b=1+2', city: '\u00a0=1+2', country: '\u3000+1', zip: '\u200b\ufeff\u0000=1+2' },
};

/** Constants for E2E tests (present whenever the sandbox has at least 27 contacts). */
export const KNOWN_CONTACTS = {
  /** Latin with accents and a well-known email */
  email: { id: '1', firstname: 'José', lastname: 'Álvarez', email: 'jose.alvarez@acme-sample.example', company: 'Acme Sample, Inc.' },
  /** Chinese name: firstname 芳, lastname 王 ("王芳") */
  nonLatin: { id: '2', firstname: '芳', lastname: '王', email: 'wang.fang@xingchen-tech.example' },
  japanese: { id: '3', firstname: '花子', lastname: '佐藤' },
  korean: { id: '16', firstname: '민준', lastname: '김' },
  arabic: { id: '17', firstname: 'محمد', lastname: 'العلي' },
  hebrew: { id: '18', firstname: 'נועה', lastname: 'כהן' },
  cyrillic: { id: '19', firstname: 'Наталья', lastname: 'Смирнова' },
  greek: { id: '20', firstname: 'Γιώργος', lastname: 'Παπαδόπουλος' },
  devanagari: { id: '21', firstname: 'प्रिया', lastname: 'शर्मा' },
  thai: { id: '22', firstname: 'สมชาย', lastname: 'ศรีสุข' },
} as const;

/** Which hand-written contact carries which hostile value (property name and value). */
export const HOSTILE_CONTACTS = {
  comma: { id: '1', property: 'company', value: 'Acme Sample, Inc.' },
  doubleQuote: { id: '4', property: 'company', value: 'The "Best" Widgets Co.' },
  apostrophe: { id: '4', property: 'lastname', value: "O'Brien" },
  lineFeed: { id: '5', property: 'company', value: 'Northwind Traders\nEurope Division' },
  crlf: { id: '6', property: 'jobtitle', value: 'Responsable\r\ncommercial' },
  leadingEquals: { id: '7', property: 'company', value: '=HYPERLINK("http://x","y")' },
  leadingAt: { id: '8', property: 'company', value: '@SUM(A1)' },
  leadingPlus: { id: '9', property: 'company', value: '+1' },
  ukPhone: { id: '9', property: 'phone', value: '+44 20 7946 0958' },
  leadingMinus: { id: '10', property: 'company', value: '-5' },
  leadingTab: { id: '11', property: 'company', value: '\tTabbed Ltd' },
  leadingZeros: { id: '12', property: 'firstname', value: '007' },
  leadingZerosPhone: { id: '12', property: 'phone', value: '0049 30 1234567' },
  veryLong: { id: '13', property: 'company', value: LONG_COMPANY },
  empty: { id: '14', property: 'firstname', value: '' },
  null: { id: '14', property: 'lastname', value: null },
  emoji: { id: '15', property: 'company', value: 'Pizza 🍕 Palace' },
  rtl: { id: '17', property: 'lastname', value: 'العلي' },
  everything: { id: '23', property: 'company', value: 'Quote "Inc", Line\nBreak; Semi' },
  // a control, format or Unicode space character before = + - @ (spreadsheets skip them)
  nulEquals: { id: '25', property: 'company', value: '\u0000=HYPERLINK("http://example.com/x","Click")' },
  nulFormula: { id: '25', property: 'jobtitle', value: '\u0000=1+2' },
  sohEquals: { id: '26', property: 'company', value: '\u0001=WEBSERVICE("http://example.com/leak")' },
  bellEquals: { id: '26', property: 'jobtitle', value: '\u0007=1+2' },
  backspacePlus: { id: '26', property: 'city', value: '\u0008+1' },
  verticalTabMinus: { id: '26', property: 'zip', value: '\u000b-5' },
  formFeedAt: { id: '26', property: 'website', value: '\u000c@SUM(A1)' },
  escapeEquals: { id: '26', property: 'country', value: '\u001b=1+2' },
  unitSeparatorEquals: { id: '26', property: 'mobilephone', value: '\u001f=1+2' },
  bomEquals: { id: '27', property: 'company', value: '\ufeff=HYPERLINK("http://example.com/x","Click")' },
  zeroWidthSpaceEquals: { id: '27', property: 'jobtitle', value: '\u200b=1+2' },
  noBreakSpaceEquals: { id: '27', property: 'city', value: '\u00a0=1+2' },
  ideographicSpacePlus: { id: '27', property: 'country', value: '\u3000+1' },
  invisibleRunEquals: { id: '27', property: 'zip', value: '\u200b\ufeff\u0000=1+2' },
} as const;

/**
 * Hand-written contacts whose `hubspot_owner_id` has a given kind of owner (see owners.ts); every
 * other contact gets one at random (some none, a few archived or no longer listed).
 */
export const OWNER_CONTACTS = { me: '1', archived: '2', gone: '3', none: '14', unnamed: '16', blank: '17', queue: '19' } as const;

/** Hand-written values in each format the app shows "as HubSpot does" (see HUBSPOT value formats in the README). */
export const VALUE_FORMAT_CONTACTS = {
  leadStatus: { id: '1', property: 'hs_lead_status', value: 'OPEN' },
  staleLeadStatus: { id: '2', property: 'hs_lead_status', value: 'LEGACY_WARM' },
  staleLifecycleStage: { id: '3', property: 'lifecyclestage', value: '1234567' },
  multiSelectOutOfOrder: { id: '1', property: 'product_interest', value: 'support_desk;analytics' },
  multiSelectStale: { id: '3', property: 'product_interest', value: 'analytics;discontinued_fax' },
  boolTrue: { id: '1', property: 'newsletter_opt_in', value: 'true' },
  boolFalse: { id: '2', property: 'newsletter_opt_in', value: 'false' },
  date: { id: '1', property: 'contract_renewal_date', value: '2026-09-30' },
  dateEpochMs: { id: '2', property: 'contract_renewal_date', value: '1572480000000' },
  dateMalformed: { id: '23', property: 'contract_renewal_date', value: '2023-02-30' },
  decimal: { id: '1', property: 'lifetime_value', value: '1234.5' },
  integer: { id: '2', property: 'lifetime_value', value: '17' },
  zero: { id: '3', property: 'lifetime_value', value: '0' },
  numberOverflow: { id: '13', property: 'lifetime_value', value: '1e400' },
  numberComma: { id: '23', property: 'lifetime_value', value: '12,5' },
} as const;

/** Hostile mutations applied at random to a small share (HOSTILE_SHARE) of generated contacts. */
export const HOSTILE_SHARE = 0.03;
const HOSTILE_VALUES: ((rng: Rng, value: string) => string)[] = [
  (_rng, v) => `${v}, Ltd.`,
  (_rng, v) => `"${v}"`,
  (_rng, v) => `${v} "The Best"`,
  (_rng, v) => `${v}\nSecond line`,
  (_rng, v) => `${v}\r\nSecond line`,
  (_rng, v) => `=${v}`,
  () => '=HYPERLINK("http://example.com","click")',
  () => '+1',
  () => '-5',
  () => '@SUM(A1)',
  (_rng, v) => `\t${v}`,
  (rng) => `00${rng.int(90) + 10}`,
  (_rng, v) => `${v} 🎉`,
  (_rng, v) => `${v} ${'lorem ipsum dolor sit amet '.repeat(80)}`.trim(),
  () => '',
];
/** the mutations that keep a value's first character (or empty it, which sorts last) */
const HOSTILE_TAILS = [0, 2, 3, 4, 12, 13, 14].map((i) => HOSTILE_VALUES[i] as (rng: Rng, value: string) => string);

/** Owner ids the generator hands out (from the owner roster); without them contacts have no owner. */
export interface OwnerPool {
  /** the accounts' signed-in users: a quarter of owned contacts */
  me: string[];
  /** other active people */
  people: string[];
  archived: string[];
  /** an id no owner has any more */
  gone: string;
  /** the owner id for a hand-written contact's owner kind */
  byKind: Partial<Record<keyof typeof OWNER_CONTACTS, string>>;
}

export interface ContactGeneratorOptions {
  seed: number;
  total: number;
  /** generated dates lie before this instant (ms) */
  endMs: number;
  owners?: OwnerPool;
}

export interface ContactGenerator {
  readonly seed: number;
  readonly total: number;
  readonly startMs: number;
  readonly endMs: number;
  createdMs(id: number): number;
  modifiedMs(id: number): number;
  /** the smallest id in 1..total whose createdate >= ms (total + 1 when none) */
  firstIdCreatedAtLeast(ms: number): number;
  firstIdModifiedAtLeast(ms: number): number;
  contact(id: number): GeneratedContact;
  /** one property at a time (undefined: no such property), for scans that need only a few */
  reader(id: number): FieldReader;
}

export type FieldReader = (name: string) => string | null | undefined;

/** every property a generated contact has, in this order */
export const GENERATED_PROPERTIES = [
  'firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'jobtitle', 'lifecyclestage', 'hs_lead_status',
  'city', 'country', 'zip', 'website', 'createdate', 'lastmodifieddate', 'notes_last_updated', 'hs_object_id',
  'hubspot_owner_id', 'product_interest', 'newsletter_opt_in', 'contract_renewal_date', 'lifetime_value',
];

/** lead statuses HubSpot no longer offers but old records still carry */
const STALE_LEAD_STATUSES = ['LEGACY_WARM', 'Qualified'];
const PRODUCT_INTERESTS = ['analytics', 'billing', 'support_desk', 'mobile_app', 'api_access'];
const ownerKindOf = new Map(Object.entries(OWNER_CONTACTS).map(([kind, id]) => [Number(id), kind as keyof typeof OWNER_CONTACTS]));

function fill(template: string, rng: Rng): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    out += ch === '#' ? String.fromCharCode(48 + rng.int(10)) : ch;
  }
  return out;
}

const TOTAL_WEIGHT = LOCALES.reduce((sum, l) => sum + l.weight, 0);
function pickLocale(rng: Rng): Locale {
  let r = rng.next() * TOTAL_WEIGHT;
  for (const locale of LOCALES) {
    r -= locale.weight;
    if (r < 0) return locale;
  }
  return LOCALES[0] as Locale;
}

const slugs = new Map<string, string>();
function slug(text: string): string {
  let s = slugs.get(text);
  if (s === undefined) {
    s = asciiFold(text.replace(/[\s&.,'"()]+/g, '-')) || 'company';
    slugs.set(text, s);
  }
  return s;
}

export function createContactGenerator(options: ContactGeneratorOptions): ContactGenerator {
  const { seed, total } = options;
  const endMs = Math.floor(options.endMs);
  const startMs = endMs - HISTORY_MS;
  const n = Math.max(total, 1);
  // createdate runs over [start, end - 5% span], lastmodifieddate over [start + 30% span, end];
  // lastmodifieddate = max(createdate + 1 min, that) keeps both monotonic and modified >= created.
  const createdSlot = (HISTORY_MS * 0.95) / n;
  const modifiedStart = startMs + HISTORY_MS * 0.3;
  const modifiedSlot = (HISTORY_MS * 0.7 - 1000) / n;

  const frac = (id: number, salt: number): number => hash32(seed, id, salt) / 4294967296;
  const createdMs = (id: number): number => startMs + Math.floor((id - 1 + frac(id, 1)) * createdSlot);
  const modifiedMs = (id: number): number =>
    Math.max(createdMs(id) + 60_000, modifiedStart + Math.floor((id - 1 + frac(id, 2)) * modifiedSlot));

  const pool = options.owners;
  /** a hand-written contact's owner kind, else: 12 % none, 3 % archived, 1 % gone, then "me" a quarter of the time */
  const ownerOf = (id: number): string | null => {
    if (!pool) return null;
    const kind = ownerKindOf.get(id);
    if (kind) return pool.byKind[kind] ?? null;
    const g = createRng(hash32(seed, id, 16));
    const roll = g.next();
    if (roll < 0.12) return null;
    if (roll < 0.15) return pool.archived.length > 0 ? g.pick(pool.archived) : null;
    if (roll < 0.16) return pool.gone;
    if (pool.me.length > 0 && g.chance(0.25)) return g.pick(pool.me);
    return pool.people.length > 0 ? g.pick(pool.people) : null;
  };

  const lowerBound = (fn: (id: number) => number, ms: number): number => {
    let lo = 1;
    let hi = total + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fn(mid) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /** reads one property of generated contact `id` at a time, computing only what it needs */
  const reader = (id: number): FieldReader => {
    const rng = (salt: number): Rng => createRng(hash32(seed, id, salt));
    const curated = CURATED[id];
    let localeV: Locale | undefined;
    const locale = (): Locale => (localeV ??= pickLocale(rng(1)));
    let namesV: { first: Named; last: Named } | undefined;
    const names = (): { first: Named; last: Named } => {
      if (!namesV) {
        const g = rng(2);
        const l = locale();
        namesV = { first: g.pick(l.first), last: g.pick(l.last) };
      }
      return namesV;
    };
    let companyV: { company: string | null; domain: string; website: string | null } | undefined;
    const companyInfo = (): { company: string | null; domain: string; website: string | null } => {
      if (companyV) return companyV;
      const g = rng(3);
      const l = locale();
      let company: string | null;
      let domain: string;
      let companyDomain = true;
      const roll = g.next();
      if (roll < 0.15 && l.companies.length > 0) {
        const c = g.pick(l.companies);
        company = c.native;
        domain = `${slug(c.ascii)}.example`;
      } else if (roll < 0.92) {
        const word = g.pick(COMPANY_WORDS);
        const kind = g.pick(COMPANY_KINDS);
        company = `${word}${kind ? ` ${kind}` : ''}${g.pick(COMPANY_SUFFIXES)}`;
        domain = `${slug(`${word}-${kind}`)}.example`;
      } else {
        company = g.chance(0.5) ? null : '';
        domain = g.pick(FREE_MAIL_DOMAINS);
        companyDomain = false;
      }
      const website = companyDomain && g.chance(0.7) ? `https://www.${domain}` : null;
      if (g.chance(0.35)) domain = g.pick(FREE_MAIL_DOMAINS);
      companyV = { company, domain, website };
      return companyV;
    };
    let placeV: { city: string; country: string } | undefined;
    const place = (): { city: string; country: string } => (placeV ??= rng(4).pick(locale().cities));
    let hostileV: { field: string; value: (v: string) => string } | null | undefined;
    const hostile = (): { field: string; value: (v: string) => string } | null => {
      if (hostileV === undefined) {
        const g = rng(5);
        // The table opens sorted by last name: people whose last name starts with A or B fill the
        // first screens and stay ordinary, and a last name keeps its first letter.
        if (g.chance(HOSTILE_SHARE) && !/^[ab]/.test(names().last.ascii)) {
          const field = g.pick(['company', 'jobtitle', 'firstname', 'lastname', 'city']);
          const mutate = field === 'lastname' ? g.pick(HOSTILE_TAILS) : g.pick(HOSTILE_VALUES);
          hostileV = { field, value: (v) => mutate(g, v) };
        } else {
          hostileV = null;
        }
      }
      return hostileV;
    };
    const iso = (ms: number): string => new Date(ms).toISOString();

    const generated = (name: string): string | null | undefined => {
      switch (name) {
        case 'firstname': return names().first.native;
        case 'lastname': return names().last.native;
        case 'email': {
          if (curated && !('email' in curated)) {
            const local = [curated.firstname, curated.lastname].map((v) => asciiFold(v ?? '')).filter(Boolean).join('.');
            return `${local || 'contact'}${id}@example.com`;
          }
          const g = rng(6);
          if (g.chance(0.03)) return null;
          const f = names().first.ascii || 'contact';
          const l = names().last.ascii || 'person';
          const localPart = [`${f}.${l}${id}`, `${f}${l}${id}`, `${f.charAt(0)}${l}${id}`, `${f}_${l}.${id}`, `${l}.${f}${id}`, `${f}${id}`][g.int(6)] as string;
          return `${localPart}@${companyInfo().domain}`;
        }
        case 'phone': {
          const g = rng(7);
          return g.chance(0.12) ? null : fill(g.pick(locale().phones), g);
        }
        case 'mobilephone': {
          const g = rng(8);
          return g.chance(0.6) ? null : fill(g.pick(locale().phones), g);
        }
        case 'company': return companyInfo().company;
        case 'website': return curated ? null : companyInfo().website;
        case 'jobtitle': {
          const g = rng(9);
          return g.chance(0.1) ? null : g.pick(locale().jobtitles);
        }
        case 'lifecyclestage': {
          const g = rng(10);
          return g.chance(0.05) ? null : g.pick(LIFECYCLE_STAGES);
        }
        case 'hs_lead_status': {
          const g = rng(11);
          if (g.chance(0.4)) return null;
          const status = g.pick(LEAD_STATUSES);
          return rng(21).chance(0.015) ? rng(22).pick(STALE_LEAD_STATUSES) : status;
        }
        case 'city': return rng(12).chance(0.05) ? null : place().city;
        case 'country': return rng(13).chance(0.05) ? null : place().country;
        case 'zip': {
          const g = rng(14);
          return g.chance(0.7) ? null : String(g.int(100000)).padStart(5, '0');
        }
        case 'createdate': return iso(createdMs(id));
        case 'lastmodifieddate': return iso(modifiedMs(id));
        case 'notes_last_updated': {
          const g = rng(15);
          if (!g.chance(0.5)) return null;
          const created = createdMs(id);
          return iso(created + Math.floor(g.next() * (modifiedMs(id) - created)));
        }
        case 'hs_object_id': return String(id);
        case 'hubspot_owner_id': return ownerOf(id);
        case 'product_interest': {
          const g = rng(17);
          if (g.chance(0.7)) return null;
          const picked = new Set<string>();
          const count = 1 + g.int(3);
          while (picked.size < count) picked.add(g.pick(PRODUCT_INTERESTS));
          if (g.chance(0.02)) picked.add('discontinued_fax');
          return [...picked].join(';');
        }
        case 'newsletter_opt_in': {
          const g = rng(18);
          return g.chance(0.35) ? null : String(g.chance(0.6));
        }
        case 'contract_renewal_date': {
          const g = rng(19);
          if (g.chance(0.55)) return null;
          const day = Math.floor((createdMs(id) + g.int(3 * 365) * DAY) / DAY) * DAY;
          // older answers carry some dates as epoch milliseconds at midnight UTC
          return g.chance(0.15) ? String(day) : new Date(day).toISOString().slice(0, 10);
        }
        case 'lifetime_value': {
          const g = rng(20);
          if (g.chance(0.5)) return null;
          const whole = g.int(50_000);
          return String(g.chance(0.6) ? whole : whole + g.int(100) / 100);
        }
        default: return undefined;
      }
    };

    const memo = new Map<string, string | null | undefined>();
    return (name: string): string | null | undefined => {
      if (memo.has(name)) return memo.get(name);
      let value: string | null | undefined;
      if (curated && name in curated) {
        value = curated[name];
      } else {
        value = generated(name);
        const h = value === undefined || curated ? null : hostile();
        if (h && h.field === name) value = h.value(value ?? 'Value');
      }
      memo.set(name, value);
      return value;
    };
  };

  const contact = (id: number): GeneratedContact => {
    const read = reader(id);
    const properties: Properties = {};
    for (const name of GENERATED_PROPERTIES) properties[name] = read(name) ?? null;
    return { id: String(id), properties, createdAt: properties.createdate as string, updatedAt: properties.lastmodifieddate as string };
  };

  return {
    seed,
    total,
    startMs,
    endMs,
    createdMs,
    modifiedMs,
    firstIdCreatedAtLeast: (ms) => lowerBound(createdMs, ms),
    firstIdModifiedAtLeast: (ms) => lowerBound(modifiedMs, ms),
    contact,
    reader,
  };
}
