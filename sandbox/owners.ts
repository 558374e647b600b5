/**
 * HubSpot's owners (the users and queues records can be assigned to): a small roster made from the
 * seed and the sandbox's accounts, its admin changes, and `GET /crm/owners/{2026-03,v3}[/{id}]`.
 *
 * The roster always has, in this order: one owner per sandbox account whose `userId` and email are
 * that account's signed-in user ("me"), ordinary people in several scripts (some in teams), one
 * with no name fields at all, one whose names are empty strings, a QUEUE, and two archived
 * (deactivated) people. `goneOwnerId` is an id that contacts still point at but no owner has.
 */
import type { ServerResponse } from 'node:http';
import { decodeCursorOf, encodeCursor } from './cursor.ts';
import { HttpError, apiError, sendJson } from './http-util.ts';
import { LOCALES } from './locales.ts';
import { createRng, hash32 } from './random.ts';
import type { Account } from './state.ts';

export interface OwnerTeam {
  id: string;
  name: string;
  primary: boolean;
}

export interface SandboxOwner {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  userId?: number;
  userIdIncludingInactive?: number;
  type: 'PERSON' | 'QUEUE';
  teams?: OwnerTeam[];
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What a hand-written contact's owner is, by role; resolved to an id once the roster exists. */
export type OwnerRole = 'me' | 'person' | 'unnamed' | 'blank' | 'queue' | 'archived' | 'gone';

export const OWNERS_MAX_LIMIT = 500;
const OWNERS_DEFAULT_LIMIT = 100;
const OWNERS_CURSOR = 'owners';

const TEAMS = {
  emea: { id: '4100201', name: 'Sales EMEA' },
  apac: { id: '4100202', name: 'Sales APAC' },
  support: { id: '4100203', name: 'Customer Success' },
};

interface RosterEntry {
  first?: string;
  last?: string;
  email?: string;
  role: Exclude<OwnerRole, 'me' | 'gone'>;
  teams?: OwnerTeam[];
}

const ROSTER: RosterEntry[] = [
  { first: 'María', last: 'García', email: 'maria.garcia@acme-sample.example', role: 'person', teams: [{ ...TEAMS.emea, primary: true }] },
  { first: '伟', last: '李', email: 'li.wei@acme-sample.example', role: 'person', teams: [{ ...TEAMS.apac, primary: true }] },
  { first: 'Aisha', last: 'Khan', email: 'aisha.khan@acme-sample.example', role: 'person', teams: [{ ...TEAMS.emea, primary: true }, { ...TEAMS.support, primary: false }] },
  { first: 'Jonas', last: 'Müller', email: 'jonas.mueller@acme-sample.example', role: 'person', teams: [{ ...TEAMS.emea, primary: true }] },
  { first: 'Kenji', last: 'Tanaka', email: 'kenji.tanaka@acme-sample.example', role: 'person', teams: [{ ...TEAMS.apac, primary: true }] },
  { first: 'Chloé', last: 'Dubois', email: 'chloe.dubois@acme-sample.example', role: 'person' },
  { first: 'Noah', last: 'Williams', email: 'noah.williams@acme-sample.example', role: 'person', teams: [{ ...TEAMS.support, primary: true }] },
  { email: 'ops-automation@acme-sample.example', role: 'unnamed' },
  { first: '', last: '', email: 'k.nguyen@acme-sample.example', role: 'blank' },
  { first: 'Inbound leads', role: 'queue' },
  { first: 'Peter', last: 'Schmidt', email: 'peter.schmidt@acme-sample.example', role: 'archived', teams: [{ ...TEAMS.emea, primary: true }] },
  { first: 'Olivia', last: 'Brown', email: 'olivia.brown@acme-sample.example', role: 'archived' },
];

/** more active people for big portals: names from the contact locales, emails made unique by number */
function extraRoster(seed: number, count: number): RosterEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const rng = createRng(hash32(seed, i, 0x0e0e));
    const locale = rng.pick(LOCALES);
    const first = rng.pick(locale.first);
    const last = rng.pick(locale.last);
    return { first: first.native, last: last.native, email: `${first.ascii || 'owner'}.${last.ascii || 'sales'}.${i + 1}@acme-sample.example`, role: 'person' };
  });
}

