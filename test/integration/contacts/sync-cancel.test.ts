/**
 * Stopping a sync through the app's services against the sandbox over HTTP: a sync the user
 * stopped stays stopped until they (or the next interval) start one, even when the connection
 * check that began at sign-in answers after the stop.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstPortal, startAppWorld } from '../../security/app-world.ts';

test('a sync stopped by the user is not started again when the first connection check then answers', async (t) => {
  const world = await startAppWorld(t, { contacts: 500 });
  const { services, sandbox, nextEvent } = world;
  // slow enough that the sign-in's connection check is still waiting when the sync is stopped
  sandbox.admin.setLatency(1500);

  const syncRunning = nextEvent('syncProgress', (progress) => progress.running);
  await world.signIn(firstPortal.hubId);
  await syncRunning;

  const stopped = nextEvent('syncProgress', (progress) => !progress.running);
  const connected = nextEvent('statusChanged', (status) => status.state === 'connected');
  await services.handlers.cancelSync(undefined);
  assert.equal((await stopped).error?.kind, 'cancelled');
  assert.equal((await services.handlers.getStatus(undefined)).state, 'checking', 'the first check has not answered yet');

  // The check answers now; the status listener has run (and any sync it started has begun) by the time this resolves.
  await connected;
  const progress = await services.handlers.getSyncProgress(undefined);
  assert.equal(progress.running, false, 'the check answering must not restart the sync the user stopped');
  assert.equal(progress.error?.kind, 'cancelled');
});

test('when HubSpot answers again after an outage, a sync starts by itself', async (t) => {
  const world = await startAppWorld(t, { contacts: 30 });
  const { services, sandbox } = world;
  await world.signInAndSync(firstPortal.hubId);

  sandbox.admin.setFaults({ down: true });
  const down = await services.handlers.checkConnection(undefined);
  assert.equal(down.state, 'hubspot-unavailable');

  sandbox.admin.setFaults({});
  let syncStarted = false;
  const stopListening = services.onEvent((name, payload) => {
    if (name === 'syncProgress' && (payload as { running: boolean }).running) syncStarted = true;
  });
  t.after(stopListening);
  // the status listener runs while the check answers, before checkConnection resolves
  const back = await services.handlers.checkConnection(undefined);
  assert.notEqual(back.state, 'hubspot-unavailable');
  assert.equal(syncStarted, true, 'a sync starts as soon as HubSpot answers again');
});
