/**
 * A sandbox, a signed-in token source, the real HubSpot client and a real cache in a temp folder,
 * torn down after the test. Fast by default (no latency, limits far above what the tests use) so
 * that each test only pays for what it is about.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { openContactsCache } from '../../../electron/core/contacts/cache.ts';
import type { ContactsCache, ContactsCacheOptions, RowsOptions } from '../../../electron/core/contacts/cache.ts';
import { rows } from '../../../electron/core/contacts/cache-queries.ts';
import { openReader } from '../../../electron/core/contacts/cache-reader.ts';
import { createSyncService } from '../../../electron/core/contacts/sync.ts';
import type { SyncService, SyncServiceOptions } from '../../../electron/core/contacts/sync.ts';
import { syncedPropertyList } from '../../../electron/core/contacts/synced-properties.ts';
import { createTokenSession, sessionTokensFrom } from '../../../electron/core/auth/session.ts';
import type { TokenSession } from '../../../electron/core/auth/session.ts';
import { createTokenClient } from '../../../electron/core/auth/token-client.ts';
import type { IssuedTokens } from '../../../electron/core/auth/token-client.ts';
import type { SessionTokens } from '../../../electron/core/auth/token-store.ts';
import { createHubSpotClient } from '../../../electron/core/hubspot/client.ts';
import type { HubSpotClient, HubSpotClientOptions } from '../../../electron/core/hubspot/client.ts';
import { systemClock } from '../../../electron/core/ports.ts';
import type { Logger } from '../../../electron/core/ports.ts';
import { startSandbox } from '../../../sandbox/server.ts';
import type { Sandbox, SandboxOptions } from '../../../sandbox/server.ts';
import { signInToSandbox } from '../../support/sandbox-tokens.ts';
import type { SandboxTokens } from '../../support/sandbox-tokens.ts';

export const fastLimits = { rateLimit: { max: 100_000, intervalMs: 10_000 }, searchRateLimitPerSecond: 1000 } satisfies SandboxOptions;
/** Retries without the real delays: the tests are about whether they happen, not how long they wait. */
export const quickRetry = { baseDelayMs: 5, maxDelayMs: 50 };

export interface RecordingLogger extends Logger {
  lines: { level: string; message: string; fields?: Record<string, unknown> }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

export interface World {
  sandbox: Sandbox;
  tokens: SandboxTokens;
  client: HubSpotClient;
  cache: ContactsCache;
  dir: string;
  dbPath: string;
  log: RecordingLogger;
  sync(options?: Partial<SyncServiceOptions>): SyncService;
}

export async function createWorld(
  t: TestContext,
  sandboxOptions: SandboxOptions = {},
  clientOptions: Partial<HubSpotClientOptions> = {},
  cacheOptions: ContactsCacheOptions = {},
): Promise<World> {
  const merged = { ...fastLimits, ...sandboxOptions };
  const sandbox = await startSandbox(merged);
  t.after(() => sandbox.close());
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-sync-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = join(dir, 'contacts.sqlite');
  const cache = openContactsCache(dbPath, cacheOptions);
  t.after(() => cache.close());
  const tokens = await signInToSandbox(sandbox);
  const log = recordingLogger();
  // the client starts from the limits the sandbox enforces (HubSpot's own defaults unless a test says otherwise)
  const limits = { max: merged.rateLimit.max, intervalMs: merged.rateLimit.intervalMs, searchPerSecond: merged.searchRateLimitPerSecond };
  const client = createHubSpotClient({ baseUrl: sandbox.url, tokens, log, retry: quickRetry, limits, ...clientOptions });
  const services: SyncService[] = [];
  t.after(async () => {
    for (const service of services) await service.dispose();
  });
  return {
    sandbox,
    tokens,
    client,
    cache,
    dir,
    dbPath,
    log,
    sync(options = {}) {
      const service = createSyncService({ client, cache, clock: systemClock, log, ...options });
      services.push(service);
      return service;
    },
  };
}

type Refresh = (refreshToken: string) => Promise<IssuedTokens>;

/**
 * The app's own token session (electron/core/auth/session.ts) with its token client, started from
 * the world's sign-in, and a HubSpot client that takes its tokens from it: a sync through these
 * refreshes expiring tokens the way the app does. `aroundRefresh`: what the session's refreshes go
 * through (a test's moment of HubSpot being down).
 */
export async function appSession(world: World, tokenLifetimeSeconds: number, aroundRefresh: (refresh: Refresh) => Refresh = (refresh) => refresh): Promise<{ session: TokenSession; client: HubSpotClient; persisted: SessionTokens[] }> {
  const { sandbox } = world;
  const tokenClient = createTokenClient({ config: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, authBaseUrl: sandbox.url, apiBaseUrl: sandbox.url }, log: world.log });
  const persisted: SessionTokens[] = [];
  const session = createTokenSession({
    clock: systemClock,
    log: world.log,
    refresh: aroundRefresh((refreshToken) => tokenClient.refresh(refreshToken)),
    persist: async (tokens) => void persisted.push(tokens),
    onRevoked: (error) => world.log.error('signed out', { kind: error.kind }),
  });
  // as if the world's sign-in had been the app's (the lifetime is the sandbox's accessTokenTtlSeconds)
  session.begin(sessionTokensFrom({ accessToken: await world.tokens.accessToken(), refreshToken: world.tokens.refreshToken(), expiresInSeconds: tokenLifetimeSeconds }, Date.now()));
  const { max, intervalMs } = world.client.limits().general;
  const client = createHubSpotClient({ baseUrl: sandbox.url, tokens: session, log: world.log, retry: quickRetry, limits: { max, intervalMs, searchPerSecond: world.client.limits().search.max } });
  return { session, client, persisted };
}

/** Every committed row of the cache file, read on a connection of its own (as the export reads). */
export function cachedRows(dbPath: string, options: RowsOptions): (string | null)[][] {
  const reader = openReader(dbPath);
  try {
    return [...rows(reader, options)];
  } finally {
    reader.close();
  }
}

/** The cache file holds exactly the sandbox's live contacts, with the same values, once each. */
export function assertCacheMatchesSandbox(world: { dbPath: string; sandbox: Sandbox }, extraProperties: string[] = []): void {
  const { sandbox } = world;
  const properties = syncedPropertyList(extraProperties).filter((name) => name !== 'hs_object_id');
  const cached = cachedRows(world.dbPath, { columns: ['hs_object_id', ...properties], search: '' });
  const expected = [...sandbox.admin.allContacts()].map((c) => [c.id, ...properties.map((name) => c.properties[name] ?? null)]);
  assert.equal(cached.length, expected.length, 'as many contacts as the sandbox has');
  assert.equal(new Set(cached.map((row) => row[0])).size, cached.length, 'no contact twice');
  for (let i = 0; i < expected.length; i++) {
    if (JSON.stringify(cached[i]) !== JSON.stringify(expected[i])) assert.deepEqual(cached[i], expected[i], `contact at position ${i}`);
  }
}

/** No log line carries a token. */
export function assertNoTokensLogged(log: RecordingLogger, tokens: string[]): void {
  const text = JSON.stringify(log.lines);
  for (const token of tokens) if (token) assert.equal(text.includes(token), false, 'a token was logged');
}
