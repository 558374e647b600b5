/** The sandbox's mutable state shared by its modules, and its option defaults. */
import { randomBytes } from 'node:crypto';
import { OWNER_CONTACTS, createContactGenerator } from './contacts-data.ts';
import type { OwnerPool } from './contacts-data.ts';
import { ListStore } from './lists.ts';
import { OwnerRoster, ownerLabel } from './owners.ts';
import { contactProperties } from './properties.ts';
import { buildQueryIndex } from './query-index.ts';
import type { QueryMatcher } from './query-index.ts';
import { RequestRecorder } from './recorder.ts';
import type { PropertyDefinition } from './properties.ts';
import { createRng } from './random.ts';
import type { Rng } from './random.ts';
import { RollingLimiter, WindowMax } from './rate-limit.ts';
import { ContactStore } from './store.ts';
import type { SandboxFaults, SandboxOptions, SandboxStats } from './server.ts';

export const DEFAULT_REDIRECT_URIS = [
  'http://localhost:53682/oauth-callback',
  'http://localhost:53683/oauth-callback',
  'http://localhost:53684/oauth-callback',
];
/** What the programmatic "Connect app" grants unless told otherwise: everything Contact Desk asks for. */
export const DEFAULT_SCOPES = ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.objects.owners.read', 'crm.lists.read'];

export interface Account {
  hubId: number;
  domain: string;
  userEmail: string;
  userId: number;
  /** undefined: whatever the app asks for is granted */
  grantedScopes?: string[];
  /** bumped on uninstall: tokens of an older generation are dead */
  generation: number;
}

export interface ResolvedConfig {
  host: string;
  port: number;
  contacts: number;
  seed: number;
  clientId: string;
  clientSecret: string;
  appId: number;
  redirectUris: string[];
  appName: string;
  accessTokenTtlSeconds: number;
  rotateRefreshTokens: boolean;
  authCodeTtlSeconds: number;
  rateLimit: { max: number; intervalMs: number };
  searchRateLimitPerSecond: number;
  maxSearchResults: number;
}

export class Stats {
  requests = 0;
  apiRequests = 0;
  searchRequests = 0;
  tooManyRequests = 0;
  serverErrors = 0;
  byPath: Record<string, number> = {};
  readonly window: WindowMax;
  readonly searchWindow = new WindowMax(1000);

  constructor(intervalMs: number) {
    this.window = new WindowMax(intervalMs);
  }

  snapshot(): SandboxStats {
    return {
      requests: this.requests,
      apiRequests: this.apiRequests,
      searchRequests: this.searchRequests,
      tooManyRequests: this.tooManyRequests,
      serverErrors: this.serverErrors,
      maxInAnyWindow: this.window.max,
      maxSearchInAnySecond: this.searchWindow.max,
      byPath: { ...this.byPath },
    };
  }

  reset(): void {
    this.requests = 0;
    this.apiRequests = 0;
    this.searchRequests = 0;
    this.tooManyRequests = 0;
    this.serverErrors = 0;
    this.byPath = {};
    this.window.reset();
    this.searchWindow.reset();
  }
}

export class SandboxState {
  readonly config: ResolvedConfig;
  readonly accounts: Account[];
  readonly store: ContactStore;
  readonly owners: OwnerRoster;
  readonly lists: ListStore;
  readonly stats: Stats;
  readonly limiter: RollingLimiter;
  readonly searchLimiter: RollingLimiter;
  /** per-server key for the opaque paging cursors */
  readonly cursorKey = randomBytes(32);
  readonly faultRng: Rng;
  /** set with the recordRequests option */
  readonly recorder: RequestRecorder | undefined;
  faults: SandboxFaults;
  latencyMs: number;
  jitterMs: number;
  /** changes reach search this late (HubSpot: "a few moments") */
  searchIndexDelayMs: number;
  /** added to Date.now(): lets tests move the sandbox's clock forward */
  clockOffsetMs = 0;
  /** while paused, the sandbox's time stands still at this instant (it still moves with advanceClock) */
  pausedAt: number | undefined;
  url = '';

