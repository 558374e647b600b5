import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPageMessages } from '../../../electron/desktop/page-messages.ts';

function page() {
  const delivered: string[] = [];
  const state = { loading: false };
  const messages = createPageMessages({ deliver: (channel, args) => void delivered.push(`${channel}:${args.join(',')}`), isLoading: () => state.loading });
  return { delivered, state, messages };
}

test('what is sent before the page has loaded waits for it, even though nothing is "loading" before loadURL', () => {
  const { delivered, messages } = page();
  messages.send('event', 'authChanged', 1);
  messages.send('event', 'statusChanged', 2);
  assert.deepEqual(delivered, [], 'isLoading() is false before loadURL: the queue cannot rely on it');
  messages.loaded();
  assert.deepEqual(delivered, ['event:authChanged,1', 'event:statusChanged,2']);
  messages.send('event', 'syncProgress', 3);
  assert.deepEqual(delivered.at(-1), 'event:syncProgress,3', 'after the load, messages go out at once');
});

test('while the page reloads (after a crash) messages wait again, in order', () => {
  const { delivered, state, messages } = page();
  messages.loaded();
  state.loading = true;
  messages.send('event', 'a');
  messages.send('event', 'b');
  assert.deepEqual(delivered, []);
  state.loading = false;
  messages.send('event', 'c');
  assert.deepEqual(delivered, [], 'nothing overtakes what is still waiting');
  messages.loaded();
  assert.deepEqual(delivered, ['event:a', 'event:b', 'event:c']);
});

test('a page that never loads does not make the queue grow without end', () => {
  const { delivered, messages } = page();
  for (let i = 0; i < 10_000; i++) messages.send('event', i);
  messages.loaded();
  assert.equal(delivered.length, 2_000);
  assert.equal(delivered.at(-1), 'event:9999', 'the newest are kept');
});
