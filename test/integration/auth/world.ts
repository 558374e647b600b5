/**
 * What the auth integration tests share: a real sandbox on real ports, a real temp data directory
 * with a JSON store and an AES-GCM secret box whose key lives elsewhere, a clock the test moves
 * (together with the sandbox's), and a "browser" that does the user's part over HTTP.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createAuthService } from '../../../electron/core/auth/auth-service.ts';
import type { AuthService } from '../../../electron/core/auth/auth-service.ts';
import type { HubSpotConfig } from '../../../electron/core/auth/hubspot-config.ts';
import type { Clock, Logger, SecretBox, Timer } from '../../../electron/core/ports.ts';
import type { AuthState } from '../../../electron/ipc/types.ts';
import { startSandbox } from '../../../sandbox/server.ts';
import type { Sandbox, SandboxOptions } from '../../../sandbox/server.ts';
import { openAesSecretBox } from '../../../electron/preview/aes-secret-box.ts';
import { openJsonFileStore } from '../../../electron/preview/json-file-store.ts';
import { freePorts } from '../../support/free-ports.ts';

export { freePorts };

export const scopes = ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'];

/** Time that only moves when the test says so; moving it moves the sandbox's clock too. */
export class TestClock implements Clock {
  readonly #sandbox: Sandbox;
  #timers = new Set<{ at: number; callback: () => void }>();

  constructor(sandbox: Sandbox) {
    this.#sandbox = sandbox;
  }
  now(): number {
    return this.#sandbox.admin.now();
  }
  setTimeout(callback: () => void, ms: number): Timer {
    const timer = { at: this.now() + ms, callback };
    this.#timers.add(timer);
    // The code under test only hands the handle back to clearTimeout.
    return timer as unknown as Timer;
  }
  clearTimeout(timer: Timer): void {
    this.#timers.delete(timer as unknown as { at: number; callback: () => void });
  }
  advance(ms: number): void {
    this.#sandbox.admin.advanceClock(ms);
    const due = [...this.#timers].filter((timer) => timer.at <= this.now()).sort((a, b) => a.at - b.at);
    for (const timer of due) {
      this.#timers.delete(timer);
      timer.callback();
    }
  }
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}
export function recordingLog(): Logger & { entries: LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  const add = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) => void entries.push({ level, message, fields });
  return { entries, info: add('info'), warn: add('warn'), error: add('error'), text: () => JSON.stringify(entries) };
}

export interface BrowserPage {
  status: number;
  headers: Headers;
  html: string;
}
export type BrowserAction = 'approve' | 'decline' | 'approve-directly' | 'nothing';

/** The user's browser: opens the consent page and clicks (or not), then follows the redirect home. */
export class TestBrowser {
  action: BrowserAction = 'approve';
  /** The HubSpot account to pick on the consent page when the sandbox offers several. */
  account: number | null = null;
  readonly opened: string[] = [];
  #visits: Promise<BrowserPage | null>[] = [];
  readonly #sandbox: Sandbox;

  constructor(sandbox: Sandbox) {
    this.#sandbox = sandbox;
  }

  readonly open = async (url: string): Promise<void> => {
    this.opened.push(url);
    const visit = this.#visit(url, this.action);
    this.#visits.push(visit);
    await visit;
  };

  /** The page the loopback listener showed at the end of the latest visit. */
  async lastPage(): Promise<BrowserPage> {
    const page = await this.#visits.at(-1);
    assert.ok(page, 'the browser was not sent back to Contact Desk');
    return page;
  }

  lastConsentUrl(): URL {
    const url = this.opened.at(-1);
    assert.ok(url, 'no page was opened');
    return new URL(url);
  }

  async #visit(url: string, action: BrowserAction): Promise<BrowserPage | null> {
    if (action === 'nothing') return null;
    if (action === 'approve-directly') return visit(this.codeCallbackUrl(new URL(url)));
    const consent = await fetch(url);
    assert.equal(consent.status, 200, 'the consent page opens');
    const requestId = /name="request_id" value="([^"]+)"/.exec(await consent.text())?.[1];
    assert.ok(requestId, 'the consent page has a form');
    const decision = await fetch(new URL('/oauth/authorize/decision', url), {
      method: 'POST',
      body: new URLSearchParams({
        request_id: requestId,
        decision: action === 'approve' ? 'connect' : 'cancel',
        ...(this.account === null ? {} : { account: String(this.account) }),
      }),
      redirect: 'manual',
    });
    assert.equal(decision.status, 302, 'HubSpot sends the browser back');
    const location = decision.headers.get('location');
    assert.ok(location);
    return visit(location);
  }

  /** What HubSpot would redirect to after "Connect app", built from a consent URL. */
  codeCallbackUrl(consentUrl: URL): string {
    const redirectUri = consentUrl.searchParams.get('redirect_uri') ?? '';
    const state = consentUrl.searchParams.get('state') ?? '';
    const code = this.#sandbox.admin.authorize({ redirectUri, state, codeChallenge: consentUrl.searchParams.get('code_challenge') ?? '' });
    return `${redirectUri}?${new URLSearchParams({ code, state })}`;
  }
}