/** "pat.jones@x" → Pat / Jones: the signed-in user's owner record carries a name like HubSpot's */
function namesFromEmail(email: string): { first: string; last: string } {
  const [first = '', last = ''] = (email.split('@')[0] ?? '').split(/[._-]+/);
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  return { first: cap(first), last: cap(last) };
}

export class OwnerRoster {
  /** by id, in ascending numeric id order once sorted */
  private readonly owners = new Map<string, SandboxOwner>();
  private readonly roles = new Map<string, OwnerRole>();
  readonly goneOwnerId: string;

  constructor(seed: number, accounts: readonly Account[], endMs: number, extraPeople = 0) {
    // 8-digit ids like HubSpot's, fixed per seed, ascending in roster order
    const base = 30_000_000 + (hash32(seed, 0x0a11) % 5_000_000) * 10;
    const at = (i: number, salt: number): string => new Date(endMs - 900 * 86_400_000 + (i % 21) * 41 * 86_400_000 + (hash32(seed, i, salt) % 86_400_000)).toISOString();
    let i = 0;
    const add = (owner: Omit<SandboxOwner, 'id' | 'createdAt' | 'updatedAt'>, role: OwnerRole): void => {
      const id = String(base + i * 137);
      this.owners.set(id, { id, ...owner, createdAt: at(i, 1), updatedAt: at(i, 2) < at(i, 1) ? at(i, 1) : at(i, 2) });
      this.roles.set(id, role);
      i++;
    };
    for (const account of accounts) {
      const { first, last } = namesFromEmail(account.userEmail);
      add({ email: account.userEmail, firstName: first, lastName: last, userId: account.userId, userIdIncludingInactive: account.userId, type: 'PERSON', teams: [{ ...TEAMS.emea, primary: true }], archived: false }, 'me');
    }
    for (const entry of [...ROSTER.filter((e) => e.role !== 'archived'), ...extraRoster(seed, extraPeople), ...ROSTER.filter((e) => e.role === 'archived')]) {
      const userId = 72_000_000 + (hash32(seed, i, 3) % 900_000);
      const person = entry.role !== 'queue';
      add({
        ...(entry.email !== undefined ? { email: entry.email } : {}),
        ...(entry.first !== undefined ? { firstName: entry.first } : {}),
        ...(entry.last !== undefined ? { lastName: entry.last } : {}),
        // a deactivated user keeps only userIdIncludingInactive
        ...(person && entry.role !== 'archived' ? { userId } : {}),
        ...(person ? { userIdIncludingInactive: userId } : {}),
        type: person ? 'PERSON' : 'QUEUE',
        ...(entry.teams ? { teams: entry.teams } : {}),
        archived: entry.role === 'archived',
      }, entry.role);
    }
    // below every id the roster hands out, so never one of them
    this.goneOwnerId = String(base - 7);
  }

  /** active or archived owners, by ascending id */
  list(archived: boolean): SandboxOwner[] {
    return [...this.owners.values()].filter((o) => o.archived === archived).sort((a, b) => Number(a.id) - Number(b.id));
  }

  get(id: string): SandboxOwner | undefined {
    return this.owners.get(id);
  }

  /** owner ids by role, as they were made (archiving later does not move them) */
  idsWithRole(role: OwnerRole): string[] {
    if (role === 'gone') return [this.goneOwnerId];
    return [...this.roles].filter(([, r]) => r === role).map(([id]) => id);
  }

  /** the owner standing for an account's signed-in user */
  ownerOfUser(userId: number): SandboxOwner | undefined {
    return [...this.owners.values()].find((o) => o.userId === userId);
  }

  archive(id: string, nowMs: number): SandboxOwner {
    const owner = this.require(id);
    if (!owner.archived) {
      const { userId: _userId, ...rest } = owner;
      this.owners.set(id, { ...rest, archived: true, updatedAt: new Date(nowMs).toISOString() });
    }
    return this.owners.get(id) as SandboxOwner;
  }

