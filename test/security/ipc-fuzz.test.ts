/**
 * IPC fuzzing: every channel of the contract, on the real router in front of the real services
 * (temp data folder, the sandbox over HTTP), gets malformed, oversized and wrong-typed input. Each
 * call must answer a plain bad-input error value — never reach a handler, never throw, never hang —
 * and the app must keep answering afterwards.
 *
 * Inputs are what Electron's IPC can carry (structured clone: no functions or symbols); the preload
 * turns anything else into an error before it leaves the page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxEnvironment, loadConfig } from '../../electron/core/config.ts';
import { createFileLogger } from '../../electron/core/log/file-logger.ts';
import { systemClock, type Ports } from '../../electron/core/ports.ts';
import { createServices, type ResolvedConfig } from '../../electron/core/services.ts';
import { channelNames, channels, type ChannelName } from '../../electron/ipc/contract.ts';
import { createRouter } from '../../electron/core/ipc-router.ts';
import { startSandbox } from '../../sandbox/server.ts';
import { aesSecretBox } from '../../electron/preview/aes-secret-box.ts';
import { openJsonFileStore } from '../../electron/preview/json-file-store.ts';

const scheduleDefinition = {
  when: { every: 'week', days: ['mon', 'thu'], time: '08:00' },
  folder: join(tmpdir(), 'team-folder'),
  fileName: 'Contacts - {view} - {yyyy-MM-dd}',
  keep: 'replace-last',
  syncFirst: true,
  export: { viewId: 'all-contacts', columns: ['firstname', 'email'], header: 'labels', format: 'csv', values: 'shown', excelFriendly: true, delimiter: ',' },
};

/** One valid input per channel: the fuzzer breaks each in every way it knows. A new channel needs one here. */
const validInputs: Record<ChannelName, unknown> = {
  getAppInfo: undefined,
  getAuthState: undefined,
  startSignIn: undefined,
  cancelSignIn: undefined,
  reopenSignInPage: undefined,
  rememberSignIn: { remember: true },
  signOut: { deleteCachedContacts: false },
  getContactsSummary: undefined,
  queryContacts: { search: 'acme', sort: { column: 'lastname', direction: 'asc' }, columns: ['firstname', 'email'], offset: 0, limit: 50 },
  listProperties: undefined,
  syncNow: undefined,
  cancelSync: undefined,
  getSyncProgress: undefined,
  startExport: { columns: ['email', 'firstname'], scope: 'view', search: 'acme', header: 'labels', format: 'xlsx', values: 'stored', excelFriendly: true, delimiter: ';' },
  cancelExport: { exportId: 'export-1' },
  showExportInFolder: { exportId: 'export-1' },
  getViews: undefined,
  saveView: {
    name: 'My customers',
    definition: {
      filters: [
        { kind: 'owner', owners: ['me', '101'] },
        { kind: 'date', property: 'createdate', range: { from: '2026-01-01', to: '2026-03-31' } },
      ],
      search: 'acme',
      columns: ['firstname', 'email'],
      sort: { column: 'lastname', direction: 'asc' },
    },
  },
  updateView: { id: 'all-contacts', name: 'Renamed' },
  deleteView: { id: 'all-contacts' },
  useView: { id: 'all-contacts' },
  getFilterChoices: undefined,
  refreshLists: undefined,
  fetchListMembers: { listId: '11' },
  getStatus: undefined,
  checkConnection: undefined,
  getCacheStatus: undefined,
  reopenCache: undefined,
  getSettings: undefined,
  updateSettings: { checkIntervalMinutes: 10, closeToTray: false, visibleColumns: ['email'], extraSyncedProperties: ['city'] },
  getOpenAtLogin: undefined,
  setOpenAtLogin: { enabled: true },
  claimOpenAtLoginOffer: undefined,
  // Scheduled exports (issue 17)
  getSchedules: undefined,
  saveSchedule: { definition: scheduleDefinition },
  updateSchedule: { id: 'schedule-1', definition: scheduleDefinition },
  deleteSchedule: { id: 'schedule-1' },
  runScheduleNow: { id: 'schedule-1' },
  pauseSchedule: { id: 'schedule-1', paused: true },
  chooseScheduleFolder: undefined,
  showScheduleFile: { id: 'schedule-1' },
};

