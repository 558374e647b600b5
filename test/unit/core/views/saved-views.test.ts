import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { isAppError } from '../../../../electron/core/errors.ts';
import { systemClock } from '../../../../electron/core/ports.ts';
import { createSavedViewsStore, type SavedViewsStore } from '../../../../electron/core/views/saved-views.ts';
import { openJsonFileStore } from '../../../../electron/preview/json-file-store.ts';
import type { ViewDefinition } from '../../../../electron/ipc/types.ts';

const quiet = { info() {}, warn() {}, error() {} };
const customers: ViewDefinition = {
  filters: [
    { kind: 'is-any-of', property: 'lifecyclestage', values: ['customer'] },
    { kind: 'owner', owners: ['me'] },
    { kind: 'date', property: 'createdate', range: { preset: 'this-quarter' } },
  ],
  search: 'acme',
  columns: ['firstname', 'lastname', 'email', 'lifecyclestage'],
  sort: { column: 'lastname', direction: 'desc' },
};

function storeFile(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'contact-desk-views-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'store.json');
}
const open = (file: string): SavedViewsStore => createSavedViewsStore(openJsonFileStore(file), systemClock, quiet);

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(isAppError(error) && error.kind === 'bad-input', `expected a bad-input AppError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected a refusal');
}

test('a saved view and the last used view survive a restart', (t) => {
  const file = storeFile(t);
  const saved = open(file).save('My customers', customers);
  assert.equal(open(file).state().lastUsed, saved.id, 'saving a view makes it the current one');

  const afterRestart = open(file);
  assert.deepEqual(afterRestart.state(), { saved: [saved], lastUsed: saved.id });
  assert.deepEqual(afterRestart.get(saved.id), { ...customers, id: saved.id, name: 'My customers', createdAt: saved.createdAt, updatedAt: saved.updatedAt });

  afterRestart.use('my-contacts');
  assert.equal(open(file).state().lastUsed, 'my-contacts');
});

test('names: refused with a reason when empty, too long, hidden or taken; otherwise kept exactly', (t) => {
  const views = open(storeFile(t));
  views.save('Kunden München', customers);
  assert.equal(refusal(() => views.save('', customers)), 'Give the view a name.');
  assert.equal(refusal(() => views.save('   ', customers)), 'Give the view a name.');
  assert.match(refusal(() => views.save('x'.repeat(500), customers)), /at most 100 characters long; this one has 500/);
  assert.match(refusal(() => views.save('Two\nlines', customers)), /line breaks/);
  assert.match(refusal(() => views.save('evil\u202Egnp.exe', customers)), /control characters/);
  assert.match(refusal(() => views.save('  kunden MÜNCHEN ', customers)), /already a view called “Kunden München”/);
  // the same name in decomposed Unicode (ü as u + combining diaeresis) is the same name
  assert.match(refusal(() => views.save('Kunden Mu\u0308nchen', customers)), /already a view called/);
  assert.match(refusal(() => views.save('my contacts', customers)), /already a view called “My contacts”/);

  for (const name of ['🎉 Launch 👩‍👩‍👧', 'לקוחות בתל אביב', 'عملاء مهمون', ' spaced ', '“Quoted” & <b>tagged</b>', '👩‍👩‍👧'.repeat(100)]) {
    assert.equal(views.save(name, customers).name, name);
  }
  assert.equal(views.state().saved.length, 7);
});

test('rename keeps the id; delete sends "last used" back to All contacts', (t) => {
  const file = storeFile(t);
  const views = open(file);
  const first = views.save('Leads', customers);
  const second = views.save('Customers', { ...customers, filters: [] });
  assert.match(refusal(() => views.update(first.id, { name: 'customers' })), /already a view called “Customers”/);
  const renamed = views.update(first.id, { name: 'LEADS' });
  assert.equal(renamed.id, first.id);
  assert.equal(renamed.name, 'LEADS');
  assert.deepEqual(renamed.filters, customers.filters, 'renaming keeps the filters');
  const resaved = views.update(first.id, { definition: { ...customers, search: '' } });
  assert.equal(resaved.name, 'LEADS');
  assert.equal(resaved.search, '');

  assert.equal(views.state().lastUsed, second.id);
  assert.deepEqual(views.remove(second.id).lastUsed, 'all-contacts');
  assert.deepEqual(open(file).state().saved.map((view) => view.name), ['LEADS']);
  assert.match(refusal(() => views.remove(second.id)), /no longer exists/);
  assert.match(refusal(() => views.use(second.id)), /no longer exists/);
});

test('a damaged saved view is dropped, the others still open', (t) => {
  const file = storeFile(t);
  const good = open(file).save('Good', customers);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { views: { saved: unknown[]; lastUsed: string } };
  data.views.saved.push({ ...good, id: 'broken', filters: [{ kind: 'regex', pattern: '.*' }] }, 'not a view');
  data.views.lastUsed = 'broken';
  writeFileSync(file, JSON.stringify(data));
  assert.deepEqual(open(file).state(), { saved: [good], lastUsed: 'all-contacts' });
});