export async function visit(url: string, init?: RequestInit): Promise<BrowserPage> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

export interface AuthWorld {
  sandbox: Sandbox;
  config: HubSpotConfig;
  dataDir: string;
  keyFile: string;
  clock: TestClock;
  log: ReturnType<typeof recordingLog>;
  browser: TestBrowser;
  focusCount(): number;
  secretBox: SecretBox;
  /** The service under test; `restart()` replaces it with a fresh one on the same data directory. */
  service: AuthService;
  restart(options?: { protection?: 'os' | 'weak'; keyFile?: string }): Promise<AuthService>;
}

export interface WorldOptions {
  sandbox?: SandboxOptions;
  protection?: 'os' | 'weak';
  config?: Partial<HubSpotConfig>;
}

export async function startWorld(t: TestContext, options: WorldOptions = {}): Promise<AuthWorld> {
  const redirectPorts = await freePorts(3);
  const sandbox = await startSandbox({ contacts: 20, redirectUris: redirectPorts.map((port) => `http://localhost:${port}/oauth-callback`), ...options.sandbox });
  const dataDir = await mkdtemp(join(tmpdir(), 'contact-desk-auth-data-'));
  const keyDir = await mkdtemp(join(tmpdir(), 'contact-desk-auth-key-'));
  const services: AuthService[] = [];
  t.after(async () => {
    await Promise.all(services.map((service) => service.dispose()));
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(keyDir, { recursive: true, force: true });
  });

  const config: HubSpotConfig = {
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    scopes,
    redirectPorts,
    authBaseUrl: sandbox.url,
    apiBaseUrl: sandbox.url,
    ...options.config,
  };
  const clock = new TestClock(sandbox);
  const log = recordingLog();
  const browser = new TestBrowser(sandbox);
  let focused = 0;

  const build = async (protection: 'os' | 'weak', keyFile: string) => {
    const secretBox = await openAesSecretBox({ keyFile, protection });
    const service = createAuthService({
      config,
      ports: {
        clock,
        secretBox,
        store: openJsonFileStore(join(dataDir, 'store.json')),
        openInBrowser: browser.open,
        focusApp: () => void focused++,
        log,
      },
    });
    services.push(service);
    return { service, secretBox };
  };

  const keyFile = join(keyDir, 'secret-box.key');
  const first = await build(options.protection ?? 'os', keyFile);
  const world: AuthWorld = {
    sandbox,
    config,
    dataDir,
    keyFile,
    clock,
    log,
    browser,
    focusCount: () => focused,
    secretBox: first.secretBox,
    service: first.service,
    async restart(restartOptions = {}) {
      await world.service.dispose();
      const next = await build(restartOptions.protection ?? options.protection ?? 'os', restartOptions.keyFile ?? keyFile);
      world.service = next.service;
      world.secretBox = next.secretBox;
      return next.service;
    },
  };
  return world;
}

/** Resolves with the first state (current or coming) that has this status. */
export function waitForState<S extends AuthState['status']>(service: AuthService, status: S, timeoutMs = 5_000): Promise<Extract<AuthState, { status: S }>> {
  const current = service.state();
  if (current.status === status) return Promise.resolve(current as Extract<AuthState, { status: S }>);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`auth state stayed ${service.state().status}, expected ${status}`));
    }, timeoutMs);
    const stop = service.onChange((state) => {
      if (state.status !== status) return;
      clearTimeout(timer);
      stop();
      resolve(state as Extract<AuthState, { status: S }>);
    });
  });
}

/** Signs in through the consent page and returns the signed-in state. */
export async function signIn(world: AuthWorld): Promise<Extract<AuthState, { status: 'signed-in' }>> {
  world.browser.action = 'approve';
  await world.service.startSignIn();
  return waitForState(world.service, 'signed-in');
}

/** Whether anything accepts connections on this loopback port. */
export async function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