/** Channels whose every field is optional: leaving one out is not malformed. */
const allFieldsOptional = new Set<ChannelName>(['updateSettings']);

const huge = 'x'.repeat(5 * 1024 * 1024);
const deep = (() => {
  let value: unknown = 'bottom';
  for (let level = 0; level < 5_000; level += 1) value = { next: value };
  return value;
})();

/** Wrong in type, shape or size for any input of the contract. */
const hostileValues: [string, unknown][] = [
  ['null', null],
  ['zero', 0],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['true', true],
  ['a string', 'hello'],
  ['a bigint', 10n],
  ['an empty array', []],
  ['an array of numbers', [1, 2, 3]],
  ['an empty object', {}],
  ['a Date', new Date(0)],
  ['a Map', new Map([['remember', true]])],
  ['a Set', new Set(['email'])],
  ['a RegExp', /x/],
  ['bytes', new Uint8Array(1024)],
  ['a 5 MB string', huge],
  ['a million-element array', new Array(1_000_000).fill('email')],
  ['5,000 levels of nesting', deep],
  ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}}')],
  ['a constructor key', { constructor: { prototype: { polluted: true } } }],
];

/** Every way to break one field of a valid input, whatever its type. */
function fieldBreakers(value: unknown): [string, unknown][] {
  const wrongTypes = hostileValues.filter(([, hostile]) => typeof hostile !== typeof value || Array.isArray(hostile) !== Array.isArray(value) || hostile === null);
  const specific: [string, unknown][] =
    typeof value === 'string'
      ? [['an oversized string', 'a'.repeat(100_001)], ['a string with a NUL byte and quotes', `${value}\0'; DROP TABLE contacts; --`.repeat(40)]]
      : typeof value === 'number'
        ? [['a negative number', -1], ['a fraction', 1.5], ['a huge number', 1e15], ['a numeric string', String(value)]]
        : Array.isArray(value)
          ? [['an oversized array', new Array(100_000).fill(value[0])], ['an array of wrong items', [value[0], 42, null]], ['an array of bad names', ['email; DROP TABLE contacts']]]
          : [];
  return [...wrongTypes, ...specific];
}

/** Malformed variants of a valid input, each with a name saying how it is broken. */
function* malformed(name: ChannelName): Generator<[string, unknown]> {
  const valid = validInputs[name];
  if (valid === undefined) {
    yield* hostileValues;
    return;
  }
  yield* hostileValues.filter(([, hostile]) => typeof hostile !== 'object' || hostile === null || Array.isArray(hostile) || !(hostile.constructor === Object && Object.keys(hostile).length === 0 && allFieldsOptional.has(name)));
  yield ['an unknown extra field', { ...(valid as object), isAdmin: true }];
  yield ['an own __proto__ field', Object.assign(JSON.parse('{"__proto__": {"isAdmin": true}}') as object, valid)];
  yield* breakFields(valid as Record<string, unknown>, name, []);
}

function* breakFields(object: Record<string, unknown>, name: ChannelName, path: string[]): Generator<[string, unknown]> {
  const wrap = (build: (copy: Record<string, unknown>) => void): unknown => {
    const top = structuredClone(validInputs[name]) as Record<string, unknown>;
    let target = top;
    for (const key of path) target = target[key] as Record<string, unknown>;
    build(target);
    return top;
  };
  for (const [key, value] of Object.entries(object)) {
    const where = [...path, key].join('.');
    if (!allFieldsOptional.has(name)) yield [`${where} missing`, wrap((copy) => delete copy[key])];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      yield* breakFields(value as Record<string, unknown>, name, [...path, key]);
      continue;
    }
    for (const [how, broken] of fieldBreakers(value)) yield [`${where}: ${how}`, wrap((copy) => (copy[key] = broken))];
  }
}