  constructor(options: SandboxOptions) {
    const seed = options.seed ?? 1;
    this.config = {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      contacts: Math.max(0, Math.floor(options.contacts ?? 5000)),
      seed,
      clientId: options.clientId ?? 'sandbox-client-id',
      clientSecret: options.clientSecret ?? 'sandbox-client-secret',
      appId: options.appId ?? 4_200_042,
      redirectUris: [...(options.redirectUris ?? DEFAULT_REDIRECT_URIS)],
      appName: options.appName ?? 'Contact Desk (sandbox)',
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 1800,
      rotateRefreshTokens: options.rotateRefreshTokens ?? false,
      authCodeTtlSeconds: 600,
      rateLimit: { ...(options.rateLimit ?? { max: 110, intervalMs: 10_000 }) },
      searchRateLimitPerSecond: options.searchRateLimitPerSecond ?? 5,
      maxSearchResults: 10_000,
    };
    const accounts = options.accounts ?? [{ hubId: 243_000_111, domain: 'acme-sample.hubspot.com', userEmail: 'pat.jones@acme-sample.example' }];
    this.accounts = accounts.map((a, i) => ({
      hubId: a.hubId,
      domain: a.domain,
      userEmail: a.userEmail,
      userId: 71_000_001 + i,
      ...(a.grantedScopes ? { grantedScopes: [...a.grantedScopes] } : {}),
      generation: 0,
    }));
    if (this.accounts.length === 0) throw new Error('startSandbox: at least one account is needed');
    const endMs = options.dataEndTime !== undefined ? new Date(options.dataEndTime).getTime() : startOfUtcDay(Date.now());
    this.owners = new OwnerRoster(seed, this.accounts, endMs, Math.max(0, Math.floor(options.extraOwners ?? 0)));
    this.store = new ContactStore(createContactGenerator({ seed, total: this.config.contacts, endMs, owners: ownerPool(this.owners) }));
    this.lists = new ListStore(seed, this.config.contacts, endMs);
    this.stats = new Stats(this.config.rateLimit.intervalMs);
    this.limiter = new RollingLimiter(this.config.rateLimit.max, this.config.rateLimit.intervalMs);
    this.searchLimiter = new RollingLimiter(this.config.searchRateLimitPerSecond, 1000);
    this.faultRng = createRng(seed ^ 0x5eed);
    this.faults = { ...(options.faults ?? {}) };
    this.latencyMs = options.latencyMs ?? 0;
    this.jitterMs = options.jitterMs ?? 0;
    this.searchIndexDelayMs = options.searchIndexDelayMs ?? 0;
    this.recorder = options.recordRequests ? new RequestRecorder() : undefined;
  }

  now(): number {
    return this.pausedAt ?? Date.now() + this.clockOffsetMs;
  }

  private queryIndexBuild: Promise<QueryMatcher> | undefined;

  /** the index of the generated contacts for `query` searches, made on first use (see query-index.ts) */
  queryIndex(): Promise<QueryMatcher> {
    const { seed, total, endMs } = this.store.generator;
    this.queryIndexBuild ??= buildQueryIndex({ seed, total, endMs }).catch((error: unknown) => {
      this.queryIndexBuild = undefined;
      throw error;
    });
    return this.queryIndexBuild;
  }

  /** stops the query index's worker, if any */
  close(): void {
    void this.queryIndexBuild?.then((index) => index.close(), () => {});
  }

  /** the contact property list as served (hubspot_owner_id's options follow the owners) */
  properties(): PropertyDefinition[] {
    return contactProperties(this.owners.list(false).map((o) => ({ value: o.id, label: ownerLabel(o) })));
  }

  account(hubId?: number): Account {
    if (hubId === undefined) return this.accounts[0] as Account;
    const found = this.accounts.find((a) => a.hubId === hubId);
    if (!found) throw new Error(`No sandbox account with hubId ${hubId}`);
    return found;
  }
}

function ownerPool(roster: OwnerRoster): OwnerPool {
  const byKind: OwnerPool['byKind'] = {};
  for (const kind of Object.keys(OWNER_CONTACTS) as (keyof typeof OWNER_CONTACTS)[]) {
    // the first owner of that kind; 'none' stays without owner
    const id = kind === 'none' ? undefined : roster.idsWithRole(kind)[0];
    if (id !== undefined) byKind[kind] = id;
  }
  return {
    me: roster.idsWithRole('me'),
    people: roster.idsWithRole('person'),
    archived: roster.idsWithRole('archived'),
    gone: roster.goneOwnerId,
    byKind,
  };
}

function startOfUtcDay(ms: number): number {
  return ms - (ms % 86_400_000);
}
