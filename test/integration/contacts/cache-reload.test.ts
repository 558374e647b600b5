/**
 * Issue 14, as the shells build the app (createServices): a cache worker that stops is replaced,
 * the page is told "reloading" then "ready", and then how many contacts are saved, which makes it
 * ask again for what it shows (ContactsScreen reloads the table on contactsChanged).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstPortal, startAppWorld } from '../../security/app-world.ts';

const faultyCacheWorker = new URL('../../support/faulty-cache-worker.ts', import.meta.url);

test('a cache worker that stops: the call fails with a sentence, then "reloading", "ready" and the saved count, in that order', { timeout: 60_000 }, async (t) => {
  const world = await startAppWorld(t, { contacts: 30, cacheWorkerEntry: faultyCacheWorker });
  await world.signInAndSync(firstPortal.hubId);
  await world.nextEvent('contactsChanged', ({ count }) => count === 30);

  const seen: string[] = [];
  world.services.onEvent((event, payload) => {
    if (event === 'cacheStatus') seen.push((payload as { state: string }).state);
    if (event === 'contactsChanged') seen.push(`${(payload as { count: number }).count} contacts`);
  });
  const announcedAfterReload = world.nextEvent('contactsChanged', () => seen.includes('ready'));
  const query = { search: 'crash now', sort: { column: 'lastname', direction: 'asc' as const }, columns: ['lastname'], offset: 0, limit: 10 };
  await assert.rejects(world.services.handlers.queryContacts(query), { message: 'Contact Desk is reloading your saved contacts. Try again in a moment.' });
  await announcedAfterReload;
  // Counts the sync asked for may still arrive after the one awaited above (one asked while it wrote,
  // then the one its end forced), before the reload's or while it runs: they must not stand in for
  // the count announced once the new worker is ready.
  const ready = seen.indexOf('ready');
  assert.ok(seen.indexOf('reloading') >= 0 && seen.indexOf('reloading') < ready, `events: ${seen.join(', ')}`);
  assert.deepEqual(seen.slice(ready), ['ready', '30 contacts']);
  assert.ok(seen.every((event) => event === 'reloading' || event === 'ready' || event === '30 contacts'), `events: ${seen.join(', ')}`);
  assert.equal((await world.services.handlers.queryContacts({ ...query, search: '' })).total, 30, 'nothing saved is lost');
});