  /** gone from every answer: contacts that point at it now point at an id no longer listed */
  remove(id: string): void {
    this.require(id);
    this.owners.delete(id);
  }

  private require(id: string): SandboxOwner {
    const owner = this.owners.get(id);
    if (!owner) throw new Error(`No sandbox owner with id ${id}`);
    return owner;
  }
}

/** The label HubSpot's `hubspot_owner_id` property shows for an owner: its name, else its email. */
export function ownerLabel(owner: SandboxOwner): string {
  const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ');
  return name || owner.email || owner.id;
}

function badRequest(message: string, context?: Record<string, string[]>): HttpError {
  return new HttpError(400, apiError(400, message, 'VALIDATION_ERROR', context ? { context } : {}));
}

function archivedParam(url: URL): boolean {
  const raw = url.searchParams.get('archived');
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw badRequest(`archived must be true or false, got ${JSON.stringify(raw)}.`, { archived: [raw] });
}

function limitParam(url: URL): number {
  const raw = url.searchParams.get('limit');
  if (raw === null || raw === '') return OWNERS_DEFAULT_LIMIT;
  const limit = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= OWNERS_MAX_LIMIT)) throw badRequest(`limit must be a whole number from 1 to ${OWNERS_MAX_LIMIT}, got ${JSON.stringify(raw)}.`, { limit: [raw] });
  return limit;
}

/** GET /crm/owners/{v}: `after`, `limit`, `email`, `archived` (true: only archived owners) */
export function handleOwnerList(roster: OwnerRoster, cursorKey: Buffer, baseUrl: string, url: URL, res: ServerResponse, headers: Record<string, string>): void {
  const archived = archivedParam(url);
  const limit = limitParam(url);
  const email = url.searchParams.get('email');
  let afterId = 0;
  const after = url.searchParams.get('after');
  if (after !== null && after !== '') {
    const cursor = decodeCursorOf(cursorKey, after, OWNERS_CURSOR);
    if (!cursor || cursor.a !== archived) throw badRequest('The paging cursor (after) is not valid. Use paging.next.after exactly as returned.', { after: [after] });
    afterId = cursor.id;
  }
  const matching = roster.list(archived).filter((o) => Number(o.id) > afterId && (email === null || email === '' || o.email?.toLowerCase() === email.toLowerCase()));
  const page = matching.slice(0, limit);
  const body: Record<string, unknown> = { results: page };
  const last = page[page.length - 1];
  if (matching.length > limit && last) {
    const next = encodeCursor(cursorKey, { id: Number(last.id), a: archived, k: OWNERS_CURSOR });
    const link = new URL(url.pathname, baseUrl);
    link.searchParams.set('after', next);
    link.searchParams.set('limit', String(limit));
    if (email) link.searchParams.set('email', email);
    if (archived) link.searchParams.set('archived', 'true');
    body.paging = { next: { after: next, link: link.toString() } };
  }
  sendJson(res, 200, body, headers);
}

/** GET /crm/owners/{v}/{ownerId}?idProperty=id|userId&archived= */
export function handleOwnerGet(roster: OwnerRoster, ownerId: string, url: URL, res: ServerResponse, headers: Record<string, string>): void {
  const archived = archivedParam(url);
  const idProperty = url.searchParams.get('idProperty') ?? 'id';
  if (idProperty !== 'id' && idProperty !== 'userId') throw badRequest(`idProperty must be id or userId, got ${JSON.stringify(idProperty)}.`, { idProperty: [idProperty] });
  const owners = roster.list(archived);
  const found = idProperty === 'id'
    ? owners.find((o) => o.id === ownerId)
    : owners.find((o) => /^\d+$/.test(ownerId) && (o.userId ?? o.userIdIncludingInactive) === Number(ownerId));
  if (!found) throw new HttpError(404, apiError(404, `Owner with ${idProperty} ${ownerId} not found.`, 'OBJECT_NOT_FOUND', { context: { [idProperty]: [ownerId] } }));
  sendJson(res, 200, found, headers);
}