test('every channel answers malformed input with a bad-input error, and keeps answering', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-ipc-fuzz-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const sandbox = await startSandbox({ contacts: 20 });
  t.after(() => sandbox.close());

  const config = loadConfig({ env: sandboxEnvironment(sandbox), defaultDataDir: join(dir, 'data') }) as ResolvedConfig;
  const log = createFileLogger({ dir: join(dir, 'logs') });
  const ports: Ports = {
    dataDir: config.dataDir,
    clock: systemClock,
    secretBox: aesSecretBox(randomBytes(32)),
    store: openJsonFileStore(join(dir, 'data', 'store.json')),
    openInBrowser: async () => assert.fail('a malformed call reached a handler that opens the browser'),
    chooseExportTarget: async () => assert.fail('a malformed call reached a handler that asks where to save'),
    showInFolder: () => assert.fail('a malformed call reached showInFolder'),
    focusApp: () => {},
    notify: () => {},
    loginItem: { read: async () => ({ enabled: false }), write: async () => assert.fail('a malformed call reached the login item') },
    log,
  };
  const services = createServices(config, ports, { version: '0.0.0-fuzz', shell: 'desktop' });
  t.after(() => services.dispose());
  await services.start();
  const dispatch = createRouter(services.handlers, log);

  assert.deepEqual(Object.keys(validInputs).sort(), [...channelNames].sort(), 'every channel has a valid input to break');
  for (const name of channelNames) assert.ok(channels[name].input.safeParse(validInputs[name]).success, `the valid input for ${name} is valid`);

  const settingsBefore = JSON.stringify(services.settings());
  let calls = 0;
  const problems: string[] = [];
  for (const name of channelNames) {
    for (const [how, input] of malformed(name)) {
      const started = performance.now();
      const result = await dispatch(name, input);
      const elapsed = Math.round(performance.now() - started);
      calls += 1;
      const label = `${name} with ${how}`;
      if (result.ok) problems.push(`${label} was accepted`);
      else if (result.error.kind !== 'bad-input') problems.push(`${label} answered ${result.error.kind}: ${result.error.message.slice(0, 200)}`);
      else if (result.error.message.length > 400) problems.push(`${label}: a ${result.error.message.length}-character message is no plain sentence`);
      if (elapsed > 2_000) problems.push(`${label} took ${elapsed} ms`);
    }
  }
  t.diagnostic(`${calls} malformed calls over ${channelNames.length} channels`);
  assert.deepEqual(problems, []);

  for (const unknown of ['nope', '__proto__', 'constructor', 'hasOwnProperty', 'getAppInfo ', 'GETAPPINFO', huge]) {
    const result = await dispatch(unknown, undefined);
    assert.ok(!result.ok && result.error.kind === 'bad-input', `unknown channel ${unknown.slice(0, 20)}`);
  }

  assert.equal(JSON.stringify(services.settings()), settingsBefore, 'no malformed call changed a setting');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
  assert.equal(({} as Record<string, unknown>).isAdmin, undefined, 'no prototype was polluted');
  const info = await dispatch('getAppInfo', undefined);
  assert.ok(info.ok, 'the app still answers');

  const logText = readdirSync(join(dir, 'logs')).map((file) => readFileSync(join(dir, 'logs', file), 'utf8')).join('');
  assert.match(logText, /ipc: rejected malformed input/);
  assert.ok(!logText.includes(sandbox.clientSecret), 'the client secret never reaches the log');
});

test('non-plain objects are refused where every field is optional', async () => {
  const dispatch = createRouter(
    Object.fromEntries(channelNames.map((name) => [name, async () => 'reached the handler'])) as unknown as Parameters<typeof createRouter>[0],
    { info() {}, warn() {}, error() {} },
  );
  for (const input of [new Date(0), new Map(), new Set(), /x/]) {
    const result = await dispatch('updateSettings', input);
    assert.ok(!result.ok && result.error.kind === 'bad-input', `updateSettings accepted ${Object.prototype.toString.call(input)}`);
  }
});

test('view filters: unknown operators, wrong types and huge arrays never reach the views service', async () => {
  let reached = 0;
  const dispatch = createRouter(
    Object.fromEntries(channelNames.map((name) => [name, async () => (reached += 1)])) as unknown as Parameters<typeof createRouter>[0],
    { info() {}, warn() {}, error() {} },
  );
  const view = (filters: unknown) => ({ name: 'Hostile', definition: { filters, search: '', columns: ['email'], sort: { column: 'email', direction: 'asc' } } });
  const hostileFilters: [string, unknown][] = [
    ['an unknown kind', [{ kind: 'matches-regex', property: 'email', values: ['.*'] }]],
    ['an operator field instead of a kind', [{ operator: 'is-any-of', property: 'email', values: ['a'] }]],
    ['values that are numbers', [{ kind: 'is-any-of', property: 'lifecyclestage', values: [1, 2] }]],
    ['values as one string', [{ kind: 'is-any-of', property: 'lifecyclestage', values: 'customer' }]],
    ['no values', [{ kind: 'is-any-of', property: 'lifecyclestage', values: [] }]],
    ['100,000 values', [{ kind: 'is-any-of', property: 'lifecyclestage', values: new Array(100_000).fill('customer') }]],
    ['a 10,000-character value', [{ kind: 'is-any-of', property: 'lifecyclestage', values: ['x'.repeat(10_000)] }]],
    ['1,000 filters', new Array(1_000).fill({ kind: 'is-empty', property: 'city' })],
    ['an SQL property name', [{ kind: 'is-empty', property: `city') OR 1=1; --` }]],
    ['an owner that is not an id', [{ kind: 'owner', owners: ['1 OR 1=1'] }]],
    ['a list id that is a path', [{ kind: 'list', listId: '../../etc/passwd' }]],
    ['a date that is not a day', [{ kind: 'date', property: 'createdate', range: { from: '2026-02-30', to: null } }]],
    ['a range that ends before it starts', [{ kind: 'date', property: 'createdate', range: { from: '2026-03-01', to: '2026-02-01' } }]],
    ['an unknown preset', [{ kind: 'date', property: 'createdate', range: { preset: 'last-century' } }]],
    ['a range with neither end', [{ kind: 'date', property: 'createdate', range: { from: null, to: null } }]],
    ['an extra field in a filter', [{ kind: 'is-empty', property: 'city', sql: 'DROP TABLE contacts' }]],
    ['an empty contains text', [{ kind: 'contains', property: 'city', text: '' }]],
    ['filters as an object', { kind: 'is-empty', property: 'city' }],
  ];
  for (const [how, filters] of hostileFilters) {
    const query = { search: '', sort: { column: 'email', direction: 'asc' }, columns: ['email'], offset: 0, limit: 50, filters };
    const exported = { columns: ['email'], scope: 'view', search: '', filters, viewName: 'Hostile', header: 'labels', format: 'csv', values: 'shown', excelFriendly: true, delimiter: ',' };
    for (const [channel, input] of [['saveView', view(filters)], ['updateView', { id: 'x', definition: view(filters).definition }], ['queryContacts', query], ['startExport', exported]] as const) {
      const result = await dispatch(channel, input);
      assert.ok(!result.ok && result.error.kind === 'bad-input', `${channel} with ${how} was not refused as bad input`);
    }
  }
  assert.equal(reached, 0, 'no hostile filter reached a handler');
  assert.ok((await dispatch('saveView', view([{ kind: 'is-empty', property: 'city' }]))).ok, 'a sound filter still passes');
});
